from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verbindt.core.form_flow import form_page
from verbindt.core.models import SchoolYear
from verbindt.core.permissions import require
from verbindt.core.services import school_year_for_date
from verbindt.core.tables import table_response
from verbindt.core.views import requested_school_year
from verbindt.maturity import evidence, rules, selectors, services
from verbindt.maturity.forms import LevelFilterForm, ScanForm, ThresholdsForm
from verbindt.maturity.models import LevelChange, MaturityLevel, MaturitySettings
from verbindt.maturity.scan import answered
from verbindt.network.models import Organisation, OrganisationKind

PAGE_SIZE = 50


def school(request: HttpRequest, pk: int) -> Organisation:
    """The school of the address; other kinds of organisation have no level (404)."""
    return get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.VMBO_LOCATION)


def _table(request: HttpRequest) -> tuple[LevelFilterForm, SchoolYear, Any]:
    query = request.GET.copy()
    query.setdefault("year", str(school_year_for_date().start_year))
    form = LevelFilterForm(query, regions=selectors.regions_in_scope(request.user))
    # An unknown value in one filter (an old bookmark) drops that filter, not the page.
    form.is_valid()
    school_year = form.cleaned_data.get("year") or school_year_for_date()
    table = selectors.level_table(
        user=request.user,
        school_year=school_year,
        level=form.cleaned_data.get("level", ""),
        **_filters(form),
    )
    return form, school_year, table


def _filters(form: LevelFilterForm) -> dict[str, Any]:
    """The table's filters but the year and the level (the counts per level use them too)."""
    data = form.cleaned_data
    return {
        "region": data.get("region"),
        "form": data.get("form", ""),
        "sector": data.get("sector", ""),
        "search": data.get("q", ""),
    }


@require_GET
@require("maturity.list_levels")
def level_list(request: HttpRequest) -> HttpResponse:
    form, school_year, table = _table(request)
    unfiltered = {k: v for k, v in request.GET.items() if k not in ("level", "page")}
    counts = selectors.level_counts(
        selectors.level_table(user=request.user, school_year=school_year, **_filters(form))
    )
    levels = [
        {
            "code": code,
            "label": label,
            "count": counts.get(code, 0),
            "url": "?" + urlencode({**unfiltered, "level": code}),
        }
        for code, label in MaturityLevel.choices
    ]
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(
        request,
        "maturity/level_list.html",
        {
            "form": form,
            "school_year": school_year,
            "levels": levels,
            "total": sum(level["count"] for level in levels),
            "page": Paginator(table, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query,
        },
    )


@require_GET
@require("maturity.list_levels")
def level_export(request: HttpRequest, extension: str) -> HttpResponse:
    _form, school_year, table = _table(request)
    labels = dict(MaturityLevel.choices)
    headers = [
        _("School"),
        _("DUO code"),
        _("Place"),
        _("Region"),
        _("School year"),
        _("Level from the data"),
        _("Level from the self-scan"),
    ]
    rows = (
        [
            row.name,
            row.duo_code,
            row.place or "",
            str(row.region or ""),
            school_year.label,
            str(labels.get(row.data_level or "none")),
            str(labels.get(row.scan_level, "")),
        ]
        for row in table
    )
    return table_response(extension, f"niveaus-{school_year.label}", headers, rows)


@require_GET
@require("maturity.view_school_level", fn=school)
def school_level(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = school(request, pk)
    school_year = requested_school_year(request)
    report = evidence.school_report(organisation, school_year)
    return render(
        request,
        "maturity/school_level.html",
        {
            "organisation": organisation,
            "school_year": school_year,
            "school_years": SchoolYear.objects.all(),
            "level": report.result.level.code,
            "levels": [
                {
                    "code": code,
                    "label": label,
                    "criteria": [c for c in report.criteria if c.level == code],
                    "reached": rules.Level.from_code(code) <= report.result.level,
                }
                for code, label in MaturityLevel.choices[1:]
            ],
            "report": report,
            "history": LevelChange.objects.filter(
                organisation=organisation, school_year=school_year
            )[:10],
            "can_scan": request.user.has_perm("maturity.fill_scan", organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@require("maturity.fill_scan", fn=school)
def self_scan(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = school(request, pk)
    school_year = requested_school_year(request)
    existing = selectors.self_scan(organisation, school_year)
    form = ScanForm(request.POST or None, initial=existing.answers if existing else None)
    done = reverse("school_level", args=(pk,)) + f"?year={school_year.start_year}"

    def save(data: dict[str, Any]) -> None:
        services.scan_save(
            organisation=organisation, school_year=school_year, answers=data, by=request.user
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("Self-scan %(year)s") % {"year": school_year.label},
        cancel=done,
        done=done,
        message=_("Your answers are saved; compare them with your recorded data below."),
        template="maturity/scan.html",
        context={
            "organisation": organisation,
            "school_year": school_year,
            "answers": answered(existing.answers) if existing else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require("maturity.edit_thresholds")
def thresholds(request: HttpRequest) -> HttpResponse:
    instance = MaturitySettings.objects.filter(pk=1).first() or MaturitySettings(pk=1)
    form = ThresholdsForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        save=lambda data: services.thresholds_save(data=data),
        title=_("Thresholds of the maturity levels"),
        cancel=reverse("level_list"),
        done=reverse("level_list"),
        message=_("The thresholds are saved; every school's level is being recomputed."),
    )
