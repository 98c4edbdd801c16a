"""The printed report on the web: ask for it, watch it being made, download the PDF."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import objectgetter

from verbindt.core.permissions import require
from verbindt.monitor.models import Report
from verbindt.monitor.report import report_filename, report_scope
from verbindt.monitor.selectors import Scope, scope_for
from verbindt.monitor.services import report_create

SCOPE_FIELDS = ("year", "region", "form", "sector")


def _scope(request: HttpRequest) -> Scope:
    """The dashboard's scope fields, posted (or in the address): another region than one's own
    is a 403 (PermissionDenied), an unknown value a 404 — as ``web.scope_from_request``."""
    values = {name: request.POST.get(name) or request.GET.get(name, "") for name in SCOPE_FIELDS}
    try:
        return scope_for(
            request.user,
            school_year=values["year"].strip(),
            region=values["region"].strip(),
            form=values["form"].strip(),
            sector=values["sector"].strip(),
        )
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error


@require_POST
@require("monitor.view_dashboard")
def monitor_report(request: HttpRequest) -> HttpResponse:
    report = report_create(
        scope=_scope(request), by=request.user, language=translation.get_language() or ""
    )
    return redirect("monitor_report_status", report.pk)


_report = objectgetter(Report.objects.defer("pdf"), "pk")


@require_GET
@require("monitor.view_report", fn=_report)
def monitor_report_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.defer("pdf").select_related("school_year", "region"), pk=pk
    )
    context = {"report": report, "query": urlencode(report_scope(report).query())}
    # While it is made, htmx asks for the progress part every second.
    template = "monitor/report_progress.html" if request.htmx else "monitor/report_status.html"
    return render(request, template, context)


@require_GET
@require("monitor.view_report", fn=_report)
def monitor_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.select_related("school_year", "region"), pk=pk, status=Report.Status.DONE
    )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    filename = report_filename(report_scope(report))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
