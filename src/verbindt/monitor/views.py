"""The monitor's pages: the coordinators' dashboard, the lists behind its figures and a
school's own figures beside the averages. Each view parses the address, asks the selectors
and renders; the figures themselves live in ``monitor.selectors``."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from rules.contrib.views import objectgetter

from verbindt.collaborations.models import Bottleneck, Form, Partner
from verbindt.core.models import SchoolYear
from verbindt.core.permissions import require
from verbindt.core.views import requested_school_year
from verbindt.maturity.models import MaturityLevel
from verbindt.maturity.selectors import regions_in_scope
from verbindt.monitor import selectors
from verbindt.monitor.selectors import Scope
from verbindt.monitor.web import scope_from_request
from verbindt.network.models import Organisation, OrganisationKind, Sector

PAGE_SIZE = 50
SCHOOLS = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
LEVEL_LABELS = dict(MaturityLevel.choices)


class ScopeForm(forms.Form):
    """The dashboard's filters, shown with the scope's values; ``scope_from_request`` has
    already checked them (an unknown value is a 404, another region a 403)."""

    year = forms.ChoiceField(label=gettext_lazy("School year"))
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    form = forms.ChoiceField(
        label=gettext_lazy("Form"),
        required=False,
        choices=[("", gettext_lazy("All forms")), *Form.choices],
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector of the institution"),
        required=False,
        choices=[("", gettext_lazy("All sectors")), *Sector.choices],
    )

    def __init__(self, *, scope: Scope, user: Any) -> None:
        super().__init__(
            initial={
                "year": scope.school_year.start_year,
                "region": scope.region.code if scope.region else "",
                "form": scope.form,
                "sector": scope.sector,
            }
        )
        self.fields["year"].choices = [
            (year.start_year, year.label) for year in SchoolYear.objects.order_by("-start_year")
        ]
        regions = [(region.code, region.name) for region in regions_in_scope(user)]
        if len(regions) > 1:  # a regional coordinator sees their own region only
            regions.insert(0, ("", _("All regions (the Netherlands)")))
        self.fields["region"].choices = regions


def _link(name: str, scope: Scope, **extra: Any) -> str:
    return reverse(name) + "?" + urlencode(scope.query(**extra))


def _level_link(scope: Scope, region: Any, level: str = "") -> str:
    """The maturity table behind a count, filtered as the count is: the scope's year, form
    and sector, the row's region and the column's level."""
    params = {k: v for k, v in scope.query().items() if k != "region"}
    if region is not None:
        params["region"] = region.code
    if level:
        params["level"] = level
    return reverse("level_list") + "?" + urlencode(params)


def _share(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _exports(scope: Scope, table: str) -> dict[str, str]:
    query = urlencode(scope.query())
    return {
        extension: reverse("monitor_export", args=(table, extension)) + "?" + query
        for extension in ("csv", "xlsx")
    }


def _level_rows(board: selectors.Dashboard) -> list[dict[str, Any]]:
    scope = board.scope
    rows = [
        {
            "name": row.region.name if row.region else _("No region"),
            "total": row.total,
            "total_url": _level_link(scope, row.region) if row.region else "",
            "cells": [
                {
                    "count": row.counts[level],
                    "share": _share(row.counts[level], row.total),
                    "url": _level_link(scope, row.region, level) if row.region else "",
                }
                for level in selectors.LEVELS
            ],
        }
        for row in board.levels
    ]
    if len(rows) == 1:
        return rows
    total = board.level_total
    rows.append(
        {
            "name": scope.label,
            "is_total": True,
            "total": total.total,
            "total_url": _level_link(scope, scope.region),
            "cells": [
                {
                    "count": total.counts[level],
                    "share": _share(total.counts[level], total.total),
                    "url": _level_link(scope, scope.region, level),
                }
                for level in selectors.LEVELS
            ],
        }
    )
    return rows


def _charts(board: selectors.Dashboard, links: dict[str, Any]) -> dict[str, Any]:
    """What monitor.js draws: labels, series and the address behind each bar or point."""
    regions = [row for row in board.levels if row.region is not None]
    trend_labels = [row.school_year.label for row in board.trends]
    return {
        "levels": {
            "type": "bar",
            "stacked": True,
            "labels": [row.region.name for row in regions] or [board.scope.label],
            "datasets": [
                {
                    "label": str(LEVEL_LABELS[level]),
                    "colour": f"level-{level}",
                    "data": [row.counts[level] for row in regions]
                    or [board.level_total.counts[level]],
                    "links": [_level_link(board.scope, row.region, level) for row in regions]
                    or [_level_link(board.scope, board.scope.region, level)],
                }
                for level in selectors.LEVELS
            ],
        },
        "forms": {
            "type": "bar",
            "horizontal": True,
            "labels": [row.label for row in board.forms],
            "datasets": [
                {
                    "label": _("Collaborations"),
                    "colour": "series-0",
                    "data": [row.collaborations for row in board.forms],
                    "links": links["forms"],
                },
                {
                    "label": _("Sessions"),
                    "colour": "series-1",
                    "data": [row.sessions for row in board.forms],
                    "links": links["forms"],
                },
            ],
        },
        "combinations": {
            "type": "bar",
            "labels": [str(label) for label in selectors.COMBINATIONS.values()],
            "datasets": [
                {
                    "label": _("Collaborations"),
                    "colour": "series-0",
                    "data": list(board.combinations.values()),
                    "links": links["combinations"],
                }
            ],
        },
        "bottlenecks": {
            "type": "bar",
            "horizontal": True,
            "labels": [label for _code, label, _n in board.bottlenecks],
            "datasets": [
                {
                    "label": _("Collaborations naming it"),
                    "colour": "series-2",
                    "data": [n for _code, _label, n in board.bottlenecks],
                    "links": links["bottlenecks"],
                }
            ],
        },
        "hours": {
            "type": "bar",
            "labels": [str(label) for label in selectors.HOUR_KINDS.values()],
            "datasets": [
                {
                    "label": _("Facilitated (year plans)"),
                    "colour": "series-0",
                    "data": list(board.hours.facilitated.values()),
                },
                {
                    "label": _("Spent (sessions)"),
                    "colour": "series-1",
                    "data": list(board.hours.spent.values()),
                },
            ],
        },
        "trend_levels": {
            "type": "line",
            "labels": trend_labels,
            "datasets": [
                {
                    "label": str(LEVEL_LABELS[level]),
                    "colour": f"level-{level}",
                    "data": [row.levels[level] for row in board.trends],
                }
                for level in selectors.LEVELS
            ],
        },
        "trend_activity": {
            "type": "line",
            "labels": trend_labels,
            "datasets": [
                {
                    "label": _("Collaborations"),
                    "colour": "series-0",
                    "data": [row.collaborations for row in board.trends],
                },
                {
                    "label": _("Sessions"),
                    "colour": "series-1",
                    "data": [row.sessions for row in board.trends],
                },
                {
                    "label": _("Students reached (right axis)"),
                    "colour": "series-2",
                    "axis": "right",
                    "data": [row.students for row in board.trends],
                },
            ],
        },
    }


@require_GET
@require("monitor.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_from_request(request)
    board = selectors.dashboard(scope)
    total = board.level_total
    forms_ = [
        {"row": row, "url": _link("monitor_collaborations", scope, form=row.code)}
        for row in board.forms
    ]
    combinations = [
        {
            "code": code,
            "label": label,
            "count": board.combinations[code],
            "share": _share(board.combinations[code], board.collaborations),
            "url": _link("monitor_collaborations", scope, combination=code),
        }
        for code, label in selectors.COMBINATIONS.items()
    ]
    bottlenecks = [
        {
            "code": code,
            "label": label,
            "count": n,
            "url": _link("monitor_collaborations", scope, bottleneck=code),
        }
        for code, label, n in board.bottlenecks
    ]
    links = {
        "forms": [row["url"] for row in forms_],
        "combinations": [row["url"] for row in combinations],
        "bottlenecks": [row["url"] for row in bottlenecks],
    }
    hours = [
        {
            "label": label,
            "facilitated": board.hours.facilitated[kind],
            "spent": board.hours.spent[kind],
            "share": _share(board.hours.spent[kind], board.hours.facilitated[kind]),
        }
        for kind, label in selectors.HOUR_KINDS.items()
    ]
    advanced = total.counts[MaturityLevel.STRUCTURAL] + total.counts[MaturityLevel.LEARNING_LINE]
    return render(
        request,
        "monitor/dashboard.html",
        {
            "scope": scope,
            "board": board,
            "filter_form": ScopeForm(scope=scope, user=request.user),
            "query": urlencode(scope.query()),
            "report_fields": scope.query(),  # the report covers what the page shows
            "level_codes": [(code, LEVEL_LABELS[code]) for code in selectors.LEVELS],
            "level_rows": _level_rows(board),
            "advanced_share": _share(advanced, total.total),
            "students": sum(row.students for row in board.forms),
            "forms": forms_,
            "combinations": combinations,
            "bottlenecks": bottlenecks,
            "hours": hours,
            "hours_share": _share(board.hours.spent_total, board.hours.facilitated_total),
            "links": {
                "schools": _level_link(scope, scope.region),
                "advanced": _level_link(scope, scope.region, MaturityLevel.STRUCTURAL),
                "collaborations": _link("monitor_collaborations", scope),
                "stalled": _link("monitor_stalled", scope),
            },
            "exports": {
                table: _exports(scope, table)
                for table in (
                    "levels",
                    "forms",
                    "combinations",
                    "bottlenecks",
                    "hours",
                    "trends",
                    "stalled",
                )
            },
            "trend_rows": [
                {
                    "school_year": row.school_year,
                    "counts": [row.levels[level] for level in selectors.LEVELS],
                    "collaborations": row.collaborations,
                    "sessions": row.sessions,
                    "students": row.students,
                }
                for row in board.trends
            ],
            "charts": _charts(board, links),
            "map_points": [
                {**point, "level_label": str(LEVEL_LABELS[point["level"]])}
                for point in selectors.level_map_points(scope)
            ],
        },
    )


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@require("monitor.view_dashboard")
def collaboration_list(request: HttpRequest) -> HttpResponse:
    """The collaborations behind a figure: the scope's, of one partner combination or naming
    one bottleneck (the form comes with the scope)."""
    scope = scope_from_request(request)
    combination = request.GET.get("combination", "")
    bottleneck = request.GET.get("bottleneck", "")
    rows = selectors.collaborations_in(scope)
    about = ""
    if combination:
        if combination not in selectors.COMBINATIONS:
            raise Http404(combination)
        rows = rows.filter(pk__in=selectors.collaborations_with_combination(scope, combination))
        about = str(selectors.COMBINATIONS[combination])
    if bottleneck:
        if bottleneck not in Bottleneck.values:
            raise Http404(bottleneck)
        rows = rows.filter(pk__in=selectors.collaborations_with_bottleneck(scope, bottleneck))
        about = _("bottleneck: %(name)s") % {"name": Bottleneck(bottleneck).label}
    rows = rows.order_by("title", "pk").prefetch_related(
        "forms",
        Prefetch(
            "partners",
            Partner.objects.select_related("organisation").order_by("organisation__name"),
        ),
    )
    extra = {"combination": combination, "bottleneck": bottleneck}
    return render(
        request,
        "monitor/collaboration_list.html",
        {
            "scope": scope,
            "about": about,
            "form_label": Form(scope.form).label if scope.form else "",
            "sector_label": Sector(scope.sector).label if scope.sector else "",
            "page": _page(request, rows),
            "query": urlencode(scope.query(**extra)),
            "dashboard_url": _link("monitor_dashboard", scope),
        },
    )


@require_GET
@require("monitor.view_dashboard")
def stalled_list(request: HttpRequest) -> HttpResponse:
    """Every school of the scope whose outreach stalls, most attempts first."""
    scope = scope_from_request(request)
    return render(
        request,
        "monitor/stalled_list.html",
        {
            "scope": scope,
            "page": _page(request, selectors.stalled_outreach(scope)),
            "query": urlencode(scope.query()),
            "dashboard_url": _link("monitor_dashboard", scope),
            "exports": _exports(scope, "stalled"),
        },
    )


@require_GET
@require("monitor.view_school_figures", fn=objectgetter(SCHOOLS, "pk"))
def school_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """A school's own figures beside the average school of its region and of the nation."""
    school = get_object_or_404(SCHOOLS.select_related("region"), pk=pk)
    school_year = requested_school_year(request)
    shares = selectors.level_shares(school, school_year)
    levels = [
        {
            "code": code,
            "label": LEVEL_LABELS[code],
            "own": code == shares["own"],
            "region": round(100 * shares["region"][code], 1),
            "nation": round(100 * shares["nation"][code], 1),
        }
        for code in selectors.LEVELS
    ]
    chart = {
        "type": "bar",
        "percent": True,
        "labels": [str(level["label"]) for level in levels],
        "datasets": [
            {
                "label": _("Schools in region %(region)s")
                % {"region": school.region.name if school.region else "—"},
                "colour": "series-0",
                "data": [level["region"] for level in levels],
            },
            {
                "label": _("Schools in the Netherlands"),
                "colour": "series-1",
                "data": [level["nation"] for level in levels],
            },
        ],
    }
    return render(
        request,
        "monitor/school.html",
        {
            "school": school,
            "school_year": school_year,
            "school_years": SchoolYear.objects.order_by("-start_year"),
            "comparison": selectors.school_comparison(school, school_year),
            "own_level": shares["own"],
            "levels": levels,
            "charts": {"levels": chart},
        },
    )
