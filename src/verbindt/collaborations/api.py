"""Collaborations over HTTP: partners, status, plans, sessions and the contact log.

The endpoints use the same selectors, services and permissions as the pages. A collaboration
the user may not see answers 404, as an unknown one does: the API does not reveal that it
exists. Seeing is not changing: a coordinator who is not a partner reads but gets 403 on writes.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from verbindt.accounts.api import OrganisationRef
from verbindt.collaborations import selectors, services
from verbindt.collaborations.models import (
    Agreement,
    AgreementStatus,
    Bottleneck,
    Channel,
    Collaboration,
    ContactLogEntry,
    Form,
    Origin,
    Partner,
    PartnerRole,
    Session,
    StatusChange,
)
from verbindt.collaborations.models import Status as CollaborationStatus
from verbindt.core import schoolyears
from verbindt.core.api_support import (
    InvalidBody,
    Message,
    Pages,
    Strict,
    invalid_as_422,
    one_of,
    require_permission,
)
from verbindt.core.permissions import coordinates, is_member_of
from verbindt.core.services import school_year_from_label
from verbindt.network.api import ContactOut
from verbindt.network.models import Contact, Location, Organisation

router = Router(tags=["collaborations"])

UPCOMING = 10  # sessions in the detail; the rest through /sessions

# A user acts for an organisation as its member or as its (regional or national) coordinator.
acts_for = coordinates | is_member_of


# --- Responses --------------------------------------------------------------------------------


class PartnerSummary(Schema):
    id: int = Field(description="The partner's id (not the organisation's), as in plan state.")
    organisation: OrganisationRef
    role: str = Field(description=f"One of {one_of(PartnerRole)}.")
    role_label: str

    @staticmethod
    def resolve_role_label(partner: Partner) -> str:
        return str(partner.get_role_display())


class PartnerOut(PartnerSummary):
    contacts: list[ContactOut] | None = Field(
        None,
        description="The partner's contact persons for this collaboration; null for users "
        "who may not see the organisation's contacts.",
    )

    @staticmethod
    def resolve_contacts(partner: Partner) -> None:
        return None  # personal data: filled in by ``_detail`` for users who may see it


class CollaborationSummary(Schema):
    id: int
    title: str
    status: str = Field(description=f"One of {one_of(CollaborationStatus)}.")
    status_label: str
    origin: str = Field(description=f"One of {one_of(Origin)}.")
    forms: list[str] = Field(description=f"Each one of {one_of(Form)}.")
    school_years: list[str] = Field(description="e.g. `2026-2027`")
    partners: Sequence[PartnerSummary]
    updated_at: dt.datetime

    @staticmethod
    def resolve_status_label(collaboration: Collaboration) -> str:
        return str(collaboration.get_status_display())

    @staticmethod
    def resolve_forms(collaboration: Collaboration) -> list[str]:
        return [use.form for use in collaboration.forms.all()]

    @staticmethod
    def resolve_school_years(collaboration: Collaboration) -> list[str]:
        return [year.label for year in collaboration.school_years.all()]


class StatusChangeOut(Schema):
    old_status: str = Field(description="Empty for the status it was created with.")
    new_status: str
    reason: str
    at: dt.datetime
    by: str | None = Field(description="Full name of who changed it.")

    @staticmethod
    def resolve_by(change: StatusChange) -> str | None:
        return change.by.get_full_name() if change.by else None


class Hours(Schema):
    teacher: float
    supervisor: float = Field(description="Practice supervisors.")
    professional: float


class AgreementOut(Schema):
    id: int
    what: str
    contact_id: int | None = Field(description="Who: a contact person of one of the partners.")
    contact_name: str
    when: str = Field(description="When or how often.")
    hours: float | None
    evaluation_moment: str
    status: str = Field(description=f"One of {one_of(AgreementStatus)}.")
    status_label: str

    @staticmethod
    def resolve_contact_name(agreement: Agreement) -> str:
        return agreement.contact.name if agreement.contact else ""

    @staticmethod
    def resolve_status_label(agreement: Agreement) -> str:
        return str(agreement.get_status_display())


class PlanOut(Schema):
    """A year plan with where it stands: who confirmed this version and the hours spent."""

    id: int
    school_year: str
    goals: str
    version: int = Field(description="Raised on every change; confirmations count for one.")
    budget: Hours = Field(description="Facilitated hours budgeted per role.")
    spent: Hours = Field(description="Hours spent per role, summed from the year's sessions.")
    confirmed_partners: list[int] = Field(
        description="Ids of the partners that confirmed the current version."
    )
    agreed: bool = Field(description="Every partner confirmed the current version.")
    agreements: list[AgreementOut]
    updated_at: dt.datetime

    # Resolved from a ``selectors.PlanState``, which carries the plan.
    @staticmethod
    def resolve_id(state: selectors.PlanState) -> int:
        return state.plan.pk

    @staticmethod
    def resolve_school_year(state: selectors.PlanState) -> str:
        return state.plan.school_year.label

    @staticmethod
    def resolve_goals(state: selectors.PlanState) -> str:
        return state.plan.goals

    @staticmethod
    def resolve_version(state: selectors.PlanState) -> int:
        return state.plan.version

    @staticmethod
    def resolve_budget(state: selectors.PlanState) -> dict[str, Decimal]:
        plan = state.plan
        return {
            "teacher": plan.budget_teacher_hours,
            "supervisor": plan.budget_supervisor_hours,
            "professional": plan.budget_professional_hours,
        }

    @staticmethod
    def resolve_confirmed_partners(state: selectors.PlanState) -> list[int]:
        return sorted(state.confirmed)

    @staticmethod
    def resolve_agreements(state: selectors.PlanState) -> Any:
        return state.plan.agreements.all()

    @staticmethod
    def resolve_updated_at(state: selectors.PlanState) -> dt.datetime:
        return state.plan.updated_at


class LocationRef(Schema):
    id: int
    name: str
    place: str


class SessionOut(Schema):
    id: int
    starts_at: dt.datetime = Field(description="In Europe/Amsterdam time.")
    ends_at: dt.datetime = Field(description="In Europe/Amsterdam time.")
    location: LocationRef | None
    form: str = Field(description=f"One of {one_of(Form)}.")
    form_label: str
    students: int
    groups: int
    hours_teacher: float
    hours_supervisor: float
    hours_professional: float
    joint_teaching: bool
    notes: str
    series_id: int | None = Field(description="The recurring series it belongs to, if any.")

    @staticmethod
    def resolve_starts_at(session: Session) -> dt.datetime:
        return timezone.localtime(session.starts_at)

    @staticmethod
    def resolve_ends_at(session: Session) -> dt.datetime:
        return timezone.localtime(session.ends_at)

    @staticmethod
    def resolve_form_label(session: Session) -> str:
        return str(session.get_form_display())


class CollaborationOut(CollaborationSummary):
    """A collaboration with its partners, history, year plans and the sessions ahead."""

    description: str
    origin_label: str
    stopped_reason: str
    bottlenecks: list[str] = Field(description=f"Each one of {one_of(Bottleneck)}.")
    partners: Sequence[PartnerOut]
    status_history: list[StatusChangeOut] = Field(description="Oldest first.")
    plans: list[PlanOut] = Field([], description="One per school year, newest first.")
    upcoming_sessions: list[SessionOut] = Field(
        [], description=f"The next {UPCOMING}; all of them at `/sessions`."
    )
    created_at: dt.datetime

    @staticmethod
    def resolve_origin_label(collaboration: Collaboration) -> str:
        return str(collaboration.get_origin_display())

    @staticmethod
    def resolve_status_history(collaboration: Collaboration) -> Any:
        return collaboration.status_changes.all()

    @staticmethod
    def resolve_plans(collaboration: Collaboration) -> list[Any]:
        return []  # filled in by ``_detail``

    @staticmethod
    def resolve_upcoming_sessions(collaboration: Collaboration) -> list[Any]:
        return []  # filled in by ``_detail``


class SessionWarningOut(Schema):
    """The session was not saved: it needs the user's confirmation. Send it again with
    `confirmed: true` to save it anyway."""

    detail: str
    warnings: list[str]


class LogEntryOut(Schema):
    id: int
    date: dt.date
    channel: str = Field(description=f"One of {one_of(Channel)}.")
    channel_label: str
    people: str
    summary: str
    follow_up_date: dt.date | None
    bottlenecks: list[str] = Field(description=f"Each one of {one_of(Bottleneck)}.")
    by: str | None = Field(description="Full name of who wrote it.")

    @staticmethod
    def resolve_channel_label(entry: ContactLogEntry) -> str:
        return str(entry.get_channel_display())

    @staticmethod
    def resolve_by(entry: ContactLogEntry) -> str | None:
        return entry.by.get_full_name() if entry.by else None


# --- Requests ---------------------------------------------------------------------------------


class CollaborationFilterQuery(Schema):
    """Filters for the list; an unknown value is ignored rather than an error."""

    q: str | None = Field(None, description="Search in the title.")
    form: str | None = Field(None, description=f"One of {one_of(Form)}.")
    status: str | None = Field(None, description=f"One of {one_of(CollaborationStatus)}.")
    school_year: str | None = Field(
        None, description="Runs in this school year: `2026-2027` or its start year `2026`."
    )
    organisation: str | None = Field(None, description="Has this organisation (id) as partner.")


class PartnerIn(Strict):
    organisation: int = Field(description="Organisation id.")
    role: PartnerRole = PartnerRole.PARTICIPANT
    contacts: list[int] = Field([], description="Ids of contact persons at this organisation.")


class CollaborationIn(Strict):
    """A new collaboration. The user's own organisation must be a partner, unless the user
    coordinates one of the partners."""

    title: str
    description: str = ""
    origin: Origin = Origin.CHANCE
    status: CollaborationStatus = CollaborationStatus.IDEA
    forms: list[Form] = Field(description="At least one.")
    school_years: list[str] = Field([], description='e.g. `["2026-2027"]`')
    partners: list[PartnerIn] = Field(description="Two or more, each organisation once.")


class CollaborationChange(Strict):
    """The fields to change; left out (or null) means unchanged. Partners are not changed here."""

    title: str | None = None
    description: str | None = None
    origin: Origin | None = None
    forms: list[Form] | None = Field(None, description="Replaces the forms; at least one.")
    school_years: list[str] | None = Field(None, description="Replaces the school years.")
    bottlenecks: list[Bottleneck] | None = Field(None, description="Replaces the bottlenecks.")
    status: CollaborationStatus | None = Field(
        None, description="A new status; the change is kept with its date, author and reason."
    )
    stopped_reason: str | None = Field(
        None,
        description="Why the status changes: required with status `stopped`, only sent "
        "together with `status`.",
    )


class SessionIn(Strict):
    starts_at: dt.datetime = Field(description="Without an offset: Europe/Amsterdam time.")
    ends_at: dt.datetime = Field(description="After `starts_at`.")
    form: Form
    location: int | None = Field(None, description="Id of a location of one of the partners.")
    students: int = 0
    groups: int = 0
    hours_teacher: Decimal = Field(Decimal(0), description="Hours spent by teachers, ≥ 0.")
    hours_supervisor: Decimal = Field(
        Decimal(0), description="Hours spent by practice supervisors, ≥ 0."
    )
    hours_professional: Decimal = Field(Decimal(0), description="Hours of professionals, ≥ 0.")
    joint_teaching: bool = False
    notes: str = ""
    confirmed: bool = Field(
        False,
        description="Save despite the warnings of a 409 (outside the school years, in a "
        "school holiday).",
    )


class LogEntryIn(Strict):
    date: dt.date
    channel: Channel
    people: str = ""
    summary: str
    follow_up_date: dt.date | None = None
    bottlenecks: list[Bottleneck] = Field(
        [], description="Also added to the collaboration's bottlenecks."
    )


# --- Helpers ----------------------------------------------------------------------------------


def _visible(request: HttpRequest, pk: int) -> Collaboration:
    """The collaboration, or 404 when it does not exist or the user may not see it."""
    collaboration = Collaboration.objects.filter(pk=pk).first()
    if collaboration is None or not request.user.has_perm(
        "collaborations.view_collaboration", collaboration
    ):
        raise Http404
    return collaboration


def _editable(request: HttpRequest, pk: int) -> Collaboration:
    collaboration = _visible(request, pk)
    require_permission(request, "collaborations.edit_collaboration", collaboration)
    return collaboration


def _detail(request: HttpRequest, pk: int) -> CollaborationOut:
    collaboration = selectors.collaboration_detail(pk=pk)
    out = CollaborationOut.from_orm(collaboration)
    for partner, partner_out in zip(collaboration.partners.all(), out.partners, strict=True):
        if request.user.has_perm("network.view_contacts", partner.organisation):
            partner_out.contacts = [
                ContactOut.from_orm(contact)
                for contact in partner.contacts.all()
                if contact.anonymised_at is None  # removed on request
            ]
    plans = collaboration.plans.select_related("school_year").prefetch_related(
        Prefetch("agreements", queryset=Agreement.objects.select_related("contact"))
    )
    out.plans = [PlanOut.from_orm(selectors.plan_state(plan)) for plan in plans]
    upcoming = collaboration.sessions.filter(starts_at__gte=timezone.now())
    out.upcoming_sessions = [
        SessionOut.from_orm(session) for session in upcoming.select_related("location")[:UPCOMING]
    ]
    return out


def _school_years(labels: list[str]) -> list[Any]:
    years = []
    for index, label in enumerate(labels):
        with invalid_as_422("school_years", index):
            years.append(school_year_from_label(label=label))
    return years


def _partners(payload: list[PartnerIn]) -> list[services.PartnerSpec]:
    """The partners sent, with their ids turned into records; an unknown id names its place."""
    organisations = Organisation.objects.in_bulk([p.organisation for p in payload])
    contacts = Contact.objects.filter(anonymised_at__isnull=True).in_bulk(
        [pk for p in payload for pk in p.contacts]
    )
    specs = []
    for index, partner in enumerate(payload):
        with invalid_as_422("partners", index):
            if partner.organisation not in organisations:
                raise DjangoValidationError(
                    {
                        "organisation": _("There is no organisation with id %(id)s.")
                        % {"id": partner.organisation}
                    }
                )
            unknown = [pk for pk in partner.contacts if pk not in contacts]
            if unknown:
                raise DjangoValidationError(
                    {"contacts": _("There is no contact with id %(id)s.") % {"id": unknown[0]}}
                )
        specs.append(
            services.PartnerSpec(
                organisation=organisations[partner.organisation],
                role=partner.role,
                contacts=[contacts[pk] for pk in partner.contacts],
            )
        )
    return specs


def _session_data(payload: SessionIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"confirmed"})
    for name in ("starts_at", "ends_at"):
        if timezone.is_naive(data[name]):
            data[name] = timezone.make_aware(data[name])
    if data["location"] is not None:
        data["location"] = Location.objects.filter(pk=data["location"]).first()
        if data["location"] is None:
            raise DjangoValidationError(
                {"location": _("There is no location with id %(id)s.") % {"id": payload.location}}
            )
    return data


def _start_year(school_year: str | None) -> str | None:
    """``2026-2027`` → ``2026``, as the filters take it; anything else is passed on."""
    try:
        return str(schoolyears.parse_label(school_year or ""))
    except ValueError:
        return school_year


# --- Endpoints --------------------------------------------------------------------------------


@router.get("", response=list[CollaborationSummary], summary="List collaborations")
@paginate(Pages, page_size=20, max_page_size=100)
def collaboration_list(request: HttpRequest, filters: Query[CollaborationFilterQuery]) -> Any:
    """The collaborations the user may see, filtered, a page at a time, with the total in
    `count`. Most recently changed first."""
    require_permission(request, "collaborations.list_collaborations")
    params = filters.model_dump()
    params["school_year"] = _start_year(params["school_year"])
    return selectors.collaboration_search(
        user=request.user, filters=selectors.CollaborationFilters.from_query(params)
    )


@router.get(
    "/{int:id}",
    response={200: CollaborationOut, 404: Message},
    summary="One collaboration",
)
def collaboration_get(request: HttpRequest, id: int) -> CollaborationOut:
    """For the partners' members and the coordinators of their region or the nation."""
    _visible(request, id)
    return _detail(request, id)


