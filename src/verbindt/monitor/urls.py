from django.urls import path

from verbindt.monitor import exports, report_views, views

urlpatterns = [
    path("", views.dashboard, name="monitor_dashboard"),
    path("collaborations/", views.collaboration_list, name="monitor_collaborations"),
    path("stalled/", views.stalled_list, name="monitor_stalled"),
    path("schools/<int:pk>/", views.school_figures, name="monitor_school"),
    path("report/", report_views.monitor_report, name="monitor_report"),
    path("report/<int:pk>/", report_views.monitor_report_status, name="monitor_report_status"),
    path(
        "report/<int:pk>.pdf", report_views.monitor_report_download, name="monitor_report_download"
    ),
    path("<str:table>.<str:extension>", exports.table_export, name="monitor_export"),
]
