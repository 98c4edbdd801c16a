"""Reads of the registry: search with filters and sorting, detail, map points, counts."""

from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.core.models import HolidayRegion, Province
from verbindt.network.models import (
    Contact,
    Location,
    Organisation,
    OrganisationKind,
    Sector,
    ZwCandidateCount,
)

# Sort keys offered to users → ORDER BY; the name breaks ties so pages are stable.
SORTS = {
    "name": ["name", "pk"],
    "-name": ["-name", "-pk"],
    "kind": ["kind", "name", "pk"],
    "place": ["main_place", "name", "pk"],
    "region": ["region__name", "name", "pk"],
    "-updated": ["-updated_at", "pk"],
}


@dataclass(frozen=True)
class OrganisationFilters:
    """What a user can filter the registry on; empty means no filter."""

    q: str = ""
    kind: str = ""
    region: str = ""
    province: str = ""
    holiday_region: str = ""
    sector: str = ""
    teaches_zw: bool | None = None
    sbb_recognised: bool | None = None
    sort: str = "name"

    @classmethod
    def from_query(cls, params: Any) -> "OrganisationFilters":
        """From request.GET (or any mapping); unknown values are ignored, not errors."""

        def choice(name: str, allowed: list[str]) -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        def flag(name: str) -> bool | None:
            return {"1": True, "true": True, "0": False, "false": False}.get(
                (params.get(name) or "").lower()
            )

        return cls(
            q=(params.get("q") or "").strip()[:100],
            kind=choice("kind", OrganisationKind.values),
            region=(params.get("region") or "").strip()[:40],
            province=choice("province", Province.values),
            holiday_region=choice("holiday_region", HolidayRegion.values),
            sector=choice("sector", Sector.values),
            teaches_zw=flag("teaches_zw"),
            sbb_recognised=flag("sbb_recognised"),
            sort=choice("sort", list(SORTS)) or "name",
        )

    def as_query(self) -> dict[str, str]:
        """The non-empty filters as query parameters (for links that keep them)."""
        query = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value not in ("", None) and not (field.name == "sort" and value == "name"):
                query[field.name] = str(int(value)) if isinstance(value, bool) else value
        return query


def main_location() -> QuerySet[Location]:
    """An organisation's main location (else its first), for a Subquery on organisations."""
    return Location.objects.filter(organisation=OuterRef("pk")).order_by("-is_main", "pk")


def organisation_search(filters: OrganisationFilters) -> QuerySet[Organisation]:
    """The registry filtered and sorted, each row with the place of its main location."""
    organisations = Organisation.objects.select_related("region").annotate(
        main_place=Subquery(main_location().values("place")[:1])
    )
    located = Location.objects.filter(organisation=OuterRef("pk"))
    if filters.q:
        q = filters.q
        organisations = organisations.filter(
            Q(name__icontains=q)
            | Q(duo_code__iexact=q)
            | Q(brin__iexact=q)
            | Exists(located.filter(Q(place__icontains=q) | Q(postcode__istartswith=q)))
        )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.region:
        organisations = organisations.filter(region__code=filters.region)
    if filters.province:
        organisations = organisations.filter(Exists(located.filter(province=filters.province)))
    if filters.holiday_region:
        organisations = organisations.filter(
            Exists(located.filter(holiday_region=filters.holiday_region))
        )
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    if filters.teaches_zw is not None:
        organisations = organisations.filter(teaches_zw=filters.teaches_zw)
    if filters.sbb_recognised is not None:
        organisations = organisations.filter(sbb_recognised=filters.sbb_recognised)
    return organisations.order_by(*SORTS[filters.sort])


def organisation_map_points(filters: OrganisationFilters) -> list[dict[str, Any]]:
    """One point per organisation with a geocoded main location, in one query."""
    main = main_location()
    rows = (
        organisation_search(filters)
        .annotate(
            latitude=Subquery(main.values("latitude")[:1]),
            longitude=Subquery(main.values("longitude")[:1]),
        )
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values("pk", "name", "kind", "main_place", "latitude", "longitude")
    )
    kinds = dict(OrganisationKind.choices)
    return [
        {
            "id": row["pk"],
            "name": row["name"],
            "kind": row["kind"],
            "kind_label": str(kinds[row["kind"]]),
            "place": row["main_place"] or "",
            "lat": round(row["latitude"], 5),
            "lon": round(row["longitude"], 5),
        }
        for row in rows
    ]


def organisation_detail(*, pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("region")
        .prefetch_related(
            "locations",
            "electives",
            "qualifications",
            Prefetch("zw_counts", queryset=_zw_counts()),
            Prefetch("contacts", queryset=Contact.objects.filter(anonymised_at__isnull=True)),
        )
        .get(pk=pk)
    )


def _zw_counts() -> QuerySet[ZwCandidateCount]:
    return ZwCandidateCount.objects.select_related("school_year").order_by(
        "-school_year__start_year", "track"
    )


def organisations_in_scope(user: Any) -> QuerySet[Organisation]:
    """The part of the network a role answers for: the nation, a region, or its own."""
    membership = active_membership(user)
    organisations = Organisation.objects.all()
    if membership is None:
        return organisations.none()
    if membership.role == Role.PLATFORM_COORDINATOR:
        return organisations
    if membership.role == Role.REGIONAL_COORDINATOR:
        return organisations.filter(region_id=membership.region_id)
    return organisations.filter(pk=membership.organisation_id)


def organisation_counts_by_kind(organisations: QuerySet[Organisation]) -> dict[str, int]:
    """Counts per kind in one query, every kind present (zero when none)."""
    counts = organisations.aggregate(
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in OrganisationKind.values}
    )
    return {kind: counts[kind] or 0 for kind in OrganisationKind.values}
