"""Reads for the maturity levels: the plain facts the rules need, and the tables people see.

The facts come in a fixed number of queries however many schools are asked for (one per kind
of record), so recomputing the whole country costs the same handful of queries per year.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.collaborations.models import (
    Alignment,
    Collaboration,
    ConsultationMeeting,
    Form,
    Partner,
    Session,
    SessionSeries,
    YearPlan,
)
from verbindt.collaborations.selectors import collaborations_of_year, with_form_and_sector
from verbindt.core import schoolyears
from verbindt.core.models import Region, SchoolYear
from verbindt.maturity import rules
from verbindt.maturity.models import MaturitySettings, SchoolLevel, SelfScan
from verbindt.network.models import Location, Organisation, OrganisationKind
from verbindt.network.selectors import organisations_in_scope


def thresholds() -> rules.Thresholds:
    settings = MaturitySettings.objects.filter(pk=1).first()
    return settings.thresholds() if settings else rules.Thresholds()


def schools(ids: Iterable[int] | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
    return qs if ids is None else qs.filter(pk__in=list(ids))


def _local_date(moment: dt.datetime, tz: Any) -> dt.date:
    return moment.astimezone(tz).date()


def collaboration_facts(
    collaborations: QuerySet[Collaboration], school_year: SchoolYear
) -> dict[int, rules.Collaboration]:
    """What the rules need about each collaboration in ``collaborations`` for one school year.

    Collaborations with nothing in that year (not linked to it, no plan, no sessions) are left
    out: they say nothing about the year.
    """
    tz = timezone.get_current_timezone()
    start, end = school_year.start, school_year.end
    ids = collaborations.values("pk")
    linked = set(
        Collaboration.school_years.through.objects.filter(
            collaboration_id__in=ids, schoolyear_id=school_year.pk
        ).values_list("collaboration_id", flat=True)
    )
    partners: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for collaboration_id, organisation_id, kind in Partner.objects.filter(
        collaboration_id__in=ids
    ).values_list("collaboration_id", "organisation_id", "organisation__kind"):
        partners[collaboration_id].append((organisation_id, kind))
    alignment: dict[int, dict[str, str]] = defaultdict(dict)
    for collaboration_id, aspect, status in Alignment.objects.filter(
        collaboration_id__in=ids
    ).values_list("collaboration_id", "aspect", "status"):
        alignment[collaboration_id][aspect] = status
    plans = {
        row["collaboration_id"]: row
        for row in YearPlan.objects.filter(collaboration_id__in=ids, school_year=school_year)
        .annotate(
            n_agreements=Count("agreements", distinct=True),
            n_confirmed=Count(
                "confirmations",
                filter=Q(confirmations__version=F("version")),
                distinct=True,
            ),
        )
        .values("id", "collaboration_id", "n_agreements", "n_confirmed")
    }
    sessions: dict[int, list[rules.Session]] = defaultdict(list)
    begin = dt.datetime.combine(start, dt.time.min, tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    for pk, collaboration_id, starts_at, joint, form in Session.objects.filter(
        collaboration_id__in=ids, starts_at__gte=begin, starts_at__lt=finish
    ).values_list("pk", "collaboration_id", "starts_at", "joint_teaching", "form"):
        sessions[collaboration_id].append(
            rules.Session(pk, _local_date(starts_at, tz), joint or form == Form.JOINT_TEACHING)
        )
    series: dict[int, list[rules.Series]] = defaultdict(list)
    for pk, collaboration_id, every, first, last in SessionSeries.objects.filter(
        collaboration_id__in=ids, first_date__lte=end, last_date__gte=start
    ).values_list("pk", "collaboration_id", "every_n_weeks", "first_date", "last_date"):
        series[collaboration_id].append(rules.Series(pk, every, first, last))
    meetings = _meetings(ids, start, end, partners)
    facts = {}
    for pk, status in collaborations.values_list("pk", "status"):
        if pk not in linked and pk not in plans and pk not in sessions:
            continue
        plan = plans.get(pk)
        facts[pk] = rules.Collaboration(
            id=pk,
            status=status,
            in_year=pk in linked,
            partner_kinds=frozenset(kind for _, kind in partners[pk]),
            alignment=alignment.get(pk, {}),
            plan=plan
            and rules.Plan(
                plan["id"], plan["n_agreements"], len(partners[pk]), plan["n_confirmed"]
            ),
            sessions=tuple(sessions.get(pk, ())),
            series=tuple(series.get(pk, ())),
            meetings=tuple(meetings.get(pk, ())),
        )
    return facts


def _meetings(
    ids: QuerySet, start: dt.date, end: dt.date, partners: dict[int, list[tuple[int, str]]]
) -> dict[int, list[rules.Meeting]]:
    """A regional consultation counts for a collaboration when it is recorded there, or when
    at least two of its partners took part (the consultation is often its own collaboration)."""
    in_year = ConsultationMeeting.objects.filter(date__gte=start, date__lte=end)
    collaborations_of: dict[int, list[int]] = defaultdict(list)
    for collaboration_id, rows in partners.items():
        for organisation_id, _ in rows:
            collaborations_of[organisation_id].append(collaboration_id)
    taking_part: dict[int, set[int]] = defaultdict(set)
    for meeting_id, organisation_id in ConsultationMeeting.participants.through.objects.filter(
        consultationmeeting__in=in_year, organisation_id__in=list(collaborations_of)
    ).values_list("consultationmeeting_id", "organisation_id"):
        taking_part[meeting_id].add(organisation_id)
    found: dict[int, dict[int, rules.Meeting]] = defaultdict(dict)
    own = in_year.filter(collaboration_id__in=ids) | in_year.filter(pk__in=list(taking_part))
    dates = {}
    for pk, collaboration_id, day in own.values_list("pk", "collaboration_id", "date"):
        dates[pk] = day
        found[collaboration_id][pk] = rules.Meeting(pk, day)
    # From each meeting to the collaborations of those present: linear in the participations,
    # not collaborations × meetings.
    for meeting_id, present in taking_part.items():
        shared = Counter(c for org in present for c in collaborations_of[org])
        for collaboration_id, count in shared.items():
            if count >= 2:
                found[collaboration_id][meeting_id] = rules.Meeting(meeting_id, dates[meeting_id])
    return {pk: list(by_id.values()) for pk, by_id in found.items() if pk in partners}


def school_collaborations(school_ids: list[int]) -> dict[int, list[int]]:
    """Each school's collaborations, by school id."""
    result: dict[int, list[int]] = defaultdict(list)
    for organisation_id, collaboration_id in Partner.objects.filter(
        organisation_id__in=school_ids
    ).values_list("organisation_id", "collaboration_id"):
        result[organisation_id].append(collaboration_id)
    return result


