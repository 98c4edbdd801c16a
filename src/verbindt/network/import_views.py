"""The import pages: upload a file, watch the progress, read the report, save a checked file."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verbindt.core.models import ImportJob
from verbindt.core.permissions import require
from verbindt.network import imports
from verbindt.network.importers.files import MAX_IMPORT_BYTES
from verbindt.network.importers.organisations import template_csv, template_xlsx

RUNNING = {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is in the file"), choices=imports.IMPORT_KINDS.items())
    file = forms.FileField(label=_("File"))
    school_year = forms.CharField(
        label=_("School year of the exam file"),
        required=False,
        help_text=_("e.g. 2024-2025; read from the file name when empty."),
    )
    include_all = forms.BooleanField(
        label=_("All school locations, not only those with VBO or MAVO"), required=False
    )
    dry_run = forms.BooleanField(
        label=_("Check only: show what would change, save nothing"), required=False, initial=True
    )


def _jobs_of(request: HttpRequest):  # type: ignore[no-untyped-def]
    return ImportJob.objects.filter(created_by=request.user).defer("content")


@require_http_methods(["GET", "POST"])
@require("network.import")
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        options = {"all": form.cleaned_data["include_all"]}
        if form.cleaned_data["school_year"]:
            options["school_year"] = form.cleaned_data["school_year"].strip()
        try:
            job = imports.import_job_create(
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                # The size is checked by import_job_create before anything is stored.
                data=upload.read(MAX_IMPORT_BYTES + 1),
                options=options,
                dry_run=form.cleaned_data["dry_run"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("import_job", job.pk)
    return render(
        request,
        "network/import_start.html",
        {"form": form, "jobs": _jobs_of(request)[:10]},
        status=400 if form.errors else 200,
    )


@require_GET
@require("network.import")
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs_of(request), pk=pk)
    context = {"job": job, "running": job.status in RUNNING}
    if job.report and "error" not in job.report:
        context["report"] = imports.ImportReport.from_dict(job.report)
    # While it runs, htmx asks for the progress part every second.
    template = "network/_import_progress.html" if request.htmx else "network/import_job.html"
    return render(request, template, context)


@require_POST
@require("network.import")
def import_job_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a file that was checked first: the same file again, now for real."""
    checked = get_object_or_404(
        ImportJob.objects.filter(created_by=request.user), pk=pk, status=ImportJob.Status.PREVIEWED
    )
    job = imports.import_job_create(
        kind=checked.kind,
        filename=checked.filename,
        data=bytes(checked.content),
        options=checked.options,
        dry_run=False,
        by=request.user,
    )
    return redirect("import_job", job.pk)


@require_GET
@require("network.import")
def import_template(request: HttpRequest, extension: str) -> HttpResponse:
    if extension == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        body = template_xlsx()
    else:
        content_type, body = "text/csv; charset=utf-8", template_csv()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="verbindt-organisaties.{extension}"'
    return response
