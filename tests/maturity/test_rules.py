"""The maturity rules on hand-built data: every level, every boundary, and two properties
(more evidence never lowers a level; the order of the records does not matter)."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verbindt.maturity.rules import (
    Collaboration,
    Level,
    Meeting,
    Plan,
    Series,
    Session,
    Thresholds,
    classify_collaboration,
    classify_school,
    quarter_of,
    scan_level,
)

START = dt.date(2025, 8, 1)
# One session in each quarter of 2025-2026 (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul).
SPREAD = (
    Session(1, dt.date(2025, 9, 10)),
    Session(2, dt.date(2025, 11, 12)),
    Session(3, dt.date(2026, 2, 11)),
    Session(4, dt.date(2026, 5, 13)),
)
AGREED = Plan(10, agreements=2, partners=2, confirmed=2)
WEEKLY = Series(
    20, every_n_weeks=1, first_date=dt.date(2025, 9, 15), last_date=dt.date(2026, 6, 30)
)
ALIGNED = {"content": "aligned", "pedagogy": "aligned", "didactics": "aligned"}
DEFAULTS = Thresholds()
LINE_KINDS = frozenset({"vmbo_location", "mbo_college", "institution"})


def collaboration(**changes) -> Collaboration:
    base = Collaboration(
        id=1,
        status="active",
        in_year=True,
        partner_kinds=frozenset({"vmbo_location", "institution"}),
    )
    return dataclasses.replace(base, **changes)


def structural(**changes) -> Collaboration:
    return collaboration(**{"plan": AGREED, "sessions": SPREAD, **changes})


def learning_line(**changes) -> Collaboration:
    joint = (*SPREAD[:3], Session(5, dt.date(2026, 3, 4), joint=True))
    base = structural(
        partner_kinds=LINE_KINDS,
        alignment=ALIGNED,
        meetings=(Meeting(30, dt.date(2025, 10, 14)),),
    )
    return dataclasses.replace(base, **{"sessions": (*joint, SPREAD[3]), **changes})


def level(c: Collaboration, thresholds: Thresholds = DEFAULTS) -> Level:
    return classify_collaboration(c, year_start=START, thresholds=thresholds).level


SCENARIOS = [
    # (what, collaboration, expected level)
    ("an idea only, nothing happened", collaboration(status="idea"), Level.NONE),
    ("contact sought, not answered", collaboration(status="contact_sought"), Level.NONE),
    ("agreed but not in this school year", collaboration(in_year=False), Level.NONE),
    ("a running collaboration without a plan", collaboration(), Level.INCIDENTAL),
    (
        "one guest lesson, status still idea",
        collaboration(status="idea", sessions=SPREAD[:1]),
        Level.INCIDENTAL,
    ),
    ("sessions all year but no plan", collaboration(sessions=SPREAD), Level.INCIDENTAL),
    ("weekly support without a plan", collaboration(series=(WEEKLY,)), Level.INCIDENTAL),
    (
        "a plan not confirmed by all partners",
        structural(plan=Plan(10, agreements=2, partners=3, confirmed=2)),
        Level.INCIDENTAL,
    ),
    (
        "a confirmed plan without agreements",
        structural(plan=Plan(10, agreements=0, partners=2, confirmed=2)),
        Level.INCIDENTAL,
    ),
    (
        "a plan, but sessions all in one quarter",
        collaboration(
            plan=AGREED, sessions=tuple(Session(i, dt.date(2025, 9, i)) for i in range(1, 9))
        ),
        Level.INCIDENTAL,
    ),
    (
        "a plan, three sessions in three quarters (one too few)",
        collaboration(plan=AGREED, sessions=SPREAD[:3]),
        Level.INCIDENTAL,
    ),
    (
        "a plan, four sessions in two quarters",
        collaboration(
            plan=AGREED,
            sessions=(
                *SPREAD[:2],
                Session(7, dt.date(2025, 9, 11)),
                Session(8, dt.date(2025, 12, 3)),
            ),
        ),
        Level.INCIDENTAL,
    ),
    (
        "a plan and four sessions in three quarters",
        collaboration(plan=AGREED, sessions=(*SPREAD[:3], Session(7, dt.date(2025, 9, 11)))),
        Level.STRUCTURAL,
    ),
    ("a plan and a weekly series", collaboration(plan=AGREED, series=(WEEKLY,)), Level.STRUCTURAL),
    (
        "a plan and a series every other week (weekly is the default)",
        collaboration(plan=AGREED, series=(dataclasses.replace(WEEKLY, every_n_weeks=2),)),
        Level.INCIDENTAL,
    ),
    (
        "a plan and a weekly series of four weeks",
        collaboration(
            plan=AGREED,
            series=(
                dataclasses.replace(WEEKLY, last_date=WEEKLY.first_date + dt.timedelta(weeks=3)),
            ),
        ),
        Level.INCIDENTAL,
    ),
    ("structural with the work field only", structural(), Level.STRUCTURAL),
    ("an mbo partner without alignment", learning_line(alignment={}), Level.STRUCTURAL),
    (
        "two of three aspects aligned",
        learning_line(alignment={**ALIGNED, "pedagogy": "in_progress"}),
        Level.STRUCTURAL,
    ),
    ("alignment without joint teaching", learning_line(sessions=SPREAD), Level.STRUCTURAL),
    (
        "aligned and joint, but no regional consultation",
        learning_line(meetings=()),
        Level.STRUCTURAL,
    ),
    (
        "aligned, joint, consultation but no mbo",
        learning_line(partner_kinds=frozenset({"vmbo_location", "institution"})),
        Level.STRUCTURAL,
    ),
    ("a continuous learning line", learning_line(), Level.LEARNING_LINE),
    (
        "a learning line that stopped mid-year still happened",
        learning_line(status="stopped"),
        Level.LEARNING_LINE,
    ),
    ("a learning line without a plan is incidental", learning_line(plan=None), Level.INCIDENTAL),
]


@pytest.mark.parametrize(("what", "c", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_each_scenario_has_its_level(what, c, expected):
    assert level(c) == expected


def test_the_thresholds_move_the_boundaries():
    relaxed = Thresholds(plan_confirmed_by_all=False, series_max_interval_weeks=2)
    unconfirmed = structural(plan=Plan(10, agreements=2, partners=3, confirmed=0))
    assert level(unconfirmed) == Level.INCIDENTAL
    assert level(unconfirmed, relaxed) == Level.STRUCTURAL
    biweekly = collaboration(plan=AGREED, series=(dataclasses.replace(WEEKLY, every_n_weeks=2),))
    assert level(biweekly, relaxed) == Level.STRUCTURAL
    half_aligned = learning_line(alignment={**ALIGNED, "pedagogy": "in_progress"})
    assert level(half_aligned, Thresholds(in_progress_counts_as_aligned=True)) == (
        Level.LEARNING_LINE
    )
    assert level(learning_line(), Thresholds(min_joint_sessions=2)) == Level.STRUCTURAL
    without_field = learning_line(partner_kinds=frozenset({"vmbo_location", "mbo_college"}))
    assert level(without_field) == Level.LEARNING_LINE
    assert level(without_field, Thresholds(work_field_required=True)) == Level.STRUCTURAL


def test_a_school_without_collaborations_is_at_none_and_told_to_start():
    result = classify_school([], year_start=START)
    assert result.level == Level.NONE and result.lead is None
    assert [(c.code, c.met) for c in result.criteria] == [("active", False)]


def test_a_school_is_at_the_level_of_its_best_collaboration_with_its_evidence():
    result = classify_school(
        [collaboration(id=7), structural(id=3), collaboration(id=9, status="idea")],
        year_start=START,
    )
    assert result.level == Level.STRUCTURAL and result.lead == 3
    plan = next(c for c in result.criteria if c.code == "plan")
    assert plan.met and [(e.kind, e.id) for e in plan.evidence] == [("plan", 10)]
    recurring = next(c for c in result.criteria if c.code == "recurring")
    assert [(e.kind, e.id) for e in recurring.evidence] == [("session", i) for i in (1, 2, 3, 4)]
    assert {r.id: r.level for r in result.collaborations} == {
        3: Level.STRUCTURAL,
        7: Level.INCIDENTAL,
        9: Level.NONE,
    }


def test_between_equals_the_lead_is_the_one_closest_to_the_next_level():
    near = structural(id=5, partner_kinds=LINE_KINDS, alignment=ALIGNED)
    result = classify_school([structural(id=2), near], year_start=START)
    assert result.lead == 5
    unmet = [c.code for c in result.criteria if not c.met]
    assert unmet == ["joint_teaching", "consultation"]


def test_quarters_of_the_school_year():
    assert [
        quarter_of(dt.date(*d), START)
        for d in (
            (2025, 8, 1),
            (2025, 10, 31),
            (2025, 11, 1),
            (2026, 1, 31),
            (2026, 2, 1),
            (2026, 7, 31),
        )
    ] == [0, 0, 1, 1, 2, 3]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, Level.NONE),
        ({"forms": ["guest_lesson"], "partners": ["work_field"]}, Level.INCIDENTAL),
        (
            {
                "forms": ["weekly_support"],
                "partners": ["work_field"],
                "plan": "agreed",
                "frequency": "once",
            },
            Level.INCIDENTAL,
        ),
        (
            {
                "forms": ["weekly_support"],
                "partners": ["work_field"],
                "plan": "agreed",
                "frequency": "weekly",
            },
            Level.STRUCTURAL,
        ),
        (
            {
                "forms": ["joint_teaching"],
                "partners": ["mbo", "work_field"],
                "plan": "agreed",
                "frequency": "spread",
                "mbo": "structural",
                "align_content": "aligned",
                "align_pedagogy": "aligned",
                "align_didactics": "aligned",
                "joint_teaching": "sometimes",
                "consultation": "often",
            },
            Level.LEARNING_LINE,
        ),
        (
            {
                "forms": ["joint_teaching"],
                "partners": ["mbo"],
                "plan": "agreed",
                "frequency": "spread",
                "mbo": "structural",
                "align_content": "aligned",
                "align_pedagogy": "in_progress",
                "align_didactics": "aligned",
                "joint_teaching": "sometimes",
                "consultation": "often",
            },
            Level.STRUCTURAL,
        ),
    ],
)
def test_the_self_scan_gives_a_level_from_the_answers(answers, expected):
    assert scan_level(answers) == expected


# --- Properties --------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2025, 8, 1), max_value=dt.date(2026, 7, 31))
sessions = st.lists(
    st.builds(Session, id=st.integers(1, 10_000), on=days, joint=st.booleans()),
    max_size=12,
    unique_by=lambda s: s.id,
)
series = st.lists(
    st.builds(
        Series,
        id=st.integers(1, 100),
        every_n_weeks=st.integers(1, 3),
        first_date=days,
        last_date=days,
    ),
    max_size=2,
    unique_by=lambda s: s.id,
)
plans = st.none() | st.builds(
    Plan,
    id=st.integers(1, 100),
    agreements=st.integers(0, 3),
    partners=st.just(3),
    confirmed=st.integers(0, 3),
)
aspect_status = st.sampled_from(["not_started", "in_progress", "aligned"])
collaborations = st.builds(
    Collaboration,
    id=st.integers(1, 50),
    status=st.sampled_from(["idea", "contact_sought", "agreed", "active", "stopped"]),
    in_year=st.booleans(),
    partner_kinds=st.frozensets(
        st.sampled_from(["vmbo_location", "mbo_college", "institution"]), min_size=1
    ),
    alignment=st.dictionaries(st.sampled_from(["content", "pedagogy", "didactics"]), aspect_status),
    plan=plans,
    sessions=sessions.map(tuple),
    series=series.map(tuple),
    meetings=st.lists(
        st.builds(Meeting, id=st.integers(1, 100), on=days), max_size=3, unique_by=lambda m: m.id
    ).map(tuple),
)
thresholds = st.builds(
    Thresholds,
    min_agreements=st.integers(0, 3),
    plan_confirmed_by_all=st.booleans(),
    min_sessions=st.integers(0, 6),
    min_quarters=st.integers(0, 4),
    series_max_interval_weeks=st.integers(1, 3),
    min_aligned_aspects=st.integers(0, 3),
    in_progress_counts_as_aligned=st.booleans(),
    min_joint_sessions=st.integers(0, 3),
    min_consultations=st.integers(0, 2),
    work_field_required=st.booleans(),
)


def _more_evidence(c: Collaboration, draw) -> Collaboration:
    """The same collaboration with records added: sessions, a series, meetings, partner kinds,
    better alignment, more agreements and confirmations."""
    better = {"not_started": "in_progress", "in_progress": "aligned", "aligned": "aligned"}
    plan = c.plan and dataclasses.replace(
        c.plan,
        agreements=c.plan.agreements + draw(st.integers(0, 2)),
        confirmed=min(c.plan.partners, c.plan.confirmed + draw(st.integers(0, 2))),
    )
    extra_sessions = draw(
        sessions.map(lambda ss: tuple(dataclasses.replace(s, id=s.id + 20_000) for s in ss))
    )
    return dataclasses.replace(
        c,
        in_year=c.in_year or draw(st.booleans()),
        partner_kinds=c.partner_kinds
        | draw(st.frozensets(st.sampled_from(["mbo_college", "institution"]))),
        alignment={
            **{a: "not_started" for a in ("content", "pedagogy", "didactics")},
            **{a: better[s] if draw(st.booleans()) else s for a, s in c.alignment.items()},
        }
        if draw(st.booleans())
        else c.alignment,
        plan=plan if c.plan else draw(plans),
        sessions=c.sessions + extra_sessions,
        series=c.series + tuple(dataclasses.replace(s, id=s.id + 1000) for s in draw(series)),
        meetings=c.meetings
        + tuple(
            dataclasses.replace(m, id=m.id + 1000)
            for m in draw(
                st.lists(
                    st.builds(Meeting, id=st.integers(1, 100), on=days),
                    max_size=2,
                    unique_by=lambda m: m.id,
                )
            )
        ),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(collaborations, max_size=4, unique_by=lambda c: c.id), thresholds, st.data())
def test_adding_evidence_never_lowers_a_level(school, limits, data):
    before = classify_school(school, year_start=START, thresholds=limits)
    richer = [_more_evidence(c, data.draw) for c in school]
    richer += data.draw(
        st.lists(
            collaborations.map(lambda c: dataclasses.replace(c, id=c.id + 100)),
            max_size=2,
            unique_by=lambda c: c.id,
        )
    )
    after = classify_school(richer, year_start=START, thresholds=limits)
    assert after.level >= before.level
    for old, new in zip(before.collaborations, after.collaborations, strict=False):
        assert old.id == new.id and new.level >= old.level


@settings(max_examples=300, deadline=None)
@given(st.lists(collaborations, max_size=4, unique_by=lambda c: c.id), thresholds, st.randoms())
def test_the_result_does_not_depend_on_the_order_of_the_data(school, limits, random):
    def shuffled(c: Collaboration) -> Collaboration:
        parts = {name: list(getattr(c, name)) for name in ("sessions", "series", "meetings")}
        for items in parts.values():
            random.shuffle(items)
        aspects = list(c.alignment.items())
        random.shuffle(aspects)
        return dataclasses.replace(
            c, alignment=dict(aspects), **{name: tuple(items) for name, items in parts.items()}
        )

    reordered = [shuffled(c) for c in school]
    random.shuffle(reordered)
    assert classify_school(reordered, year_start=START, thresholds=limits) == classify_school(
        school, year_start=START, thresholds=limits
    )
