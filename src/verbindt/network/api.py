"""The registry over HTTP: organisations with their locations and contacts.

The endpoints use the same selectors, services and permissions as the pages. A person's
details (contacts) are in the detail only for users with ``network.view_contacts``.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from verbindt.core.api_support import (
    InvalidBody,
    Message,
    Pages,
    Strict,
    invalid_as_422,
    one_of,
    require_permission,
)
from verbindt.core.models import HolidayRegion, Province, Region
from verbindt.network import selectors, services
from verbindt.network.models import (
    Contact,
    ContactFunction,
    Elective,
    Location,
    Organisation,
    OrganisationKind,
    Sector,
)

router = Router(tags=["organisations"])


# --- Responses --------------------------------------------------------------------------------


class RegionOut(Schema):
    code: str
    name: str


class LocationOut(Schema):
    id: int
    name: str
    street: str
    house_number: str
    postcode: str
    place: str
    municipality_name: str
    municipality_code: str = Field(description="CBS municipality code.")
    province: str
    holiday_region: str
    latitude: float | None
    longitude: float | None
    is_main: bool


class ContactOut(Schema):
    id: int
    name: str
    function: str = Field(description=f"One of {one_of(ContactFunction)}.")
    function_label: str
    email: str
    phone: str
    hours_per_week: float | None = Field(description="Hours per week for collaboration.")
    active: bool

    @staticmethod
    def resolve_function_label(contact: Contact) -> str:
        return str(contact.get_function_display())


class QualificationOut(Schema):
    name: str
    crebo: str
    level: int


class ZwCountOut(Schema):
    """Zorg & Welzijn exam candidates in one school year and track (DUO)."""

    school_year: str = Field(description="e.g. 2024-2025")
    track: str
    candidates: int
    under_five: bool = Field(description="DUO published “<5”; `candidates` is then 4.")

    @staticmethod
    def resolve_school_year(count: Any) -> str:
        return count.school_year.label


class OrganisationSummary(Schema):
    """One row of the registry: public data only."""

    id: int
    kind: str = Field(description=f"One of {one_of(OrganisationKind)}.")
    kind_label: str
    name: str
    region: RegionOut | None
    place: str = Field(description="Place of the main location.")
    sector: str
    teaches_zw: bool
    sbb_recognised: bool
    tracks: list[str] = Field(description="The vmbo tracks offered, as labels.")

    @staticmethod
    def resolve_kind_label(organisation: Organisation) -> str:
        return str(organisation.get_kind_display())

    @staticmethod
    def resolve_place(organisation: Any) -> str:
        return getattr(organisation, "main_place", None) or ""


class OrganisationOut(OrganisationSummary):
    """An organisation with what it offers, where it is and, for those allowed, who to talk to."""

    brin: str = Field(description="DUO institution code.")
    duo_code: str = Field(description="DUO location code.")
    kvk_number: str
    website: str
    phone: str
    sbb_valid_until: dt.date | None
    offers_bb: bool
    offers_kb: bool
    offers_gl_tl: bool
    electives: list[str] = Field(description="Names of the Z&W electives offered.")
    qualifications: list[QualificationOut]
    zw_counts: list[ZwCountOut]
    locations: list[LocationOut]
    contacts: list[ContactOut] | None = Field(
        None,
        description="Only for the organisation's own members and its coordinators; "
        "null for everyone else.",
    )
    updated_at: dt.datetime

    @staticmethod
    def resolve_place(organisation: Organisation) -> str:
        main = next(iter(organisation.locations.all()), None)  # prefetched, main first
        return main.place if main else ""

    @staticmethod
    def resolve_electives(organisation: Organisation) -> list[str]:
        return [elective.name for elective in organisation.electives.all()]

    @staticmethod
    def resolve_contacts(organisation: Organisation) -> None:
        return None  # personal data: filled in by ``_detail`` for users who may see it


# --- Requests ---------------------------------------------------------------------------------


class OrganisationFilterQuery(Schema):
    """Filters for the registry; an unknown value is ignored rather than an error."""

    q: str | None = Field(None, description="Search in name, place, postcode and DUO code.")
    kind: str | None = Field(None, description=f"One of {one_of(OrganisationKind)}.")
    region: str | None = Field(None, description="Region code, e.g. `oost`.")
    province: str | None = Field(None, description=f"One of {one_of(Province)}.")
    holiday_region: str | None = Field(None, description=f"One of {one_of(HolidayRegion)}.")
    sector: str | None = Field(None, description=f"One of {one_of(Sector)}.")
    teaches_zw: str | None = Field(None, description="`true` or `false`.")
    sbb_recognised: str | None = Field(None, description="`true` or `false`.")
    sort: str | None = Field(None, description=f"One of {', '.join(selectors.SORTS)}.")


class LocationIn(Strict):
    name: str = Field("", description="e.g. main building")
    street: str = ""
    house_number: str = ""
    postcode: str = Field("", description="Dutch postcode; `1234ab` is stored as `1234 AB`.")
    place: str = ""
    province: str = Field("", description=f"One of {one_of(Province)}; else from the postcode.")
    holiday_region: str = Field("", description=f"One of {one_of(HolidayRegion)}.")
    latitude: float | None = Field(None, description="Found from the postcode when left out.")
    longitude: float | None = Field(None, description="Found from the postcode when left out.")
    is_main: bool = True


class ContactIn(Strict):
    name: str
    function: str = Field(description=f"One of {one_of(ContactFunction)}.")
    email: str = ""
    phone: str = ""
    hours_per_week: Decimal | None = Field(None, description="0 to 40, one decimal.")
    active: bool = True


class OrganisationChange(Strict):
    """The fields of an organisation that can be changed; left out means unchanged."""

    name: str = ""
    region: str | None = Field(None, description="Region code, e.g. `oost`; null for none.")
    brin: str = Field("", description="DUO institution code, e.g. `18BR`.")
    duo_code: str = Field("", description="DUO location code, e.g. `18BR00`.")
    kvk_number: str = Field("", description="Eight digits.")
    website: str = ""
    phone: str = ""
    sector: str = Field("", description=f"Institutions: one of {one_of(Sector)}.")
    sbb_recognised: bool = False
    sbb_valid_until: dt.date | None = None
    offers_bb: bool = False
    offers_kb: bool = False
    offers_gl_tl: bool = False
    teaches_zw: bool = False
    electives: list[str] = Field([], description="Names of Z&W electives, as in the detail.")


class OrganisationIn(OrganisationChange):
    kind: str = Field(description=f"One of {one_of(OrganisationKind)}; fixed once created.")
    name: str
    locations: list[LocationIn] = []


# --- Helpers ----------------------------------------------------------------------------------


def _organisation_data(payload: OrganisationChange) -> dict[str, Any]:
    """The fields sent, with the region code and elective names turned into records."""
    data = payload.model_dump(exclude_unset=True, exclude={"locations"})
    if "region" in data:
        code = data["region"]
        data["region"] = Region.objects.filter(code=code).first() if code else None
        if code and data["region"] is None:
            raise DjangoValidationError(
                {"region": _("There is no region with the code “%(code)s”.") % {"code": code}}
            )
    if "electives" in data:
        names = data["electives"]
        data["electives"] = list(Elective.objects.filter(name__in=names))
        unknown = sorted(set(names) - {elective.name for elective in data["electives"]})
        if unknown:
            raise DjangoValidationError(
                {"electives": _("Unknown elective: %(names)s.") % {"names": ", ".join(unknown)}}
            )
    return data


def _organisation(pk: int) -> Organisation:
    """The organisation with everything the detail shows, or 404."""
    try:
        return selectors.organisation_detail(pk=pk)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing


def _detail(request: HttpRequest, pk: int) -> OrganisationOut:
    organisation = _organisation(pk)
    out = OrganisationOut.from_orm(organisation)
    if request.user.has_perm("network.view_contacts", organisation):
        out.contacts = [ContactOut.from_orm(contact) for contact in organisation.contacts.all()]
    return out


# --- Endpoints --------------------------------------------------------------------------------


@router.get("", response=list[OrganisationSummary], summary="List organisations")
@paginate(Pages, page_size=20, max_page_size=100)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilterQuery]) -> Any:
    """The registry, filtered and sorted, a page at a time, with the total in `count`."""
    require_permission(request, "network.list_organisations")
    return selectors.organisation_search(
        selectors.OrganisationFilters.from_query(filters.model_dump())
    )


@router.get(
    "/{int:id}",
    response={200: OrganisationOut, 404: Message},
    summary="One organisation",
)
def organisation_get(request: HttpRequest, id: int) -> OrganisationOut:
    """Public data for every user; contacts only for those who may see them."""
    require_permission(request, "network.view_organisation")
    return _detail(request, id)


@router.post(
    "",
    response={201: OrganisationOut, 403: Message, 422: InvalidBody},
    summary="Add an organisation",
)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status[OrganisationOut]:
    """Add an organisation, optionally with its locations. All of it is saved, or nothing."""
    require_permission(request, "network.create_organisation")
    # One transaction: a bad second location must not leave the organisation half-made.
    with transaction.atomic(), invalid_as_422():
        organisation = services.organisation_create(
            data=_organisation_data(payload),
            by=request.user,  # type: ignore[arg-type]
        )
        for index, location in enumerate(payload.locations):
            with invalid_as_422("locations", index):
                services.location_save(
                    organisation=organisation, data=location.model_dump(exclude_unset=True)
                )
    return Status(201, _detail(request, organisation.pk))


@router.patch(
    "/{int:id}",
    response={200: OrganisationOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="Change an organisation",
)
def organisation_update(
    request: HttpRequest,
    id: int,
    payload: OrganisationChange,
) -> OrganisationOut:
    """Change the fields sent; the others stay as they are. The kind cannot be changed."""
    organisation = get_object_or_404(Organisation, pk=id)
    require_permission(request, "network.edit_organisation", organisation)
    with invalid_as_422():
        services.organisation_update(
            organisation=organisation,
            data=_organisation_data(payload),
            by=request.user,  # type: ignore[arg-type]
        )
    return _detail(request, id)


@router.get(
    "/{int:id}/locations",
    response={200: list[LocationOut], 404: Message},
    summary="The locations of an organisation",
)
def location_list(request: HttpRequest, id: int) -> Any:
    """Main location first."""
    require_permission(request, "network.view_organisation")
    return _organisation(id).locations.all()


@router.post(
    "/{int:id}/locations",
    response={201: LocationOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="Add a location to an organisation",
)
def location_create(
    request: HttpRequest,
    id: int,
    payload: LocationIn,
) -> Status[Location]:
    """The postcode is normalised and, when known, gives coordinates, municipality and
    province."""
    organisation = get_object_or_404(Organisation, pk=id)
    require_permission(request, "network.edit_organisation", organisation)
    with invalid_as_422():
        location = services.location_save(
            organisation=organisation, data=payload.model_dump(exclude_unset=True)
        )
    return Status(201, location)


@router.get(
    "/{int:id}/contacts",
    response={200: list[ContactOut], 403: Message, 404: Message},
    summary="The contacts at an organisation",
)
def contact_list(request: HttpRequest, id: int) -> Any:
    """For the organisation's own members and its coordinators; people removed on request
    are left out."""
    organisation = _organisation(id)
    require_permission(request, "network.view_contacts", organisation)
    return organisation.contacts.all()


@router.post(
    "/{int:id}/contacts",
    response={201: ContactOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="Add a contact to an organisation",
)
def contact_create(
    request: HttpRequest,
    id: int,
    payload: ContactIn,
) -> Status[Contact]:
    """Only what collaboration needs: name, function and how to reach them."""
    organisation = get_object_or_404(Organisation, pk=id)
    require_permission(request, "network.edit_organisation", organisation)
    with invalid_as_422():
        contact = services.contact_save(
            organisation=organisation, data=payload.model_dump(exclude_unset=True)
        )
    return Status(201, contact)
