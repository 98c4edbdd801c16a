from django.urls import path

from verbindt.network import import_views, views

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("map/", views.organisation_map, name="organisation_map"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("import/", import_views.import_start, name="import_start"),
    path("import/<int:pk>/", import_views.import_job, name="import_job"),
    path("import/<int:pk>/save/", import_views.import_job_save, name="import_job_save"),
    path(
        "import/template.<str:extension>",
        import_views.import_template,
        name="import_template",
    ),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/locations/new/", views.location_edit, name="location_create"),
    path("<int:pk>/locations/<int:location_pk>/", views.location_edit, name="location_edit"),
    path(
        "<int:pk>/locations/<int:location_pk>/delete/",
        views.location_delete,
        name="location_delete",
    ),
    path("<int:pk>/contacts/new/", views.contact_edit, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/remove/",
        views.contact_anonymise,
        name="contact_anonymise",
    ),
    path("<int:pk>/qualifications/new/", views.qualification_create, name="qualification_create"),
    path(
        "<int:pk>/qualifications/<int:qualification_pk>/delete/",
        views.qualification_delete,
        name="qualification_delete",
    ),
    path("<int:pk>/merge/", views.organisation_merge, name="organisation_merge"),
    path(
        "<int:pk>/merge/<int:other_pk>/",
        views.organisation_merge_confirm,
        name="organisation_merge_confirm",
    ),
]
