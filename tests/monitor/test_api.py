"""The monitor's API: the same figures as the dashboard, scoped by role."""

import pytest

from .figures import build


def test_levels_per_region_for_the_platform(world, login, known):
    body = login(world.platform).get("/api/v1/monitor/levels?school_year=2025-2026").json()
    assert body["school_year"] == "2025-2026" and body["region"] is None
    regions = {row["region"]: row for row in body["regions"]}
    assert regions["oost"]["counts"]["learning_line"] == 1
    assert regions["zuid"]["total"] == 1
    assert body["total"]["counts"]["incidental"] == 2


def test_a_regional_coordinator_gets_their_region_and_not_another(world, login, known):
    client = login(world.regio)
    body = client.get("/api/v1/monitor/levels?school_year=2025-2026").json()
    assert body["region"] == "oost" and [r["region"] for r in body["regions"]] == ["oost"]
    for path in ("levels", "forms", "bottlenecks", "trends"):
        response = client.get(f"/api/v1/monitor/{path}?school_year=2025-2026&region=zuid")
        assert response.status_code == 403, path


@pytest.mark.parametrize("actor", ["school", "docent", "mbo", "instelling", "outsider"])
def test_others_get_no_monitor(world, login, known, actor):
    response = login(getattr(world, actor)).get("/api/v1/monitor/forms")
    assert response.status_code == 403


def test_anonymous_gets_401(client, world):
    assert client.get("/api/v1/monitor/levels").status_code == 401


def test_forms_and_combinations(world, login, known):
    body = login(world.platform).get("/api/v1/monitor/forms?school_year=2025-2026").json()
    forms = {row["form"]: row for row in body["forms"]}
    for code, (collaborations, sessions, students) in known.forms.items():
        assert (
            forms[code]["collaborations"],
            forms[code]["sessions"],
            forms[code]["students"],
        ) == (collaborations, sessions, students)
    assert body["combinations"] == known.combinations


def test_bottlenecks_with_the_stalled_schools(world, login, known):
    body = login(world.platform).get("/api/v1/monitor/bottlenecks?school_year=2025-2026").json()
    named = {row["bottleneck"]: row["collaborations"] for row in body["bottlenecks"]}
    assert {k: v for k, v in named.items() if v} == known.bottlenecks
    assert body["bottlenecks"][0]["bottleneck"] == "communication"  # most named first
    assert body["stalled_schools"] == 1


def test_trends_over_the_years(world, login, known):
    body = login(world.platform).get("/api/v1/monitor/trends?school_year=2025-2026").json()
    assert [y["school_year"] for y in body["years"]] == ["2024-2025", "2025-2026"]
    assert body["years"][0]["students"] == 25


def test_filters_by_sector(world, login, known):
    body = (
        login(world.platform)
        .get("/api/v1/monitor/forms?school_year=2025-2026&sector=home_care")
        .json()
    )
    assert {row["form"] for row in body["forms"] if row["collaborations"]} == {"internship"}


@pytest.mark.parametrize(
    "query, field",
    [
        ("school_year=twenty", "school_year"),
        ("school_year=1999-2000", "school_year"),
        ("region=atlantis", "region"),
        ("form=juggling", "form"),
        ("sector=space", "sector"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(world, login, known, query, field):
    response = login(world.platform).get(f"/api/v1/monitor/levels?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_the_api_costs_the_same_queries_for_more_data(
    world, login, years, known, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.platform)
    paths = [f"/api/v1/monitor/{p}?school_year=2025-2026" for p in ("levels", "forms", "trends")]
    paths.append("/api/v1/monitor/bottlenecks?school_year=2025-2026")
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[path] = len(queries)
    build(world, *years)
    build(world, *years)
    for path in paths:
        with django_assert_max_num_queries(counts[path]):
            assert client.get(path).status_code == 200


def test_bottlenecks_chosen_in_surveys_stand_beside_the_recorded_ones(world, login):
    from verbindt.core.services import school_year_for_date
    from verbindt.surveys import services

    from ..surveys.conftest import answer, sent

    year = school_year_for_date()
    campaign = sent(
        services.campaign_create(
            title="Landelijke dag",
            school_year=year,
            region=None,
            by=world.platform,
            from_template=True,
        )
    )
    for bottlenecks in [("communication",)] * 4 + [("communication", "transport")]:
        answer(campaign, bottlenecks=bottlenecks, region=world.oost)
    body = login(world.platform).get(f"/api/v1/monitor/bottlenecks?school_year={year}").json()
    answers = {row["bottleneck"]: row["survey_answers"] for row in body["bottlenecks"]}
    assert (answers["communication"], answers["transport"], answers["facilitation"]) == (5, 1, 0)
