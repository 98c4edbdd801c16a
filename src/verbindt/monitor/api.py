"""The monitor over HTTP: the same figures and the same scoping as the dashboard."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from verbindt.collaborations.models import Form
from verbindt.core.api_support import InvalidBody, Message, one_of, require_permission
from verbindt.monitor import selectors
from verbindt.monitor.selectors import Scope
from verbindt.network.models import Sector
from verbindt.surveys.selectors import bottleneck_answer_counts

router = Router(tags=["monitor"])


class ScopeQuery(Schema):
    school_year: str = Field("", description="e.g. `2025-2026`; the current one when empty.")
    region: str = Field(
        "", description="A region code; empty is the nation (a regional coordinator: theirs)."
    )
    form: str = Field("", description=f"Only collaborations of this form: {one_of(Form)}.")
    sector: str = Field(
        "", description=f"Only collaborations with an institution of this sector: {one_of(Sector)}."
    )


def _scope(request: HttpRequest, query: ScopeQuery) -> Scope:
    require_permission(request, "monitor.view_dashboard")
    try:
        return selectors.scope_for(request.user, **query.dict())
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except DjangoValidationError as error:
        raise NinjaValidationError(
            [
                {"type": "invalid", "loc": ["query", name], "msg": message}
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


class Area(Schema):
    school_year: str
    region: str | None = Field(description="Region code; null for the nation.")


def _area(scope: Scope) -> dict[str, Any]:
    return {
        "school_year": scope.school_year.label,
        "region": scope.region.code if scope.region else None,
    }


class LevelCounts(Schema):
    region: str | None = Field(description="Region code; null for schools without a region.")
    counts: dict[str, int] = Field(description="Schools per level: none, incidental, …")
    total: int


class LevelsOut(Area):
    regions: list[LevelCounts]
    total: LevelCounts


def _counts(row: selectors.LevelRow) -> dict[str, Any]:
    return {
        "region": row.region.code if row.region else None,
        "counts": row.counts,
        "total": row.total,
    }


RESPONSES = {403: Message, 422: InvalidBody}


@router.get("/levels", response={200: LevelsOut, **RESPONSES}, summary="Schools per level")
def levels(request: HttpRequest, query: Query[ScopeQuery]) -> Any:
    """Schools per maturity level and region, from the levels stored after every change."""
    scope = _scope(request, query)
    rows = selectors.level_distribution(scope)
    return {
        **_area(scope),
        "regions": [_counts(row) for row in rows],
        "total": _counts(selectors.level_totals(rows)),
    }


class FormOut(Schema):
    form: str
    label: str
    collaborations: int
    sessions: int
    students: int = Field(description="Students reached by the sessions of the school year.")


class FormsOut(Area):
    forms: list[FormOut]
    combinations: dict[str, int] = Field(
        description="Collaborations by who works together: "
        + ", ".join(f"`{code}`" for code in selectors.COMBINATIONS)
    )


@router.get("/forms", response={200: FormsOut, **RESPONSES}, summary="Collaborations by form")
def forms(request: HttpRequest, query: Query[ScopeQuery]) -> Any:
    scope = _scope(request, query)
    return {
        **_area(scope),
        "forms": [
            {
                "form": row.code,
                "label": row.label,
                "collaborations": row.collaborations,
                "sessions": row.sessions,
                "students": row.students,
            }
            for row in selectors.form_figures(scope)
        ],
        "combinations": selectors.partner_combinations(scope),
    }


class BottleneckOut(Schema):
    bottleneck: str
    label: str
    collaborations: int = Field(description="Collaborations naming it that school year.")
    survey_answers: int = Field(
        description="How often it was chosen in the year's surveys (campaigns with ≥ 5 responses)."
    )


class BottlenecksOut(Area):
    bottlenecks: list[BottleneckOut]
    stalled_schools: int = Field(
        description="Schools whose contact attempts that year led to no agreement."
    )


@router.get("/bottlenecks", response={200: BottlenecksOut, **RESPONSES}, summary="What holds back")
def bottlenecks(request: HttpRequest, query: Query[ScopeQuery]) -> Any:
    scope = _scope(request, query)
    answers = bottleneck_answer_counts(school_year=scope.school_year, region=scope.region)
    return {
        **_area(scope),
        "bottlenecks": [
            {
                "bottleneck": code,
                "label": label,
                "collaborations": n,
                "survey_answers": answers[code],
            }
            for code, label, n in selectors.bottleneck_figures(scope)
        ],
        "stalled_schools": selectors.stalled_outreach(scope).count(),
    }


class TrendOut(Schema):
    school_year: str
    levels: dict[str, int]
    collaborations: int
    sessions: int
    students: int


class TrendsOut(Area):
    years: list[TrendOut]


@router.get("/trends", response={200: TrendsOut, **RESPONSES}, summary="Over school years")
def trends(request: HttpRequest, query: Query[ScopeQuery]) -> Any:
    """The last five school years up to the one asked for."""
    scope = _scope(request, query)
    return {
        **_area(scope),
        "years": [
            {
                "school_year": row.school_year.label,
                "levels": row.levels,
                "collaborations": row.collaborations,
                "sessions": row.sessions,
                "students": row.students,
            }
            for row in selectors.trends(scope)
        ],
    }
