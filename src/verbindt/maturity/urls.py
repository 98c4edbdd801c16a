from django.urls import path

from verbindt.maturity import views

urlpatterns = [
    path("", views.level_list, name="level_list"),
    path("levels.<str:extension>", views.level_export, name="level_export"),
    path("thresholds/", views.thresholds, name="maturity_thresholds"),
    path("schools/<int:pk>/", views.school_level, name="school_level"),
    path("schools/<int:pk>/scan/", views.self_scan, name="self_scan"),
]
