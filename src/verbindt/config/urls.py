from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from verbindt.collaborations import views as collaboration_views
from verbindt.config.api import api
from verbindt.placement import link_views as placement_link_views

urlpatterns = [
    path("", include("verbindt.core.urls")),
    path("accounts/", include("verbindt.accounts.urls")),
    path("organisations/", include("verbindt.network.urls")),
    path("collaborations/", include("verbindt.collaborations.urls")),
    path("maturity/", include("verbindt.maturity.urls")),
    path("placements/", include("verbindt.placement.urls")),
    path("monitor/", include("verbindt.monitor.urls")),
    path("surveys/", include("verbindt.surveys.urls")),
    path("choose/<str:key>/", placement_link_views.student_choice, name="student_choice"),
    path("calendar/<str:key>.ics", collaboration_views.calendar_feed, name="calendar_feed"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
