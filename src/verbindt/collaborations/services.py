"""Writes for collaborations: partners, status, year plans (with optimistic locking), sessions."""

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.accounts.models import User
from verbindt.accounts.selectors import active_membership
from verbindt.collaborations.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    Alignment,
    CalendarFeed,
    Collaboration,
    CollaborationForm,
    ConsultationMeeting,
    ContactLogEntry,
    Evaluation,
    LearningLink,
    Partner,
    PlanConfirmation,
    Session,
    SessionSeries,
    Status,
    StatusChange,
    YearPlan,
)
from verbindt.core.models import HolidayRegion, SchoolYear
from verbindt.core.secrets import secret_hash
from verbindt.maturity.services import levels_mark_stale
from verbindt.network.models import Contact, Elective, Organisation, Qualification


def _levels_changed(collaboration_id: int, *organisation_ids: int) -> None:
    """The schools in this collaboration (and ``organisation_ids``) get their maturity level
    recomputed; the recompute is debounced, so calling this on every write is cheap."""
    partners = Partner.objects.filter(collaboration_id=collaboration_id)
    levels_mark_stale(
        organisation_ids=[*partners.values_list("organisation_id", flat=True), *organisation_ids]
    )


@dataclass(frozen=True)
class PartnerSpec:
    organisation: Organisation
    role: str
    contacts: Sequence[Contact] = ()


def _check_contacts(spec: PartnerSpec) -> None:
    """A partner's contact persons work at that partner."""
    strangers = [c for c in spec.contacts if c.organisation_id != spec.organisation.pk]
    if strangers:
        message = _("%(contact)s does not work at %(name)s.") % {
            "contact": strangers[0],
            "name": spec.organisation,
        }
        raise ValidationError({"partners": ValidationError(message, code="foreign_contact")})


def _check_partners(partners: Sequence[PartnerSpec]) -> None:
    if len(partners) < 2:
        raise ValidationError(
            {
                "partners": ValidationError(
                    _("A collaboration has at least two partners."), code="too_few"
                )
            }
        )
    seen: set[int] = set()
    for spec in partners:
        if spec.organisation.pk in seen:
            message = _("%(name)s is named twice as a partner.") % {"name": spec.organisation}
            raise ValidationError({"partners": ValidationError(message, code="duplicate")})
        seen.add(spec.organisation.pk)
        _check_contacts(spec)


@transaction.atomic
def collaboration_create(
    *,
    title: str,
    forms: Iterable[str],
    partners: Sequence[PartnerSpec],
    school_years: Iterable[SchoolYear],
    origin: str = "chance",
    status: str = Status.IDEA,
    description: str = "",
    by: User | None = None,
) -> Collaboration:
    forms = sorted(set(forms))
    if not forms:
        raise ValidationError(
            {"forms": ValidationError(_("Choose at least one form."), code="no_form")}
        )
    _check_partners(partners)
    collaboration = Collaboration(
        title=title, origin=origin, status=status, description=description, created_by=by
    )
    collaboration.full_clean()
    collaboration.save()
    collaboration.school_years.set(school_years)
    for form in forms:
        use = CollaborationForm(collaboration=collaboration, form=form)
        use.full_clean(exclude=["collaboration"])
        use.save()
    for spec in partners:
        partner = Partner(
            collaboration=collaboration, organisation=spec.organisation, role=spec.role
        )
        partner.full_clean(exclude=["collaboration"])
        partner.save()
        partner.contacts.set(spec.contacts)
    StatusChange.objects.create(collaboration=collaboration, new_status=status, by=by)
    _levels_changed(collaboration.pk)
    return collaboration


@transaction.atomic
def collaboration_update(
    *, collaboration: Collaboration, data: dict[str, Any], forms: Iterable[str] | None = None
) -> Collaboration:
    school_years = data.pop("school_years", None)
    for name, value in data.items():
        setattr(collaboration, name, value)
    collaboration.full_clean()
    collaboration.save()
    if school_years is not None:
        collaboration.school_years.set(school_years)
    if forms is not None:
        wanted = set(forms)
        if not wanted:
            raise ValidationError(
                {"forms": ValidationError(_("Choose at least one form."), code="no_form")}
            )
        collaboration.forms.exclude(form__in=wanted).delete()
        for form in wanted - set(collaboration.forms.values_list("form", flat=True)):
            use = CollaborationForm(collaboration=collaboration, form=form)
            use.full_clean(exclude=["collaboration"])
            use.save()
    _levels_changed(collaboration.pk)
    return collaboration


