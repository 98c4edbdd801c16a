"""Reads for the monitor: the figures of one scope — a school year, the nation or a region, and
optionally one form and one sector — for dashboards, exports, the API and the printed report.

Every figure is a fixed number of aggregate queries, whatever the size of the data: the
dashboard of the whole country costs the same handful of queries as that of one region.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbindt.collaborations.models import (
    Agreement,
    Bottleneck,
    Collaboration,
    CollaborationForm,
    ContactLogEntry,
    Evaluation,
    Form,
    Partner,
    Session,
    Status,
    StatusChange,
    YearPlan,
)
from verbindt.collaborations.selectors import (
    collaborations_of_year,
    day_start,
    with_form_and_sector,
)
from verbindt.core import schoolyears
from verbindt.core.models import Region, SchoolYear
from verbindt.maturity.models import MaturityLevel, SchoolLevel
from verbindt.maturity.selectors import regions_in_scope
from verbindt.network.models import Organisation, OrganisationKind, Sector
from verbindt.network.selectors import main_location

LEVELS = [code for code, _label in MaturityLevel.choices]
TREND_YEARS = 5


# --- The scope -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a set of figures covers. ``region`` None is the whole country."""

    school_year: SchoolYear
    region: Region | None = None
    form: str = ""
    sector: str = ""

    def query(self, **extra: Any) -> dict[str, Any]:
        """The scope as the page's query parameters, for links to the lists behind figures."""
        params: dict[str, Any] = {"year": self.school_year.start_year}
        if self.region:
            params["region"] = self.region.code
        if self.form:
            params["form"] = self.form
        if self.sector:
            params["sector"] = self.sector
        return {**params, **{k: v for k, v in extra.items() if v not in ("", None)}}

    @property
    def label(self) -> str:
        return self.region.name if self.region else _("the Netherlands")


def scope_for(
    user: Any, *, school_year: str = "", region: str = "", form: str = "", sector: str = ""
) -> Scope:
    """The scope a coordinator asks for, checked against what they may see: a region outside
    their own is PermissionDenied; a regional coordinator who names none gets their own."""
    allowed = regions_in_scope(user)
    if not allowed.exists():
        raise PermissionDenied(_("The monitor is for coordinators."))
    scope = scope_from(school_year=school_year, region=region, form=form, sector=sector)
    if scope.region and not allowed.filter(pk=scope.region.pk).exists():
        raise PermissionDenied(_("You can only see the figures of your own region."))
    if scope.region is None and allowed.count() == 1 and Region.objects.count() > 1:
        # A regional coordinator: their region is the whole picture.
        return Scope(scope.school_year, allowed.get(), scope.form, scope.sector)
    return scope


def scope_from(
    *, school_year: str = "", region: str = "", form: str = "", sector: str = ""
) -> Scope:
    """A scope from its parameters; an unknown value is a ValidationError naming it."""
    year = _school_year(school_year)
    chosen = None
    if region:
        chosen = Region.objects.filter(code=region).first()
        if chosen is None:
            raise ValidationError({"region": _("There is no region %(code)s.") % {"code": region}})
    if form and form not in Form.values:
        raise ValidationError({"form": _("There is no form %(code)s.") % {"code": form}})
    if sector and sector not in Sector.values:
        raise ValidationError({"sector": _("There is no sector %(code)s.") % {"code": sector}})
    return Scope(year, chosen, form, sector)


def _school_year(value: str) -> SchoolYear:
    """``2025-2026`` or ``2025``; the current school year when empty."""
    if not value:
        start = schoolyears.start_year_for(timezone.localdate())
    else:
        try:
            start = int(value) if value.isdigit() else schoolyears.parse_label(value)
        except ValueError:
            start = 0
    year = SchoolYear.objects.filter(start_year=start).first()
    if year is None and not value:
        year = SchoolYear.objects.create(start_year=start)
    if year is None:
        raise ValidationError(
            {"school_year": _("There are no figures for school year %(year)s.") % {"year": value}}
        )
    return year


# --- What is in scope ------------------------------------------------------------------------


def schools_in(scope: Scope) -> QuerySet[Organisation]:
    """The vmbo locations of the scope; with a form or sector, only those taking part in a
    collaboration of that form or with an institution of that sector in the year."""
    schools = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
    if scope.region:
        schools = schools.filter(region=scope.region)
    if scope.form or scope.sector:
        schools = schools.filter(
            pk__in=Partner.objects.filter(collaboration__in=collaborations_in(scope)).values(
                "organisation_id"
            )
        )
    return schools


