from django.urls import path

from verbindt.placement import views

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("<int:pk>/open/", views.round_open, name="round_open"),
    path("<int:pk>/places/new/", views.place_add, name="place_add"),
    path("<int:pk>/places/<int:place_pk>/remove/", views.place_remove, name="place_remove"),
    path("<int:pk>/students/new/", views.student_add, name="student_add"),
    path("<int:pk>/students/import/", views.students_import, name="students_import"),
    path("<int:pk>/students/<int:student_pk>/", views.student_edit, name="student_edit"),
    path(
        "<int:pk>/students/<int:student_pk>/remove/",
        views.student_remove,
        name="student_remove",
    ),
    path(
        "<int:pk>/students/<int:student_pk>/choices/",
        views.preferences_edit,
        name="preferences_edit",
    ),
    path(
        "<int:pk>/students/<int:student_pk>/link/",
        views.student_link_create,
        name="student_link_create",
    ),
    path(
        "<int:pk>/students/<int:student_pk>/link/revoke/",
        views.student_link_revoke,
        name="student_link_revoke",
    ),
    path("<int:pk>/run/", views.round_run, name="round_run"),
    path("<int:pk>/review/", views.round_review, name="round_review"),
    path("<int:pk>/adjust/", views.assignment_adjust, name="assignment_adjust"),
    path("<int:pk>/publish/", views.round_publish, name="round_publish"),
    path("<int:pk>/result.<str:extension>", views.round_export, name="round_export"),
    path("<int:pk>/hosted/", views.hosted_students, name="hosted_students"),
]