@transaction.atomic
def partner_add(*, collaboration: Collaboration, spec: PartnerSpec) -> Partner:
    current = [
        PartnerSpec(p.organisation, p.role)
        for p in collaboration.partners.select_related("organisation")
    ]
    _check_partners([*current, spec])
    partner = Partner(collaboration=collaboration, organisation=spec.organisation, role=spec.role)
    partner.full_clean()
    partner.save()
    partner.contacts.set(spec.contacts)
    _levels_changed(collaboration.pk)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, role: str, contacts: Sequence[Contact]) -> Partner:
    _check_contacts(PartnerSpec(partner.organisation, role, contacts))
    partner.role = role
    partner.full_clean()
    partner.save()
    partner.contacts.set(contacts)
    return partner


@transaction.atomic
def partner_remove(*, partner: Partner) -> None:
    if partner.collaboration.partners.count() <= 2:
        raise ValidationError(_("A collaboration keeps at least two partners."), code="too_few")
    partner.delete()
    _levels_changed(partner.collaboration_id, partner.organisation_id)


@transaction.atomic
def collaboration_set_status(
    *, collaboration: Collaboration, status: str, reason: str = "", by: User | None = None
) -> Collaboration:
    """Move along the pipeline; stopping needs a reason. Every change is kept."""
    if status not in Status.values:
        raise ValidationError({"status": ValidationError(_("Unknown status."), code="invalid")})
    if status == Status.STOPPED and not reason.strip():
        raise ValidationError(
            {
                "stopped_reason": ValidationError(
                    _("Say why the collaboration stopped."), code="reason_needed"
                )
            }
        )
    if status == collaboration.status:
        return collaboration
    StatusChange.objects.create(
        collaboration=collaboration,
        old_status=collaboration.status,
        new_status=status,
        reason=reason.strip(),
        by=by,
    )
    collaboration.status = status
    collaboration.stopped_reason = reason.strip() if status == Status.STOPPED else ""
    collaboration.save(update_fields=["status", "stopped_reason", "updated_at"])
    _levels_changed(collaboration.pk)
    return collaboration


# --- Year plans ------------------------------------------------------------------------------

PLAN_FIELDS = [
    "goals",
    "budget_teacher_hours",
    "budget_supervisor_hours",
    "budget_professional_hours",
]


