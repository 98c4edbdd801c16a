"""The maturity levels of PRODUCT.md as pure functions over plain data (no ORM, no Django).

A collaboration reaches a level when it meets every criterion of that level and of the levels
below it; a school is at the level of its best collaboration in the school year. Every
criterion is a yes/no question about *existing* records (is there a plan, are there enough
sessions, ...), so recording more never lowers a level, and nothing depends on the order in
which the records arrive.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    NONE = 0
    INCIDENTAL = 1
    STRUCTURAL = 2
    LEARNING_LINE = 3

    @property
    def code(self) -> str:
        return self.name.lower()

    @classmethod
    def from_code(cls, code: str) -> "Level":
        return cls[code.upper()]


# Statuses in which a collaboration linked to the school year counts as running, even before
# its first session is recorded.
RUNNING_STATUSES = frozenset({"agreed", "active", "evaluated"})
ALIGNMENT_ASPECTS = ("content", "pedagogy", "didactics")


@dataclass(frozen=True)
class Thresholds:
    """What counts; platform coordinators edit these (``MaturitySettings``)."""

    min_agreements: int = 1
    plan_confirmed_by_all: bool = True
    min_sessions: int = 4
    min_quarters: int = 3
    series_counts_as_recurring: bool = True
    series_max_interval_weeks: int = 1
    series_min_weeks: int = 10
    min_aligned_aspects: int = 3
    in_progress_counts_as_aligned: bool = False
    min_joint_sessions: int = 1
    min_consultations: int = 1
    work_field_required: bool = False


@dataclass(frozen=True)
class Session:
    id: int
    on: dt.date
    joint: bool = False


@dataclass(frozen=True)
class Series:
    id: int
    every_n_weeks: int
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class Plan:
    id: int
    agreements: int
    partners: int
    confirmed: int  # partners that confirmed the current version


@dataclass(frozen=True)
class Meeting:
    id: int
    on: dt.date


@dataclass(frozen=True)
class Collaboration:
    """One collaboration as seen for one school year."""

    id: int
    status: str
    in_year: bool  # linked to the school year
    partner_kinds: frozenset[str] = frozenset()  # organisation kinds of all partners
    alignment: Mapping[str, str] = field(default_factory=dict)  # aspect → status
    plan: Plan | None = None
    sessions: tuple[Session, ...] = ()
    series: tuple[Series, ...] = ()
    meetings: tuple[Meeting, ...] = ()  # regional consultations with its partners


@dataclass(frozen=True)
class Evidence:
    kind: str  # collaboration | plan | session | series | meeting
    id: int
    collaboration: int


@dataclass(frozen=True)
class Criterion:
    code: str
    level: Level
    met: bool
    evidence: tuple[Evidence, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CollaborationResult:
    id: int
    level: Level
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class SchoolResult:
    level: Level
    lead: int | None  # the collaboration whose criteria explain the level
    criteria: tuple[Criterion, ...]
    collaborations: tuple[CollaborationResult, ...]


def quarter_of(day: dt.date, start: dt.date) -> int:
    """0–3: August–October, November–January, February–April, May–July."""
    months = (day.year - start.year) * 12 + day.month - start.month
    return min(max(months // 3, 0), 3)


def _recurring(c: Collaboration, year_start: dt.date, t: Thresholds) -> Criterion:
    # The earliest session of each quarter is its evidence (one pass, no sort: this runs
    # over every session of the country when all levels are recomputed).
    first_per_quarter: dict[int, Session] = {}
    for session in c.sessions:
        quarter = quarter_of(session.on, year_start)
        first = first_per_quarter.get(quarter)
        if first is None or (session.on, session.id) < (first.on, first.id):
            first_per_quarter[quarter] = session
    spread = len(c.sessions) >= t.min_sessions and len(first_per_quarter) >= t.min_quarters
    series = sorted(
        (
            s
            for s in c.series
            if t.series_counts_as_recurring
            and s.every_n_weeks <= t.series_max_interval_weeks
            and (s.last_date - s.first_date).days >= 7 * (t.series_min_weeks - 1)
        ),
        key=lambda s: s.id,
    )
    evidence = [Evidence("series", s.id, c.id) for s in series]
    if spread:
        evidence += [Evidence("session", s.id, c.id) for _, s in sorted(first_per_quarter.items())]
    return Criterion(
        "recurring",
        Level.STRUCTURAL,
        spread or bool(series),
        tuple(evidence),
        {"sessions": len(c.sessions), "quarters": len(first_per_quarter), "series": len(series)},
    )


def _plan(c: Collaboration, t: Thresholds) -> Criterion:
    plan = c.plan
    if plan is None:
        return Criterion("plan", Level.STRUCTURAL, False, (), {"agreements": 0})
    confirmed = plan.confirmed >= plan.partners or not t.plan_confirmed_by_all
    met = plan.agreements >= t.min_agreements and confirmed
    counts = {"agreements": plan.agreements, "partners": plan.partners, "confirmed": plan.confirmed}
    return Criterion("plan", Level.STRUCTURAL, met, (Evidence("plan", plan.id, c.id),), counts)


def _learning_line(c: Collaboration, t: Thresholds) -> list[Criterion]:
    has_mbo = "mbo_college" in c.partner_kinds
    has_field = "institution" in c.partner_kinds
    here = (Evidence("collaboration", c.id, c.id),)
    accepted = {"aligned", "in_progress"} if t.in_progress_counts_as_aligned else {"aligned"}
    aligned = sum(1 for aspect in ALIGNMENT_ASPECTS if c.alignment.get(aspect) in accepted)
    joint = sorted((s for s in c.sessions if s.joint), key=lambda s: (s.on, s.id))
    meetings = sorted(c.meetings, key=lambda m: (m.on, m.id))
    return [
        Criterion(
            "mbo_partner",
            Level.LEARNING_LINE,
            has_mbo and (has_field or not t.work_field_required),
            here if has_mbo else (),
            {"mbo": int(has_mbo), "work_field": int(has_field)},
        ),
        Criterion(
            "alignment",
            Level.LEARNING_LINE,
            aligned >= t.min_aligned_aspects,
            here if aligned else (),
            {"aligned": aligned},
        ),
        Criterion(
            "joint_teaching",
            Level.LEARNING_LINE,
            len(joint) >= t.min_joint_sessions,
            tuple(Evidence("session", s.id, c.id) for s in joint[:5]),
            {"sessions": len(joint)},
        ),
        Criterion(
            "consultation",
            Level.LEARNING_LINE,
            len(meetings) >= t.min_consultations,
            tuple(Evidence("meeting", m.id, c.id) for m in meetings[:5]),
            {"meetings": len(meetings)},
        ),
    ]


def classify_collaboration(
    c: Collaboration, *, year_start: dt.date, thresholds: Thresholds = Thresholds()
) -> CollaborationResult:
    """The level of one collaboration in the school year that starts on ``year_start``."""
    running = (c.in_year and c.status in RUNNING_STATUSES) or bool(c.sessions)
    criteria = [
        Criterion(
            "active",
            Level.INCIDENTAL,
            running,
            (Evidence("collaboration", c.id, c.id),) if running else (),
            {"sessions": len(c.sessions)},
        ),
        _plan(c, thresholds),
        _recurring(c, year_start, thresholds),
        *_learning_line(c, thresholds),
    ]
    level = Level.NONE
    for candidate in (Level.INCIDENTAL, Level.STRUCTURAL, Level.LEARNING_LINE):
        if not all(c.met for c in criteria if c.level == candidate):
            break
        level = candidate
    return CollaborationResult(c.id, level, tuple(criteria))


def _closeness(result: CollaborationResult) -> tuple[int, int, int]:
    above = [c for c in result.criteria if c.level == result.level + 1]
    return (result.level, sum(c.met for c in above), -result.id)


def classify_school(
    collaborations: Iterable[Collaboration],
    *,
    year_start: dt.date,
    thresholds: Thresholds = Thresholds(),
) -> SchoolResult:
    """A school is at the level of its best collaboration; the criteria shown are those of
    that collaboration (or, between equals, the one closest to the next level)."""
    results = sorted(
        (
            classify_collaboration(c, year_start=year_start, thresholds=thresholds)
            for c in collaborations
        ),
        key=lambda r: r.id,
    )
    if not results:
        no_activity = Criterion("active", Level.INCIDENTAL, False)
        return SchoolResult(Level.NONE, None, (no_activity,), ())
    lead = max(results, key=_closeness)
    return SchoolResult(lead.level, lead.id, lead.criteria, tuple(results))


# --- The self-scan ----------------------------------------------------------------------------


def scan_level(answers: Mapping[str, object]) -> Level:
    """The level a school's own answers describe (questions in ``maturity.scan``)."""
    if not answers.get("forms") or answers.get("partners") in (None, [], ()):
        return Level.NONE
    structural = answers.get("plan") == "agreed" and answers.get("frequency") in (
        "spread",
        "weekly",
    )
    if not structural:
        return Level.INCIDENTAL
    learning_line = (
        answers.get("mbo") == "structural"
        and all(answers.get(f"align_{aspect}") == "aligned" for aspect in ALIGNMENT_ASPECTS)
        and answers.get("joint_teaching") in ("sometimes", "structural")
        and answers.get("consultation") in ("yearly", "often")
    )
    return Level.LEARNING_LINE if learning_line else Level.STRUCTURAL
