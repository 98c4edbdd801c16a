from django.urls import path

from verbindt.surveys import link_views, views

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("campaigns.<str:extension>", views.campaign_list_export, name="campaign_list_export"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/recipients/", views.recipients_choose, name="recipients_choose"),
    path(
        "<int:pk>/recipients/<int:recipient_pk>/remove/",
        views.recipient_remove,
        name="recipient_remove",
    ),
    path("<int:pk>/send/", views.campaign_send, name="campaign_send"),
    path("<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("<int:pk>/results/", views.campaign_results, name="campaign_results"),
    path("<int:pk>/<slug:table>.<str:extension>", views.campaign_export, name="campaign_export"),
    path("r/<str:key>/", link_views.survey_response, name="survey_response"),
]
