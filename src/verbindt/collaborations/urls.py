from django.urls import path

from verbindt.collaborations import views

urlpatterns = [
    path("", views.collaboration_board, name="collaboration_board"),
    path("new/", views.collaboration_create, name="collaboration_create"),
    path("sessions/", views.session_calendar, name="session_calendar"),
    path("sessions/feeds/", views.calendar_feed_create, name="calendar_feed_create"),
    path(
        "sessions/feeds/<int:feed_pk>/revoke/",
        views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("<int:pk>/", views.collaboration_detail, name="collaboration_detail"),
    path("<int:pk>/edit/", views.collaboration_edit, name="collaboration_edit"),
    path("<int:pk>/status/", views.collaboration_status, name="collaboration_status"),
    path("<int:pk>/partners/", views.partners, name="partners"),
    path("<int:pk>/partners/new/", views.partner_add, name="partner_add"),
    path("<int:pk>/partners/<int:partner_pk>/", views.partner_save, name="partner_save"),
    path(
        "<int:pk>/partners/<int:partner_pk>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path("<int:pk>/log/", views.log_entry_add, name="log_entry_add"),
    path("<int:pk>/evaluations/", views.evaluation_add, name="evaluation_add"),
    path("<int:pk>/sessions/new/", views.session_add, name="session_add"),
    path("<int:pk>/series/new/", views.series_add, name="series_add"),
    path("<int:pk>/learning-line/", views.learning_line, name="learning_line"),
    path("<int:pk>/learning-line/alignment/", views.alignment_save, name="alignment_save"),
    path("<int:pk>/learning-line/links/", views.learning_link_add, name="learning_link_add"),
    path("<int:pk>/learning-line/meetings/", views.meeting_add, name="meeting_add"),
    path(
        "<int:pk>/learning-line/meetings/<int:meeting_pk>/actions/",
        views.action_item_add,
        name="action_item_add",
    ),
    path(
        "<int:pk>/learning-line/actions/<int:item_pk>/toggle/",
        views.action_item_toggle,
        name="action_item_toggle",
    ),
    path("<int:pk>/plans/<int:year>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/plans/<int:year>/save/", views.plan_save, name="plan_save"),
    path("<int:pk>/plans/<int:year>/agreements/", views.agreement_save, name="agreement_create"),
    path(
        "<int:pk>/plans/<int:year>/agreements/<int:agreement_pk>/",
        views.agreement_save,
        name="agreement_save",
    ),
    path("<int:pk>/plans/<int:year>/confirm/", views.plan_confirm, name="plan_confirm"),
    path("<int:pk>/plans/<int:year>/copy/", views.plan_copy, name="plan_copy"),
    path(
        "<int:pk>/plans/<int:year>/plan.<str:extension>",
        views.plan_document,
        name="plan_document",
    ),
]