@router.post(
    "",
    response={201: CollaborationOut, 403: Message, 422: InvalidBody},
    summary="Start a collaboration",
)
def collaboration_create(
    request: HttpRequest, payload: CollaborationIn
) -> Status[CollaborationOut]:
    """Two or more partners, one or more forms. All of it is saved, or nothing."""
    require_permission(request, "collaborations.create_collaboration")
    # One transaction: the school years a label creates must not outlive a refused body.
    with transaction.atomic(), invalid_as_422():
        partners = _partners(payload.partners)
        organisations = [spec.organisation for spec in partners]
        # Nobody starts a collaboration on behalf of organisations they do not act for.
        if organisations and not any(acts_for.test(request.user, o) for o in organisations):
            raise HttpError(403, _("Your organisation must be one of the partners."))
        collaboration = services.collaboration_create(
            title=payload.title,
            description=payload.description,
            origin=payload.origin,
            status=payload.status,
            forms=payload.forms,
            partners=partners,
            school_years=_school_years(payload.school_years),
            by=request.user,  # type: ignore[arg-type]
        )
    return Status(201, _detail(request, collaboration.pk))


@router.patch(
    "/{int:id}",
    response={200: CollaborationOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="Change a collaboration",
)
def collaboration_update(
    request: HttpRequest, id: int, payload: CollaborationChange
) -> CollaborationOut:
    """Change the fields sent. A new status is kept in the history with its reason."""
    collaboration = _editable(request, id)
    data = payload.model_dump(exclude_none=True)
    status = data.pop("status", None)
    reason = data.pop("stopped_reason", None)
    forms = data.pop("forms", None)
    with transaction.atomic(), invalid_as_422():
        if reason is not None and status is None:
            raise DjangoValidationError(
                {"stopped_reason": _("Send a reason together with a new status.")}
            )
        if "school_years" in data:
            data["school_years"] = _school_years(data["school_years"])
        if data or forms is not None:
            services.collaboration_update(collaboration=collaboration, data=data, forms=forms)
        if status is not None:
            services.collaboration_set_status(
                collaboration=collaboration,
                status=status,
                reason=reason or "",
                by=request.user,  # type: ignore[arg-type]
            )
    return _detail(request, id)


@router.get(
    "/{int:id}/sessions",
    response={200: list[SessionOut], 404: Message},
    summary="The sessions of a collaboration",
)
@paginate(Pages, page_size=20, max_page_size=100)
def session_list(request: HttpRequest, id: int) -> Any:
    """Earliest first, a page at a time."""
    return _visible(request, id).sessions.select_related("location")


@router.post(
    "/{int:id}/sessions",
    response={
        201: SessionOut,
        403: Message,
        404: Message,
        409: SessionWarningOut,
        422: InvalidBody,
    },
    summary="Add a session",
)
def session_create(
    request: HttpRequest, id: int, payload: SessionIn
) -> Status[Session] | Status[SessionWarningOut]:
    """A session outside the collaboration's school years or in a school holiday of a partner
    school is allowed, but only when confirmed: without `confirmed: true` it answers 409 with
    the warnings to show the user, and saves nothing."""
    collaboration = _editable(request, id)
    try:
        with invalid_as_422():
            session = services.session_save(
                collaboration=collaboration,
                data=_session_data(payload),
                confirmed=payload.confirmed,
            )
    except services.SessionWarning as warning:
        detail = _("Please confirm: send the session again with “confirmed”: true.")
        return Status(409, SessionWarningOut(detail=detail, warnings=warning.messages))
    return Status(201, session)


@router.get(
    "/{int:id}/log",
    response={200: list[LogEntryOut], 404: Message},
    summary="The contact log of a collaboration",
)
@paginate(Pages, page_size=20, max_page_size=100)
def log_entry_list(request: HttpRequest, id: int) -> Any:
    """Every contact between the partners, newest first."""
    return _visible(request, id).log_entries.select_related("by")


@router.post(
    "/{int:id}/log",
    response={201: LogEntryOut, 403: Message, 404: Message, 422: InvalidBody},
    summary="Record a contact",
)
def log_entry_create(request: HttpRequest, id: int, payload: LogEntryIn) -> Status[Any]:
    """Bottlenecks named here are added to the collaboration's own."""
    collaboration = _editable(request, id)
    with invalid_as_422():
        entry = services.log_entry_add(
            collaboration=collaboration,
            data=payload.model_dump(),
            by=request.user,  # type: ignore[arg-type]
        )
    return Status(201, entry)