def narrowed(collaborations: QuerySet[Collaboration], scope: Scope) -> QuerySet[Collaboration]:
    """Those with a partner in the scope's region (any partner: a region's picture includes
    its schools' partners elsewhere), of its form and with an institution of its sector."""
    if scope.region:
        collaborations = collaborations.filter(
            pk__in=Partner.objects.filter(organisation__region=scope.region).values(
                "collaboration_id"
            )
        )
    return with_form_and_sector(collaborations, form=scope.form, sector=scope.sector)


def collaborations_in(scope: Scope) -> QuerySet[Collaboration]:
    """The scope's collaborations of its school year (linked to that year)."""
    return narrowed(collaborations_of_year(scope.school_year), scope)


def _in_year(year: SchoolYear) -> Q:
    return Q(
        starts_at__gte=day_start(year.start),
        starts_at__lt=day_start(year.end + dt.timedelta(days=1)),
    )


def _of_scope(scope: Scope) -> Q:
    """Records of the scope's collaborations; for the whole country no condition at all (a
    condition on every collaboration costs an index probe per row)."""
    if not (scope.region or scope.form or scope.sector):
        return Q()
    return Q(collaboration__in=narrowed(Collaboration.objects.all(), scope))


def sessions_in(scope: Scope) -> QuerySet[Session]:
    """The sessions held in the school year by the scope's collaborations."""
    return Session.objects.filter(_in_year(scope.school_year), _of_scope(scope))


# --- The figures -----------------------------------------------------------------------------


@dataclass
class LevelRow:
    region: Region | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, level: str) -> float:
        return self.counts.get(level, 0) / self.total if self.total else 0.0


def level_distribution(scope: Scope) -> list[LevelRow]:
    """Schools per level and region (schools without a stored level count as ``none``), one
    row per region in scope; the nation's total is ``level_totals`` of these rows."""
    stored = SchoolLevel.objects.filter(
        school_year=scope.school_year, organisation=OuterRef("pk")
    ).values("level")[:1]
    grouped = (
        schools_in(scope)
        .order_by()
        .annotate(level=Subquery(stored))
        .values_list("region_id", "level")
        .annotate(n=Count("pk"))
    )
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for region_id, level, n in grouped:
        counts[region_id][level or MaturityLevel.NONE] += n
    regions = [scope.region] if scope.region else list(Region.objects.all())
    rows = [LevelRow(region, {lv: counts[region.pk][lv] for lv in LEVELS}) for region in regions]
    if not scope.region and counts.get(None):
        rows.append(LevelRow(None, {lv: counts[None][lv] for lv in LEVELS}))
    return rows


def level_totals(rows: Iterable[LevelRow]) -> LevelRow:
    total: Counter[str] = Counter()
    for row in rows:
        total.update(row.counts)
    return LevelRow(None, {lv: total[lv] for lv in LEVELS})


@dataclass
class FormRow:
    code: str
    label: str
    collaborations: int
    sessions: int
    students: int


def form_figures(scope: Scope) -> list[FormRow]:
    """Per form: the collaborations taking it, their sessions in the year of that form and the
    students those sessions reached (a student at two sessions counts twice)."""
    collaborations = dict(
        CollaborationForm.objects.filter(collaboration__in=collaborations_in(scope))
        .values_list("form")
        .annotate(n=Count("collaboration_id", distinct=True))
        .order_by()
    )
    sessions = {
        form: (n, students or 0)
        for form, n, students in sessions_in(scope)
        .values_list("form")
        .annotate(n=Count("pk"), students=Sum("students"))
        .order_by()
    }
    return [
        FormRow(code, str(label), collaborations.get(code, 0), *sessions.get(code, (0, 0)))
        for code, label in Form.choices
        if not scope.form or code == scope.form
    ]


COMBINATIONS = {
    "vmbo_vmbo": gettext_lazy("vmbo – vmbo"),
    "vmbo_mbo": gettext_lazy("vmbo – mbo"),
    "vmbo_work_field": gettext_lazy("vmbo – work field"),
    "all_three": gettext_lazy("vmbo – mbo – work field"),
}


def _combination(kinds: Counter[str]) -> str:
    mbo, field_ = kinds[OrganisationKind.MBO_COLLEGE], kinds[OrganisationKind.INSTITUTION]
    if not kinds[OrganisationKind.VMBO_LOCATION]:
        return ""
    if mbo and field_:
        return "all_three"
    if mbo:
        return "vmbo_mbo"
    if field_:
        return "vmbo_work_field"
    return "vmbo_vmbo" if kinds[OrganisationKind.VMBO_LOCATION] > 1 else ""