def assess_schools(
    school_ids: list[int], school_year: SchoolYear, limits: rules.Thresholds
) -> dict[int, rules.SchoolResult]:
    """The level of each school in one school year, straight from the recorded data."""
    per_school = school_collaborations(school_ids)
    facts = collaboration_facts(
        Collaboration.objects.filter(partners__organisation_id__in=school_ids).distinct(),
        school_year,
    )
    return {
        school: rules.classify_school(
            (facts[pk] for pk in per_school.get(school, ()) if pk in facts),
            year_start=school_year.start,
            thresholds=limits,
        )
        for school in school_ids
    }


def collaboration_level(collaboration: Collaboration, school_year: SchoolYear) -> rules.Level:
    facts = collaboration_facts(Collaboration.objects.filter(pk=collaboration.pk), school_year)
    if collaboration.pk not in facts:
        return rules.Level.NONE
    return rules.classify_collaboration(
        facts[collaboration.pk], year_start=school_year.start, thresholds=thresholds()
    ).level


def collaboration_titles(result: rules.SchoolResult) -> list[dict[str, Any]]:
    """The school's collaborations in the year, best level first, for a table."""
    titles = dict(
        Collaboration.objects.filter(pk__in=[r.id for r in result.collaborations]).values_list(
            "pk", "title"
        )
    )
    return [
        {"id": r.id, "title": titles[r.id], "level": r.level.code}
        for r in sorted(result.collaborations, key=lambda r: (-r.level, titles[r.id]))
    ]


# --- What people see -------------------------------------------------------------------------


def regions_in_scope(user: Any) -> QuerySet[Region]:
    """Platform coordinators see every region; a regional coordinator only their own."""
    membership = active_membership(user)
    if membership is None:
        return Region.objects.none()
    if membership.role == Role.PLATFORM_COORDINATOR:
        return Region.objects.all()
    if membership.role == Role.REGIONAL_COORDINATOR:
        return Region.objects.filter(pk=membership.region_id)
    return Region.objects.none()


def level_table(
    *,
    user: Any,
    school_year: SchoolYear,
    region: Region | None = None,
    level: str = "",
    search: str = "",
    form: str = "",
    sector: str = "",
) -> QuerySet[Organisation]:
    """The schools a user answers for (a coordinator: the nation or the region), each with
    its data level, its self-scan level and its place; with a form or sector, only schools
    in a collaboration of the school year of that form and with an institution of that
    sector."""
    qs = organisations_in_scope(user).filter(kind=OrganisationKind.VMBO_LOCATION)
    if region is not None:
        qs = qs.filter(region=region)
    if form or sector:
        taking_part = with_form_and_sector(
            collaborations_of_year(school_year), form=form, sector=sector
        )
        qs = qs.filter(
            pk__in=Partner.objects.filter(collaboration__in=taking_part).values("organisation_id")
        )
    qs = qs.annotate(
        data_level=Subquery(
            SchoolLevel.objects.filter(school_year=school_year, organisation=OuterRef("pk")).values(
                "level"
            )[:1]
        ),
        scan_level=Subquery(
            SelfScan.objects.filter(school_year=school_year, organisation=OuterRef("pk")).values(
                "level"
            )[:1]
        ),
        place=Subquery(Location.objects.filter(organisation=OuterRef("pk")).values("place")[:1]),
    ).select_related("region")
    if level == rules.Level.NONE.code:
        qs = qs.filter(Q(data_level=level) | Q(data_level__isnull=True))
    elif level:
        qs = qs.filter(data_level=level)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(duo_code__iexact=search))
    return qs.order_by("region__name", "name")


def level_counts(table: QuerySet[Organisation]) -> dict[str, int]:
    counts = dict(
        # No ordering: its columns would join the GROUP BY and split the groups.
        table.order_by()
        .values_list("data_level")
        .annotate(n=Count("pk"))
        .values_list("data_level", "n")
    )
    counts[rules.Level.NONE.code] = counts.get(rules.Level.NONE.code, 0) + counts.pop(None, 0)
    return counts


def school_level_now(organisation: Organisation) -> SchoolLevel | None:
    """The stored level of a school in the current school year (None for other kinds)."""
    if organisation.kind != OrganisationKind.VMBO_LOCATION:
        return None
    return (
        SchoolLevel.objects.filter(
            organisation=organisation,
            school_year__start_year=schoolyears.start_year_for(timezone.localdate()),
        )
        .select_related("school_year")
        .first()
    )


def self_scan(organisation: Organisation, school_year: SchoolYear) -> SelfScan | None:
    return SelfScan.objects.filter(organisation=organisation, school_year=school_year).first()