class PlanConflict(Exception):
    """Someone else saved the plan after this edit began; ``current`` is their version."""

    def __init__(self, current: YearPlan) -> None:
        super().__init__(f"plan {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def plan_get_or_create(*, collaboration: Collaboration, school_year: SchoolYear) -> YearPlan:
    plan, _created = YearPlan.objects.get_or_create(
        collaboration=collaboration, school_year=school_year
    )
    return plan


def _bump(plan: YearPlan, version: int) -> None:
    """Take the next version, or fail when the plan moved on since ``version`` was read."""
    changed = YearPlan.objects.filter(pk=plan.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not changed:
        raise PlanConflict(YearPlan.objects.get(pk=plan.pk))
    plan.version = version + 1
    _levels_changed(plan.collaboration_id)


@transaction.atomic
def plan_save(*, plan: YearPlan, data: dict[str, Any], version: int) -> YearPlan:
    """Save goals and budgets made from ``version``; a newer version means a conflict."""
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    plan.full_clean()
    _bump(plan, version)
    YearPlan.objects.filter(pk=plan.pk).update(
        **{name: getattr(plan, name) for name in PLAN_FIELDS}
    )
    plan.save(update_fields=[*PLAN_FIELDS, "version"])  # one history row with the new state
    return plan


@transaction.atomic
def agreement_save(
    *, plan: YearPlan, data: dict[str, Any], version: int, agreement: Agreement | None = None
) -> Agreement:
    """An agreement is part of the plan: changing one asks every partner to confirm again."""
    agreement = agreement or Agreement(plan=plan)
    for name, value in data.items():
        setattr(agreement, name, value)
    if (
        agreement.contact
        and not plan.collaboration.partners.filter(
            organisation_id=agreement.contact.organisation_id
        ).exists()
    ):
        raise ValidationError({"contact": _("Choose a contact person of one of the partners.")})
    agreement.full_clean()
    _bump(plan, version)
    agreement.save()
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, version: int) -> None:
    _bump(agreement.plan, version)
    agreement.delete()


@transaction.atomic
def plan_confirm(*, plan: YearPlan, partner: Partner, version: int, by: User) -> PlanConfirmation:
    """One partner agrees to the current version. Only a member of that partner may."""
    membership = active_membership(by)
    if membership is None or membership.organisation_id != partner.organisation_id:
        raise PermissionDenied(
            _("Only a member of %(name)s can confirm for it.") % {"name": partner.organisation}
        )
    if partner.collaboration_id != plan.collaboration_id:
        raise ValidationError(
            _("%(name)s is not a partner in this plan.") % {"name": partner.organisation}
        )
    current = YearPlan.objects.get(pk=plan.pk)
    if current.version != version:
        raise PlanConflict(current)
    confirmation, _created = PlanConfirmation.objects.update_or_create(
        plan=plan, partner=partner, defaults={"version": version, "by": by}
    )
    _levels_changed(plan.collaboration_id)
    return confirmation


@transaction.atomic
def plan_copy(*, plan: YearPlan, school_year: SchoolYear) -> YearPlan:
    """Start a new school year from last year's plan: goals, budgets and open agreements."""
    if YearPlan.objects.filter(collaboration=plan.collaboration, school_year=school_year).exists():
        raise ValidationError(
            _("There already is a plan for %(year)s.") % {"year": school_year}, code="exists"
        )
    copy = YearPlan.objects.create(
        collaboration=plan.collaboration,
        school_year=school_year,
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
    )
    plan.collaboration.school_years.add(school_year)
    for agreement in plan.agreements.exclude(status=AgreementStatus.DROPPED):
        Agreement.objects.create(
            plan=copy,
            what=agreement.what,
            contact=agreement.contact,
            when=agreement.when,
            hours=agreement.hours,
            evaluation_moment=agreement.evaluation_moment,
        )
    _levels_changed(plan.collaboration_id)
    return copy


# --- Sessions --------------------------------------------------------------------------------


class SessionWarning(Exception):
    """Something a user may do, but should confirm: ``messages`` says what."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _session_warnings(collaboration: Collaboration, starts: dt.datetime) -> list[str]:
    from verbindt.planning.selectors import holidays_for

    day = timezone.localtime(starts).date()
    warnings = []
    years = list(collaboration.school_years.all())
    if years and not any(day in year for year in years):
        warnings.append(
            _("%(day)s lies outside the school years of this collaboration (%(years)s).")
            % {"day": day.strftime("%d-%m-%Y"), "years": ", ".join(str(y) for y in years)}
        )
    for region in _holiday_regions(collaboration):
        if holidays_for(region=region, start=day, end=day):
            warnings.append(
                _("%(day)s falls in a school holiday (region %(region)s).")
                % {"day": day.strftime("%d-%m-%Y"), "region": HolidayRegion(region).label}
            )
    return warnings


def _holiday_regions(collaboration: Collaboration) -> list[str]:
    """The holiday regions of the vmbo locations in the collaboration: their students' holidays."""
    from verbindt.network.models import Location, OrganisationKind

    return sorted(
        set(
            Location.objects.filter(
                organisation__partnerships__collaboration=collaboration,
                organisation__kind=OrganisationKind.VMBO_LOCATION,
            )
            .exclude(holiday_region="")
            .values_list("holiday_region", flat=True)
        )
    )


@transaction.atomic
def session_save(
    *,
    collaboration: Collaboration,
    data: dict[str, Any],
    session: Session | None = None,
    confirmed: bool = False,
) -> Session:
    """Create or change a session. Outside the school years or in a holiday it needs
    ``confirmed``: a SessionWarning says why otherwise."""
    session = session or Session(collaboration=collaboration)
    for name, value in data.items():
        setattr(session, name, value)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ValidationError(
            {
                "ends_at": ValidationError(
                    _("A session ends after it starts."), code="end_before_start"
                )
            }
        )
    location = session.location
    if (
        location
        and not collaboration.partners.filter(organisation_id=location.organisation_id).exists()
    ):
        raise ValidationError({"location": _("Choose a location of one of the partners.")})
    session.full_clean()
    if not confirmed:
        warnings = _session_warnings(collaboration, session.starts_at)
        if warnings:
            raise SessionWarning(warnings)
    session.save()
    _levels_changed(collaboration.pk)
    return session


@transaction.atomic
def series_create(
    *,
    collaboration: Collaboration,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date,
    every_n_weeks: int = 1,
    session_data: dict[str, Any] | None = None,
) -> tuple[SessionSeries, list[dt.date]]:
    """Sessions on every occurrence that is not in a school holiday of the partners' schools.

    Returns the series and the dates that were skipped.
    """
    from verbindt.engines.scheduling import SeriesProblem, SeriesSpec, occurrences
    from verbindt.planning.selectors import holidays_for
    from verbindt.planning.series import series_problem_messages

    spec = SeriesSpec(
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
        every_n_weeks=every_n_weeks,
    )
    holidays = [
        period
        for region in _holiday_regions(collaboration)
        for period in holidays_for(region=region, start=first_date, end=last_date)
    ]
    try:
        result = occurrences(spec, holidays, tz=timezone.get_current_timezone())
    except SeriesProblem as problem:
        raise ValidationError(series_problem_messages(problem), code=problem.code) from problem
    series = SessionSeries(collaboration=collaboration, **spec.__dict__)
    series.full_clean()
    series.save()
    tz = timezone.get_current_timezone()
    data = {
        "form": collaboration.forms.values_list("form", flat=True).first(),
        **(session_data or {}),
    }
    sessions = [
        Session(
            collaboration=collaboration,
            series=series,
            starts_at=dt.datetime.combine(day, start_time, tz),
            ends_at=dt.datetime.combine(day, end_time, tz),
            **data,
        )
        for day in result.dates
    ]
    Session.objects.bulk_create(sessions)
    _levels_changed(collaboration.pk)
    return series, [skipped.date for skipped in result.skipped]


# --- Contact log and evaluations -------------------------------------------------------------


@transaction.atomic
def log_entry_add(
    *, collaboration: Collaboration, data: dict[str, Any], by: User
) -> ContactLogEntry:
    entry = ContactLogEntry(collaboration=collaboration, by=by, **data)
    entry.full_clean()
    entry.save()
    # Bottlenecks named in the log count for the collaboration as a whole.
    new = [b for b in entry.bottlenecks if b not in collaboration.bottlenecks]
    if new:
        collaboration.bottlenecks = [*collaboration.bottlenecks, *new]
        collaboration.save(update_fields=["bottlenecks", "updated_at"])
    return entry


@transaction.atomic
def evaluation_add(*, collaboration: Collaboration, data: dict[str, Any], by: User) -> Evaluation:
    evaluation = Evaluation(collaboration=collaboration, by=by, **data)
    evaluation.full_clean()
    evaluation.save()
    return evaluation


# --- Calendar feeds --------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, organisation: Organisation, by: User) -> tuple[CalendarFeed, str]:
    """A new secret feed address key; only its hash is kept."""
    key = secrets.token_urlsafe(24)
    feed = CalendarFeed.objects.create(
        organisation=organisation, key_hash=secret_hash(key), created_by=by
    )
    return feed, key


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed) -> None:
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])


