"""Reads for collaborations: what a user may see, the board, plans with their sums."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.collaborations.models import (
    Collaboration,
    CollaborationForm,
    Partner,
    PlanConfirmation,
    Session,
    Status,
    YearPlan,
)
from verbindt.core import schoolyears
from verbindt.core.models import SchoolYear
from verbindt.network.models import OrganisationKind


def day_start(day: dt.date) -> dt.datetime:
    """Midnight in Amsterdam: filter on ranges of ``starts_at`` so its index is used
    (``starts_at__date`` makes the database compute a date for every row)."""
    return dt.datetime.combine(day, dt.time(), timezone.get_current_timezone())


def collaborations_of_year(school_year: SchoolYear) -> QuerySet[Collaboration]:
    """The collaborations linked to ``school_year``."""
    linked = Collaboration.school_years.through.objects.filter(schoolyear_id=school_year.pk)
    return Collaboration.objects.filter(pk__in=linked.values("collaboration_id"))


def with_form_and_sector(
    collaborations: QuerySet[Collaboration], *, form: str = "", sector: str = ""
) -> QuerySet[Collaboration]:
    """Those taking ``form`` and with an institution of ``sector`` among their partners; an
    empty value asks nothing. The monitor's figures and the level table behind them both
    narrow by this rule, so that a count and its list agree."""
    if form:
        collaborations = collaborations.filter(
            pk__in=CollaborationForm.objects.filter(form=form).values("collaboration_id")
        )
    if sector:
        collaborations = collaborations.filter(
            pk__in=Partner.objects.filter(
                organisation__kind=OrganisationKind.INSTITUTION, organisation__sector=sector
            ).values("collaboration_id")
        )
    return collaborations


def collaborations_visible_to(user: Any) -> QuerySet[Collaboration]:
    """Partners see their own; regional coordinators those with a partner in their region;
    platform coordinators all. The same rule as ``collaborations.view_collaboration``."""
    membership = active_membership(user)
    collaborations = Collaboration.objects.all()
    if membership is None:
        return collaborations.none()
    if membership.role == Role.PLATFORM_COORDINATOR:
        return collaborations
    if membership.role == Role.REGIONAL_COORDINATOR:
        ids = Partner.objects.filter(organisation__region_id=membership.region_id)
    else:
        ids = Partner.objects.filter(organisation_id=membership.organisation_id)
    return collaborations.filter(pk__in=ids.values("collaboration_id"))


@dataclass(frozen=True)
class CollaborationFilters:
    form: str = ""
    status: str = ""
    school_year: int | None = None
    organisation: int | None = None
    q: str = ""

    @classmethod
    def from_query(cls, params: Any) -> "CollaborationFilters":
        from verbindt.collaborations.models import Form

        def number(name: str) -> int | None:
            value = (params.get(name) or "").strip()
            return int(value) if value.isdigit() else None

        form = (params.get("form") or "").strip()
        status = (params.get("status") or "").strip()
        return cls(
            form=form if form in Form.values else "",
            status=status if status in Status.values else "",
            school_year=number("school_year"),
            organisation=number("organisation"),
            q=(params.get("q") or "").strip()[:100],
        )


def collaboration_search(*, user: Any, filters: CollaborationFilters) -> QuerySet[Collaboration]:
    collaborations = collaborations_visible_to(user)
    if filters.form:
        collaborations = collaborations.filter(forms__form=filters.form)
    if filters.status:
        collaborations = collaborations.filter(status=filters.status)
    if filters.school_year:
        collaborations = collaborations.filter(school_years__start_year=filters.school_year)
    if filters.organisation:
        collaborations = collaborations.filter(partners__organisation_id=filters.organisation)
    if filters.q:
        collaborations = collaborations.filter(title__icontains=filters.q)
    return _with_details(collaborations.distinct())


def _with_details(collaborations: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    return collaborations.prefetch_related(
        Prefetch("forms", queryset=CollaborationForm.objects.all()),
        Prefetch("partners", queryset=Partner.objects.select_related("organisation")),
        "school_years",
    )


BOARD_COLUMN_SIZE = 30


def board(
    *, user: Any, filters: CollaborationFilters
) -> list[tuple[str, str, list[Collaboration], int]]:
    """The collaborations in columns by status, in pipeline order: per column its first
    ``BOARD_COLUMN_SIZE`` cards and how many there are in all (the list shows the rest)."""
    ids: dict[str, list[int]] = {status: [] for status in Status.values}
    for pk, status in collaboration_search(user=user, filters=filters).values_list("pk", "status"):
        ids[status].append(pk)
    shown = {pk for column in ids.values() for pk in column[:BOARD_COLUMN_SIZE]}
    cards = {c.pk: c for c in _with_details(Collaboration.objects.filter(pk__in=shown))}
    return [
        (
            status,
            str(label),
            [cards[pk] for pk in ids[status][:BOARD_COLUMN_SIZE]],
            len(ids[status]),
        )
        for status, label in Status.choices
    ]


def collaboration_detail(*, pk: int) -> Collaboration:
    return Collaboration.objects.prefetch_related(
        "forms",
        "school_years",
        Prefetch(
            "partners",
            queryset=Partner.objects.select_related("organisation").prefetch_related("contacts"),
        ),
        "status_changes__by",
        "log_entries__by",
        "alignments",
        "learning_links__elective",
        "learning_links__qualification",
        "meetings__participants",
        "meetings__action_items__owner",
        "evaluations",
    ).get(pk=pk)


@dataclass
class PlanState:
    plan: YearPlan
    confirmed: set[int]  # partner ids that confirmed the current version
    agreed: bool
    spent: dict[str, Decimal]


def plan_state(plan: YearPlan) -> PlanState:
    """Who confirmed the current version, whether all did, and the hours spent so far
    (sessions that have begun; planned ones are not spent yet)."""
    partners = set(plan.collaboration.partners.values_list("pk", flat=True))
    confirmed = set(
        PlanConfirmation.objects.filter(plan=plan, version=plan.version).values_list(
            "partner_id", flat=True
        )
    )
    spent = Session.objects.filter(
        collaboration=plan.collaboration,
        starts_at__gte=day_start(plan.school_year.start),
        starts_at__lt=min(day_start(plan.school_year.end + dt.timedelta(days=1)), timezone.now()),
    ).aggregate(
        teacher=Sum("hours_teacher"),
        supervisor=Sum("hours_supervisor"),
        professional=Sum("hours_professional"),
    )
    return PlanState(
        plan=plan,
        confirmed=confirmed,
        agreed=bool(partners) and partners <= confirmed,
        spent={role: value or Decimal(0) for role, value in spent.items()},
    )


def upcoming_sessions(*, user: Any, start: dt.date, end: dt.date) -> QuerySet[Session]:
    return (
        Session.objects.filter(
            collaboration__in=collaborations_visible_to(user),
            starts_at__gte=day_start(start),
            starts_at__lt=day_start(end + dt.timedelta(days=1)),
        )
        .select_related("collaboration", "location")
        .order_by("starts_at")
    )


def month_sessions(
    *, user: Any, start: dt.date, end: dt.date, per_day: int
) -> tuple[dict[dt.date, list[Session]], dict[dt.date, int]]:
    """The first ``per_day`` sessions of each day, and how many more there are.

    Only start times are read for the whole range; whole sessions only for those shown.
    """
    shown: dict[dt.date, list[int]] = {}
    more: dict[dt.date, int] = {}
    for pk, starts_at in upcoming_sessions(user=user, start=start, end=end).values_list(
        "pk", "starts_at"
    ):
        day = timezone.localtime(starts_at).date()
        if len(shown.setdefault(day, [])) < per_day:
            shown[day].append(pk)
        else:
            more[day] = more.get(day, 0) + 1
    sessions = Session.objects.filter(pk__in=[pk for pks in shown.values() for pk in pks])
    loaded = {s.pk: s for s in sessions.select_related("collaboration", "location")}
    return {day: [loaded[pk] for pk in pks] for day, pks in shown.items()}, more


def sessions_of_organisation(*, organisation_id: int, since: dt.date) -> QuerySet[Session]:
    return (
        Session.objects.filter(
            collaboration__partners__organisation_id=organisation_id,
            starts_at__gte=day_start(since),
        )
        .select_related("collaboration", "location")
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    by: str
    what: str
    kind: str  # +, ~, -
    fields: list[tuple[str, str, str]]  # (field, from, to)


SENTENCES = {
    "+": gettext_lazy("added %(what)s “%(name)s”"),
    "~": gettext_lazy("changed %(what)s “%(name)s”"),
    "-": gettext_lazy("removed %(what)s “%(name)s”"),
}


def audit_trail(collaboration: Collaboration, *, limit: int = 40) -> list[Change]:
    """Who changed which plan, agreement or session, when, and from what to what.

    Three queries: the history rows are compared with each other in memory (asking each row
    for its predecessor would cost a query per row).
    """
    from verbindt.collaborations.models import Agreement

    years = {y.pk: str(y) for y in SchoolYear.objects.filter(collaborations=collaboration)}

    def session_name(record: Any) -> str:
        return timezone.localtime(record.starts_at).strftime("%d-%m-%Y %H:%M")

    kinds = [
        (
            YearPlan.history.filter(collaboration_id=collaboration.pk),
            _("plan"),
            lambda record: years.get(record.school_year_id, ""),
        ),
        (
            Agreement.history.filter(plan__collaboration_id=collaboration.pk),
            _("agreement"),
            lambda record: record.what,
        ),
        (Session.history.filter(collaboration_id=collaboration.pk), _("session"), session_name),
    ]
    changes = []
    for records, label, name in kinds:
        rows = list(records.select_related("history_user").order_by("-history_date")[: 3 * limit])
        model = records.model.instance_type
        earlier: dict[int, Any] = {}  # object id → its record seen last, going forward in time
        for record in reversed(rows):
            previous = earlier.get(record.id)
            earlier[record.id] = record
            fields: list[tuple[str, str, str]] = []
            if record.history_type == "~" and previous is not None:
                for delta in record.diff_against(previous).changes:
                    if delta.field in ("version", "updated_at"):
                        continue
                    verbose = str(model._meta.get_field(delta.field).verbose_name)
                    fields.append((verbose, str(delta.old or "—"), str(delta.new or "—")))
                if not fields:
                    continue  # only the version moved on
            changes.append(
                Change(
                    at=record.history_date,
                    by=str(record.history_user or ""),
                    what=SENTENCES[record.history_type] % {"what": label, "name": name(record)},
                    kind=record.history_type,
                    fields=fields,
                )
            )
    return sorted(changes, key=lambda change: change.at, reverse=True)[:limit]


@dataclass(frozen=True)
class EvaluationSummary:
    school_year: str
    evaluations: int
    student_enthusiasm: Decimal | None  # average over all students who answered
    students: int
    partner_satisfaction: Decimal | None


def evaluation_summary(collaboration: Collaboration) -> list[EvaluationSummary]:
    """Per school year: students' enthusiasm weighted by how many answered, and partners'
    satisfaction. Students answer anonymously: only the averages exist."""
    from verbindt.collaborations.models import Evaluation

    rows = (
        Evaluation.objects.filter(collaboration=collaboration)
        .values("school_year__start_year")
        .annotate(
            evaluations=Count("pk"),
            students=Sum("student_responses"),
            weighted=Sum(F("student_enthusiasm") * F("student_responses")),
            satisfaction=Avg("partner_satisfaction"),
        )
        .order_by("-school_year__start_year")
    )
    summaries = []
    for row in rows:
        students = row["students"] or 0
        enthusiasm = Decimal(row["weighted"]) / students if students and row["weighted"] else None
        satisfaction = row["satisfaction"]
        summaries.append(
            EvaluationSummary(
                school_year=schoolyears.label_for(row["school_year__start_year"]),
                evaluations=row["evaluations"],
                student_enthusiasm=round(enthusiasm, 1) if enthusiasm is not None else None,
                students=students,
                partner_satisfaction=round(Decimal(satisfaction), 1) if satisfaction else None,
            )
        )
    return summaries