def _kinds_per_collaboration(collaborations: QuerySet[Collaboration]) -> dict[int, Counter[str]]:
    kinds: dict[int, Counter[str]] = defaultdict(Counter)
    for collaboration_id, kind, n in (
        Partner.objects.filter(collaboration__in=collaborations)
        .values_list("collaboration_id", "organisation__kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kinds[collaboration_id][kind] = n
    return kinds


def partner_combinations(scope: Scope) -> dict[str, int]:
    """Collaborations by who works together: vmbo schools among themselves, with an mbo
    college, with the work field, or all three."""
    counts = Counter(
        _combination(kinds) for kinds in _kinds_per_collaboration(collaborations_in(scope)).values()
    )
    return {code: counts[code] for code in COMBINATIONS}


def collaborations_with_combination(scope: Scope, combination: str) -> list[int]:
    return [
        pk
        for pk, kinds in _kinds_per_collaboration(collaborations_in(scope)).items()
        if _combination(kinds) == combination
    ]


def _bottlenecks_named(scope: Scope) -> dict[int, set[str]]:
    """Each collaboration's bottlenecks: on the collaboration, or in its contact log that
    year."""
    collaborations = collaborations_in(scope)
    named: dict[int, set[str]] = defaultdict(set)
    for pk, codes in collaborations.values_list("pk", "bottlenecks"):
        named[pk].update(codes or ())
    year = scope.school_year
    for pk, codes in ContactLogEntry.objects.filter(
        collaboration__in=collaborations, date__gte=year.start, date__lte=year.end
    ).values_list("collaboration_id", "bottlenecks"):
        named[pk].update(codes or ())
    return named


def bottleneck_figures(scope: Scope) -> list[tuple[str, str, int]]:
    """(code, label, collaborations naming it), most named first."""
    counts = Counter(code for codes in _bottlenecks_named(scope).values() for code in codes)
    return sorted(
        ((code, str(label), counts[code]) for code, label in Bottleneck.choices),
        key=lambda row: -row[2],
    )


def collaborations_with_bottleneck(scope: Scope, bottleneck: str) -> list[int]:
    return [pk for pk, codes in _bottlenecks_named(scope).items() if bottleneck in codes]


@dataclass
class Hours:
    facilitated: dict[str, float]
    spent: dict[str, float]

    @property
    def facilitated_total(self) -> float:
        return sum(self.facilitated.values())

    @property
    def spent_total(self) -> float:
        return sum(self.spent.values())


HOUR_KINDS = {
    "teacher": gettext_lazy("teachers"),
    "supervisor": gettext_lazy("practice supervisors"),
    "professional": gettext_lazy("professionals"),
}


def hours(scope: Scope) -> Hours:
    """Hours facilitated in the year plans against hours spent in the sessions."""
    budget = YearPlan.objects.filter(
        collaboration__in=collaborations_in(scope), school_year=scope.school_year
    ).aggregate(**{kind: Sum(f"budget_{kind}_hours") for kind in HOUR_KINDS})
    spent = sessions_in(scope).aggregate(**{kind: Sum(f"hours_{kind}") for kind in HOUR_KINDS})
    return Hours(
        {kind: float(budget[kind] or 0) for kind in HOUR_KINDS},
        {kind: float(spent[kind] or 0) for kind in HOUR_KINDS},
    )


NOT_AGREED = [Status.IDEA, Status.CONTACT_SOUGHT, Status.IN_TALKS, Status.STOPPED]
AGREED = [Status.AGREED, Status.ACTIVE, Status.EVALUATED]


def stalled_outreach(scope: Scope) -> QuerySet[Organisation]:
    """Schools trying to expand whose outreach does not succeed: contact attempts in the year
    in a collaboration that has no agreement and never got as far as agreeing. Each school
    with ``attempts``, the contact-log entries of the year in those collaborations."""
    year = scope.school_year
    attempts = ContactLogEntry.objects.filter(date__gte=year.start, date__lte=year.end)
    stalled = (
        narrowed(Collaboration.objects.filter(status__in=NOT_AGREED), scope)
        .filter(pk__in=attempts.values("collaboration_id"))
        .exclude(Exists(Agreement.objects.filter(plan__collaboration=OuterRef("pk"))))
        .exclude(
            Exists(StatusChange.objects.filter(collaboration=OuterRef("pk"), new_status__in=AGREED))
        )
    )
    schools = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
    if scope.region:
        schools = schools.filter(region=scope.region)
    per_school = (
        attempts.filter(
            collaboration__in=stalled, collaboration__partners__organisation=OuterRef("pk")
        )
        .order_by()
        .values("collaboration__partners__organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        schools.filter(
            pk__in=Partner.objects.filter(collaboration__in=stalled).values("organisation_id")
        )
        .annotate(attempts=Subquery(per_school, output_field=IntegerField()))
        .select_related("region")
        .order_by("-attempts", "name")
    )


@dataclass
class Enthusiasm:
    average: float | None
    evaluations: int
    students: int


def enthusiasm(scope: Scope) -> Enthusiasm:
    row = Evaluation.objects.filter(
        collaboration__in=collaborations_in(scope),
        school_year=scope.school_year,
        student_enthusiasm__isnull=False,
    ).aggregate(average=Avg("student_enthusiasm"), n=Count("pk"), students=Sum("student_responses"))
    average = row["average"]
    return Enthusiasm(
        round(float(average), 2) if average is not None else None, row["n"], row["students"] or 0
    )


@dataclass
class TrendRow:
    school_year: SchoolYear
    levels: dict[str, int]
    collaborations: int
    sessions: int
    students: int


def trends(scope: Scope, years: int = TREND_YEARS) -> list[TrendRow]:
    """The last ``years`` school years up to the scope's: the region's schools per level, and
    the collaborations, sessions and students reached of the scope's form and sector."""
    school_years = list(
        SchoolYear.objects.filter(start_year__lte=scope.school_year.start_year).order_by(
            "-start_year"
        )[:years]
    )[::-1]
    schools = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
    if scope.region:
        schools = schools.filter(region=scope.region)
    levels: dict[int, Counter[str]] = defaultdict(Counter)
    for year_id, level, n in (
        SchoolLevel.objects.filter(school_year__in=school_years, organisation__in=schools)
        .values_list("school_year_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        levels[year_id][level] += n
    total_schools = schools.count()
    collaborations = narrowed(Collaboration.objects.all(), scope)
    per_year = dict(
        Collaboration.school_years.through.objects.filter(
            schoolyear__in=school_years, collaboration__in=collaborations
        )
        .values_list("schoolyear_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # One query a year: each reads its date range from the covering index on sessions.
    sessions = {
        year.pk: Session.objects.filter(_in_year(year), _of_scope(scope)).aggregate(
            n=Count("pk"), students=Sum("students")
        )
        for year in school_years
    }
    rows = []
    for year in school_years:
        counts = {lv: levels[year.pk][lv] for lv in LEVELS}
        # Schools without a stored level that year have no recorded collaboration in it.
        counts[MaturityLevel.NONE] += max(0, total_schools - sum(counts.values()))
        rows.append(
            TrendRow(
                year,
                counts,
                per_year.get(year.pk, 0),
                sessions[year.pk]["n"],
                sessions[year.pk]["students"] or 0,
            )
        )
    return rows


# --- A school beside its region and the nation ---------------------------------------------


@dataclass
class Comparison:
    key: str
    label: str
    own: float | None
    region: float | None
    nation: float | None


def school_comparison(school: Organisation, school_year: SchoolYear) -> list[Comparison]:
    """A school's own figures for the year beside the average school of its region and of the
    nation. Only averages leave the other schools: never one of their names or figures."""
    schools = dict(
        Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # From the year's links to their schools: a few thousand rows, not every partner ever.
    partners = Collaboration.school_years.through.objects.filter(
        schoolyear=school_year,
        collaboration__partners__organisation__kind=OrganisationKind.VMBO_LOCATION,
    ).order_by()
    # A session counts for every school taking part in its collaboration.
    sums = {"sessions": Count("pk"), "students": Sum("students"), "hours": Sum("hours_teacher")}
    held = Session.objects.filter(
        _in_year(school_year),
        collaboration__partners__organisation__kind=OrganisationKind.VMBO_LOCATION,
    ).order_by()
    totals: dict[str, dict[Any, float]] = defaultdict(dict)
    for region_id, n in partners.values_list(
        "collaboration__partners__organisation__region_id"
    ).annotate(n=Count("pk")):
        totals["collaborations"][region_id] = n
    for row in held.values("collaboration__partners__organisation__region_id").annotate(**sums):
        for key in sums:
            totals[key][row["collaboration__partners__organisation__region_id"]] = float(
                row[key] or 0
            )
    own = Session.objects.filter(
        _in_year(school_year), collaboration__partners__organisation=school
    ).aggregate(**sums)
    own["collaborations"] = Partner.objects.filter(
        organisation=school, collaboration__school_years=school_year
    ).count()
    in_region, everywhere = schools.get(school.region_id, 0), sum(schools.values())

    def compare(key: str, label: str) -> Comparison:
        per_region = totals[key]
        return Comparison(
            key,
            label,
            float(own[key] or 0),
            per_region.get(school.region_id, 0) / in_region if in_region else None,
            sum(per_region.values()) / everywhere if everywhere else None,
        )

    return [
        compare("collaborations", _("Collaborations this school year")),
        compare("sessions", _("Sessions held")),
        compare("students", _("Students reached")),
        compare("hours", _("Teacher hours spent")),
        _enthusiasm_comparison(school, school_year),
    ]


def _enthusiasm_comparison(school: Organisation, school_year: SchoolYear) -> Comparison:
    """Average enthusiasm of the evaluations of the school's, the region's and all schools'
    collaborations (an evaluation counts once for every school taking part)."""
    rated = Evaluation.objects.filter(
        school_year=school_year,
        student_enthusiasm__isnull=False,
        collaboration__partners__organisation__kind=OrganisationKind.VMBO_LOCATION,
    ).order_by()
    rows = rated.values_list("collaboration__partners__organisation__region_id").annotate(
        total=Sum("student_enthusiasm"), n=Count("pk")
    )
    totals = {region: (float(total), n) for region, total, n in rows}
    own = Evaluation.objects.filter(
        school_year=school_year,
        student_enthusiasm__isnull=False,
        collaboration__partners__organisation=school,
    ).aggregate(average=Avg("student_enthusiasm"))["average"]
    region_total, region_n = totals.get(school.region_id, (0.0, 0))
    all_total = sum(t for t, _n in totals.values())
    all_n = sum(n for _t, n in totals.values())
    return Comparison(
        "enthusiasm",
        _("Student enthusiasm (1–5)"),
        round(float(own), 2) if own is not None else None,
        round(region_total / region_n, 2) if region_n else None,
        round(all_total / all_n, 2) if all_n else None,
    )


def level_shares(school: Organisation, school_year: SchoolYear) -> dict[str, Any]:
    """The school's level beside the share of schools per level in its region and the nation."""
    stored = SchoolLevel.objects.filter(school_year=school_year).order_by()
    region: Counter[str] = Counter()
    nation: Counter[str] = Counter()
    for region_id, level, n in stored.values_list("organisation__region_id", "level").annotate(
        n=Count("pk")
    ):
        nation[level] += n
        if region_id == school.region_id:
            region[level] += n
    own = stored.filter(organisation=school).values_list("level", flat=True).first()

    def shares(counts: Counter[str]) -> dict[str, float]:
        total = sum(counts.values())
        return {lv: counts[lv] / total if total else 0.0 for lv in LEVELS}

    return {"own": own or MaturityLevel.NONE, "region": shares(region), "nation": shares(nation)}


# --- The dashboard ---------------------------------------------------------------------------


def level_map_points(scope: Scope) -> list[dict[str, Any]]:
    """Each geocoded school of the scope with its level, in one query."""
    stored = SchoolLevel.objects.filter(
        school_year=scope.school_year, organisation=OuterRef("pk")
    ).values("level")[:1]
    rows = (
        schools_in(scope)
        .annotate(
            latitude=Subquery(main_location().values("latitude")[:1]),
            longitude=Subquery(main_location().values("longitude")[:1]),
            level=Subquery(stored),
        )
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values_list("pk", "name", "latitude", "longitude", "level")
    )
    return [
        {
            "id": pk,
            "name": name,
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "level": level or MaturityLevel.NONE,
        }
        for pk, name, lat, lon, level in rows
    ]


@dataclass
class Dashboard:
    scope: Scope
    levels: list[LevelRow]
    level_total: LevelRow
    forms: list[FormRow]
    combinations: dict[str, int]
    bottlenecks: list[tuple[str, str, int]]
    hours: Hours
    stalled: list[Organisation]
    stalled_count: int
    enthusiasm: Enthusiasm
    trends: list[TrendRow]
    collaborations: int


STALLED_SHOWN = 10


def dashboard(scope: Scope) -> Dashboard:
    levels = level_distribution(scope)
    stalled = stalled_outreach(scope)
    return Dashboard(
        scope=scope,
        levels=levels,
        level_total=level_totals(levels),
        forms=form_figures(scope),
        combinations=partner_combinations(scope),
        bottlenecks=bottleneck_figures(scope),
        hours=hours(scope),
        stalled=list(stalled[:STALLED_SHOWN]),
        stalled_count=stalled.count(),
        enthusiasm=enthusiasm(scope),
        trends=trends(scope),
        collaborations=collaborations_in(scope).count(),
    )
