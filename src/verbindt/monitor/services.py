"""Writes of the monitor: the reports people ask for on a page, made by a worker."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verbindt.monitor.models import Report
from verbindt.monitor.report import STEPS, report_pdf, report_scope
from verbindt.monitor.selectors import Scope


@transaction.atomic
def report_create(*, scope: Scope, by: Any, language: str = "") -> Report:
    """Store the request and queue it; the worker's task calls ``report_run``."""
    from verbindt.monitor.tasks import make_report  # the task module imports this one

    report = Report(
        requested_by=by,
        school_year=scope.school_year,
        region=scope.region,
        form=scope.form,
        sector=scope.sector,
        language=language or settings.LANGUAGE_CODE,
        total=STEPS,
    )
    report.full_clean()
    report.save()
    make_report.enqueue(report.pk)
    return report


def report_run(*, report_id: int) -> Report | None:
    """Make a queued report: its progress while it runs, then the PDF or why it failed."""
    # Claimed with a conditional update so two workers never make the same report.
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.RUNNING, done=0, total=STEPS
    )
    report = Report.objects.filter(pk=report_id).select_related("school_year", "region").first()
    if not claimed or report is None:
        return report

    def progress(done: int, total: int) -> None:
        # Outside any transaction: the page polling it sees each step at once.
        Report.objects.filter(pk=report_id).update(done=done, total=total)

    try:
        pdf = report_pdf(report_scope(report), progress=progress, language=report.language)
    except Exception:
        with translation.override(report.language):
            error = _("The report could not be made because of an unexpected error.")
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, error=error, finished_at=timezone.now()
        )
        raise
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.DONE, pdf=pdf, done=STEPS, total=STEPS, finished_at=timezone.now()
    )
    report.refresh_from_db()
    return report
