"""The monitor's figures against the same picture counted by hand (tests/monitor/figures.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from verbindt.monitor import selectors
from verbindt.monitor.selectors import Scope

from .figures import build


def nation(years, **kw):
    return Scope(years[0], **kw)


def test_levels_per_region_match_the_stored_levels(world, years, known):
    rows = {
        row.region.code: row for row in selectors.level_distribution(nation(years)) if row.region
    }
    for code, expected in known.levels.items():
        assert {k: v for k, v in rows[code].counts.items() if v} == expected
    assert rows["midden"].total == 0
    total = selectors.level_totals(rows.values())
    assert total.counts == {"none": 0, "incidental": 2, "structural": 0, "learning_line": 1}
    assert total.share("incidental") == pytest.approx(2 / 3)


def test_a_school_without_a_stored_level_counts_as_none(world, years, known):
    world.school_b.levels.all().delete()
    rows = selectors.level_distribution(Scope(years[0], world.oost))
    assert [r.counts for r in rows] == [
        {"none": 1, "incidental": 0, "structural": 0, "learning_line": 1}
    ]


def test_forms_count_collaborations_sessions_and_students(world, years, known):
    figures = {row.code: row for row in selectors.form_figures(nation(years))}
    for code, (collaborations, sessions, students) in known.forms.items():
        row = figures[code]
        assert (row.collaborations, row.sessions, row.students) == (
            collaborations,
            sessions,
            students,
        ), code
    assert figures["pamper_day"].collaborations == 0


def test_a_region_sees_collaborations_with_a_partner_in_it(world, years, known):
    oost = Scope(years[0], world.oost)
    assert selectors.collaborations_in(oost).count() == 4
    assert {row.code for row in selectors.form_figures(oost) if row.collaborations} == {
        "weekly_support",
        "joint_teaching",
        "guest_lesson",
        "experience_week",
    }
    zuid = Scope(years[0], world.zuid)
    assert [b for b in selectors.bottleneck_figures(zuid) if b[2]] == [("transport", "vervoer", 1)]


def test_partner_combinations(world, years, known):
    assert selectors.partner_combinations(nation(years)) == known.combinations
    assert set(selectors.collaborations_with_combination(nation(years), "all_three")) == {
        known.collaborations[1].pk
    }


def test_bottlenecks_come_from_collaborations_and_their_contact_log(world, years, known):
    named = {code: n for code, _label, n in selectors.bottleneck_figures(nation(years)) if n}
    assert named == known.bottlenecks
    assert set(selectors.collaborations_with_bottleneck(nation(years), "communication")) == {
        known.collaborations[0].pk,
        known.collaborations[1].pk,
    }


def test_hours_facilitated_against_spent(world, years, known):
    hours = selectors.hours(nation(years))
    assert hours.facilitated["teacher"] == known.facilitated_teacher
    assert hours.spent["teacher"] == known.spent_teacher
    assert hours.facilitated_total == known.facilitated_teacher


def test_stalled_outreach_lists_schools_whose_attempts_led_nowhere(world, years, known):
    stalled = selectors.stalled_outreach(nation(years))
    assert {s.pk: s.attempts for s in stalled} == known.stalled


def test_outreach_that_once_reached_an_agreement_is_not_stalled(world, years, known):
    attempt = known.collaborations[3]
    attempt.status_changes.create(old_status="in_talks", new_status="agreed")
    assert not selectors.stalled_outreach(nation(years)).exists()


def test_enthusiasm_is_the_average_of_the_evaluations(world, years, known):
    result = selectors.enthusiasm(nation(years))
    assert (result.average, result.evaluations, result.students) == (known.enthusiasm, 2, 20)
    assert selectors.enthusiasm(Scope(years[0], world.zuid)).average is None


def test_trends_cover_the_years_up_to_the_chosen_one(world, years, known):
    rows = selectors.trends(nation(years))
    assert [r.school_year.start_year for r in rows] == [2024, 2025]
    last_year, this_year = rows
    assert (last_year.collaborations, last_year.sessions, last_year.students) == (1, 1, 25)
    assert last_year.levels == {"none": 2, "incidental": 1, "structural": 0, "learning_line": 0}
    assert this_year.collaborations == 5
    assert this_year.sessions == sum(s for _c, s, _n in known.forms.values())


def test_form_and_sector_narrow_the_figures(world, years, known):
    elderly = Scope(years[0], sector="elderly_care")
    assert selectors.collaborations_in(elderly).count() == 2  # c1 and c2 have De Linde
    assert set(selectors.schools_in(elderly)) == {world.school_a}
    pampering = Scope(years[0], form="pamper_day")
    assert selectors.collaborations_in(pampering).count() == 0
    assert [row.code for row in selectors.form_figures(pampering)] == ["pamper_day"]


def test_a_school_is_compared_with_the_average_school(world, years, known):
    figures = {c.key: c for c in selectors.school_comparison(world.school_a, years[0])}
    # School A takes part in c1, c2 and c3; Oost has two schools (A: 3, B: 2), the nation three.
    assert figures["collaborations"].own == 3
    assert figures["collaborations"].region == pytest.approx(5 / 2)
    assert figures["collaborations"].nation == pytest.approx(6 / 3)
    # Sessions: A has 3 + 2 + 1, B has 1 (c3), the outsider 1 (c5).
    assert figures["sessions"].own == 6
    assert figures["sessions"].region == pytest.approx(7 / 2)
    assert figures["students"].own == 12 + 20 + 20
    assert figures["enthusiasm"].own == 4.5
    shares = selectors.level_shares(world.school_a, years[0])
    assert shares["own"] == "learning_line"
    assert shares["region"]["incidental"] == pytest.approx(0.5)
    assert shares["nation"]["incidental"] == pytest.approx(2 / 3)


def test_the_map_shows_geocoded_schools_with_their_level(world, years, known):
    world.school_a.locations.create(name="Hoofdgebouw", latitude=52.25, longitude=6.16)
    points = selectors.level_map_points(nation(years))
    assert points == [
        {
            "id": world.school_a.pk,
            "name": world.school_a.name,
            "lat": 52.25,
            "lon": 6.16,
            "level": "learning_line",
        }
    ]


def test_scope_follows_the_role(world, years):
    assert selectors.scope_for(world.platform, school_year="2025-2026").region is None
    assert selectors.scope_for(world.regio, school_year="2025").region == world.oost
    with pytest.raises(PermissionDenied):
        selectors.scope_for(world.regio, region="zuid")
    with pytest.raises(PermissionDenied):
        selectors.scope_for(world.school)
    with pytest.raises(ValidationError) as error:
        selectors.scope_for(world.platform, region="atlantis")
    assert "region" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        selectors.scope_for(world.platform, school_year="1999-2000")
    assert "school_year" in error.value.message_dict
    with pytest.raises(ValidationError):
        selectors.scope_for(world.platform, form="juggling")


def test_the_dashboard_costs_the_same_queries_for_more_data(
    world, years, known, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.dashboard(nation(years))
        return len(queries)

    before = count()
    build(world, *years)  # the whole picture once more
    build(world, *years)
    with django_assert_max_num_queries(before):
        selectors.dashboard(nation(years))
    assert before <= 25