# --- Continuous learning line ----------------------------------------------------------------


@transaction.atomic
def alignment_set(
    *, collaboration: Collaboration, aspect: str, status: str, description: str = ""
) -> Alignment:
    alignment = Alignment.objects.filter(collaboration=collaboration, aspect=aspect).first()
    alignment = alignment or Alignment(collaboration=collaboration, aspect=aspect)
    alignment.status, alignment.description = status, description
    alignment.full_clean()
    alignment.save()
    _levels_changed(collaboration.pk)
    return alignment


@transaction.atomic
def learning_link_add(
    *, collaboration: Collaboration, elective: Elective, qualification: Qualification
) -> LearningLink:
    if not collaboration.partners.filter(organisation_id=qualification.organisation_id).exists():
        raise ValidationError(
            {"qualification": _("Choose a qualification of an mbo college in this collaboration.")}
        )
    link = LearningLink(collaboration=collaboration, elective=elective, qualification=qualification)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def meeting_add(
    *,
    collaboration: Collaboration,
    date: dt.date,
    participants: Iterable[Organisation],
    minutes: str = "",
) -> ConsultationMeeting:
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("Who took part?")})
    meeting = ConsultationMeeting(collaboration=collaboration, date=date, minutes=minutes)
    meeting.full_clean()
    meeting.save()
    meeting.participants.set(participants)
    _levels_changed(collaboration.pk, *(o.pk for o in participants))
    return meeting


@transaction.atomic
def action_item_add(*, meeting: ConsultationMeeting, data: dict[str, Any]) -> ActionItem:
    item = ActionItem(meeting=meeting, **data)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_toggle(*, item: ActionItem) -> ActionItem:
    item.done = not item.done
    item.save(update_fields=["done"])
    return item
