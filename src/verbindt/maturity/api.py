"""Maturity levels over HTTP, with the same selectors and permissions as the pages."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import JSONField, OuterRef, Subquery
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from verbindt.core.api_support import (
    InvalidBody,
    Message,
    Pages,
    invalid_as_422,
    one_of,
    require_permission,
)
from verbindt.core.models import Region, SchoolYear
from verbindt.core.services import school_year_for_date, school_year_from_label
from verbindt.maturity import evidence, selectors
from verbindt.maturity.models import MaturityLevel, SchoolLevel
from verbindt.network.models import Organisation, OrganisationKind

router = Router(tags=["maturity"])


class LevelQuery(Schema):
    school_year: str = Field("", description="e.g. `2025-2026`; the current one when empty.")
    region: str = Field("", description="A region code; a regional coordinator only their own.")
    level: str = Field("", description=f"One of {one_of(MaturityLevel)}.")


class SchoolLevelOut(Schema):
    id: int
    name: str
    duo_code: str
    region: str | None = Field(description="Region code.")
    level: str = Field(description=f"From the recorded data: {one_of(MaturityLevel)}.")
    scan_level: str | None = Field(description="From the school's self-scan, if filled in.")
    criteria_met: list[str]
    criteria_unmet: list[str]

    @staticmethod
    def resolve_region(row: Organisation) -> str | None:
        return row.region.code if row.region else None

    @staticmethod
    def resolve_level(row: Any) -> str:
        return row.data_level or MaturityLevel.NONE

    @staticmethod
    def resolve_criteria_met(row: Any) -> list[str]:
        return [c["code"] for c in (row.assessment or {}).get("criteria", []) if c["met"]]

    @staticmethod
    def resolve_criteria_unmet(row: Any) -> list[str]:
        criteria = (row.assessment or {}).get("criteria", [{"code": "active", "met": False}])
        return [c["code"] for c in criteria if not c["met"]]


class LinkOut(Schema):
    text: str
    url: str


class CriterionOut(Schema):
    code: str
    level: str
    met: bool
    title: str
    detail: str
    evidence: list[LinkOut]
    next_step: LinkOut | None


class CollaborationLevelOut(Schema):
    id: int
    title: str
    level: str


class ScanOut(Schema):
    level: str
    comparison: str


class MaturityOut(Schema):
    organisation: int
    school_year: str
    level: str
    lead_collaboration: int | None = Field(description="The collaboration the criteria are of.")
    criteria: list[CriterionOut]
    collaborations: list[CollaborationLevelOut]
    scan: ScanOut | None


def _school_year(label: str) -> SchoolYear:
    if not label:
        return school_year_for_date()
    with invalid_as_422("school_year"):
        return school_year_from_label(label=label)


@router.get(
    "/maturity/schools",
    response={200: list[SchoolLevelOut], 403: Message, 422: InvalidBody},
    summary="Schools with their maturity level",
)
@paginate(Pages, page_size=20, max_page_size=100)
def school_levels(request: HttpRequest, filters: Query[LevelQuery]) -> Any:
    """The schools a coordinator answers for, with the level from the data (recomputed in the
    background after every change) and from the self-scan, and the criteria met and unmet."""
    require_permission(request, "maturity.list_levels")
    school_year = _school_year(filters.school_year)
    if filters.level and filters.level not in MaturityLevel.values:
        with invalid_as_422("level"):
            raise DjangoValidationError(_("Unknown level."), code="invalid")
    region = None
    if filters.region:
        region = selectors.regions_in_scope(request.user).filter(code=filters.region).first()
        if region is None:
            if Region.objects.filter(code=filters.region).exists():
                raise HttpError(403, _("You do not have permission to do this."))
            with invalid_as_422("region"):
                raise DjangoValidationError(_("Unknown region."), code="invalid")
    return selectors.level_table(
        user=request.user, school_year=school_year, region=region, level=filters.level
    ).annotate(
        assessment=Subquery(
            SchoolLevel.objects.filter(school_year=school_year, organisation=OuterRef("pk")).values(
                "assessment"
            )[:1],
            output_field=JSONField(),
        )
    )


@router.get(
    "/organisations/{int:id}/maturity",
    response={200: MaturityOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="A school's maturity level with the evidence",
)
def school_maturity(request: HttpRequest, id: int, school_year: str = "") -> MaturityOut:
    """Computed from the data as it is now: each criterion with the records that show it and,
    when not met, the next step and where to take it."""
    school = get_object_or_404(Organisation, pk=id, kind=OrganisationKind.VMBO_LOCATION)
    require_permission(request, "maturity.view_school_level", school)
    year = _school_year(school_year)
    report = evidence.school_report(school, year)
    return MaturityOut(
        organisation=school.pk,
        school_year=year.label,
        level=report.result.level.code,
        lead_collaboration=report.result.lead,
        criteria=[CriterionOut(**asdict(c)) for c in report.criteria],
        collaborations=report.collaborations,
        scan=report.scan and ScanOut(level=report.scan.level, comparison=report.comparison),
    )
