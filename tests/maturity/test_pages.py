"""The maturity pages and API: who sees what, the evidence and next steps, the self-scan,
the coordinators' table with filters and export, and the thresholds."""

import io
import re

import pytest
from openpyxl import load_workbook

from verbindt.maturity.models import MaturitySettings, SelfScan
from verbindt.maturity.services import levels_recompute


@pytest.fixture
def levels(world, year, line, incidental):
    levels_recompute(school_years=[year])


def page(client, school, year, suffix=""):
    return client.get(f"/maturity/schools/{school.pk}/{suffix}?year={year.start_year}")


@pytest.mark.parametrize("actor", ["school", "docent", "regio", "platform"])
def test_the_school_and_its_coordinators_see_its_level(world, login, year, levels, actor):
    response = page(login(getattr(world, actor)), world.school_a, year)
    assert response.status_code == 200
    text = response.content.decode()
    assert "level-learning_line" in text and "doorlopende leerlijn" in text
    assert "joint_teaching IJsselborg vmbo Deventer" in text  # the collaboration that shows it


@pytest.mark.parametrize("actor", ["mbo", "instelling", "outsider"])
def test_partners_and_strangers_do_not_see_a_schools_level(world, login, year, levels, actor):
    assert page(login(getattr(world, actor)), world.school_a, year).status_code == 403


def test_an_organisation_that_is_not_a_school_has_no_level_page(world, login, year):
    client = login(world.platform)
    assert page(client, world.institution, year).status_code == 404
    assert client.get(f"/maturity/schools/{world.school_a.pk}/?year=abc").status_code == 404


def test_the_page_names_what_is_missing_and_the_next_step_with_a_link(
    world, login, year, levels, incidental
):
    text = page(login(world.platform), world.school_b, year).content.decode()
    assert "level-incidental" in text
    assert "Maak met één partner een jaarplan met afspraken voor het hele schooljaar" in text
    assert f"/collaborations/{incidental.pk}/plans/{year.start_year}/" in text
    assert f"/collaborations/{incidental.pk}/series/new/" in text


def test_the_evidence_links_to_the_plan_sessions_and_consultation(world, login, year, levels, line):
    text = page(login(world.school), world.school_a, year).content.decode()
    assert f"/collaborations/{line.pk}/plans/{year.start_year}/" in text
    assert f"/collaborations/{line.pk}/#sessions" in text
    assert f"/collaborations/{line.pk}/learning-line/" in text
    assert "Je volgende stap" not in text  # nothing above a learning line


def test_a_school_fills_in_the_self_scan_and_sees_how_it_compares(world, login, year, levels):
    client = login(world.school)
    assert page(client, world.school_b, year, "scan/").status_code == 403
    form = page(client, world.school_a, year, "scan/")
    assert form.status_code == 200 and "Zelfscan" in form.content.decode()
    response = client.post(
        f"/maturity/schools/{world.school_a.pk}/scan/?year={year.start_year}",
        {"forms": ["guest_lesson"], "partners": ["work_field"], "plan": "no"},
    )
    assert response.status_code == 302
    scan = SelfScan.objects.get(organisation=world.school_a, school_year=year)
    assert scan.level == "incidental" and scan.by == world.school
    text = client.get(response["Location"]).content.decode()
    assert "Je gegevens laten doorlopende leerlijn zien, meer dan je antwoordde" in text
    # Saved answers come back in the form, to continue later.
    again = page(client, world.school_a, year, "scan/").content.decode()
    assert re.search(r'value="guest_lesson"[^>]*checked', again)
    assert not re.search(r'value="internship"[^>]*checked', again)


def test_a_scan_above_the_data_says_what_the_data_lacks(world, login, year, levels):
    client = login(world.school)
    client.post(
        f"/maturity/schools/{world.school_b.pk}/scan/?year={year.start_year}",
        {"forms": ["guest_lesson"]},
    )  # not their school: refused, nothing saved
    assert not SelfScan.objects.filter(organisation=world.school_b).exists()
    SelfScan.objects.create(
        organisation=world.school_b, school_year=year, level="structural", answers={}
    )
    text = page(login(world.platform), world.school_b, year).content.decode()
    assert "Je antwoordde structureel; je vastgelegde gegevens laten incidenteel zien" in text
    assert "jaarplan" in text


def test_a_bad_scan_answer_is_named_and_nothing_is_saved(world, login, year):
    response = login(world.school).post(
        f"/maturity/schools/{world.school_a.pk}/scan/", {"plan": "maybe", "facilitated_hours": "-3"}
    )
    assert response.status_code == 400
    assert not SelfScan.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) == {"plan", "facilitated_hours"}


def test_a_regional_coordinator_sees_the_schools_of_their_region(world, login, year, levels):
    response = login(world.regio).get(f"/maturity/?year={year.start_year}")
    assert response.status_code == 200
    names = [row.name for row in response.context["page"].object_list]
    assert names == ["IJsselborg vmbo Deventer", "Vechtdal vmbo Ommen"]
    counts = {level["code"]: level["count"] for level in response.context["levels"]}
    assert counts == {"none": 0, "incidental": 1, "structural": 0, "learning_line": 1}


def test_the_table_filters_by_level_and_region(world, login, year, levels):
    client = login(world.platform)
    response = client.get(f"/maturity/?year={year.start_year}&level=none")
    assert [r.name for r in response.context["page"].object_list] == ["Maasoever vmbo Venlo"]
    response = client.get(f"/maturity/?year={year.start_year}&region=oost&level=incidental")
    assert [r.name for r in response.context["page"].object_list] == ["Vechtdal vmbo Ommen"]
    # The regional coordinator cannot choose another region: the filter ignores it.
    response = login(world.regio).get("/maturity/?region=zuid")
    assert "Maasoever" not in response.content.decode()


def test_the_table_filters_by_form_and_sector_as_the_monitor_counts(world, login, year, levels):
    world.institution.sector = "elderly_care"
    world.institution.save()
    client = login(world.platform)

    def schools(query: str) -> tuple[list[str], dict[str, int]]:
        response = client.get(f"/maturity/?year={year.start_year}&{query}")
        counts = {level["code"]: level["count"] for level in response.context["levels"]}
        return [row.name for row in response.context["page"].object_list], counts

    # The learning line (joint teaching) is IJsselborg's; the guest lesson is Vechtdal's.
    assert schools("form=joint_teaching") == (
        ["IJsselborg vmbo Deventer"],
        {"none": 0, "incidental": 0, "structural": 0, "learning_line": 1},
    )
    assert schools("form=guest_lesson&level=incidental")[0] == ["Vechtdal vmbo Ommen"]
    assert schools("sector=elderly_care")[0] == ["IJsselborg vmbo Deventer", "Vechtdal vmbo Ommen"]
    assert schools("sector=childcare")[0] == []
    # An unknown value drops that filter, as for the others.
    assert len(schools("form=teleportation")[0]) == 3


@pytest.mark.parametrize("actor", ["school", "docent", "mbo", "instelling"])
def test_only_coordinators_get_the_table(world, login, actor):
    client = login(getattr(world, actor))
    assert client.get("/maturity/").status_code == 403
    assert client.get("/maturity/levels.csv").status_code == 403


def test_the_table_exports_as_csv_and_excel(world, login, year, levels):
    client = login(world.regio)
    csv = client.get(f"/maturity/levels.csv?year={year.start_year}")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("School;DUO-code;Plaats;Regio;Schooljaar;")
    assert any("IJsselborg" in line and "doorlopende leerlijn" in line for line in lines)
    assert len(lines) == 3
    xlsx = client.get(f"/maturity/levels.xlsx?year={year.start_year}&level=incidental")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Vechtdal vmbo Ommen"
    ]
    assert client.get("/maturity/levels.pdf").status_code == 404


def test_the_table_costs_the_same_queries_for_more_schools(
    world, login, year, levels, django_assert_max_num_queries
):
    from verbindt.network.models import Organisation

    client = login(world.platform)
    with django_assert_max_num_queries(12):
        client.get("/maturity/")
    Organisation.objects.bulk_create(
        Organisation(name=f"School {i}", kind="vmbo_location", region=world.oost) for i in range(60)
    )
    levels_recompute(school_years=[year])
    with django_assert_max_num_queries(12):
        response = client.get("/maturity/")
    counts = {level["code"]: level["count"] for level in response.context["levels"]}
    assert counts == {"none": 61, "incidental": 1, "structural": 0, "learning_line": 1}
    assert len(response.context["page"].object_list) == 50  # a page at a time


def test_an_unknown_filter_value_drops_only_that_filter(world, login, year, levels):
    response = login(world.platform).get("/maturity/?region=atlantis&level=incidental")
    assert response.status_code == 200
    assert [r.name for r in response.context["page"].object_list] == ["Vechtdal vmbo Ommen"]


def test_the_platform_coordinator_edits_the_thresholds(world, login):
    client = login(world.platform)
    assert client.get("/maturity/thresholds/").status_code == 200
    data = {
        field.name: getattr(MaturitySettings(), field.name)
        for field in MaturitySettings._meta.fields
        if field.editable and field.name != "id"
    }
    response = client.post("/maturity/thresholds/", {**data, "min_quarters": 5})
    assert response.status_code == 400 and "min_quarters" in response.context["form"].errors
    assert not MaturitySettings.objects.exists()
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post("/maturity/thresholds/", {**data, "min_sessions": 6})
    assert response.status_code == 302
    assert MaturitySettings.objects.get().min_sessions == 6
    assert login(world.regio).get("/maturity/thresholds/").status_code == 403


def test_the_school_page_in_the_registry_shows_the_badge(world, login, year, levels):
    text = login(world.docent).get(f"/organisations/{world.school_a.pk}/").content.decode()
    assert "level-learning_line" in text and f"/maturity/schools/{world.school_a.pk}/" in text
    other = login(world.mbo).get(f"/organisations/{world.school_a.pk}/").content.decode()
    assert "level-" not in other


# --- API -----------------------------------------------------------------------------------------


def test_the_api_lists_levels_with_the_criteria(world, login, year, levels):
    client = login(world.regio)
    body = client.get(f"/api/v1/maturity/schools?school_year={year.label}").json()
    assert body["count"] == 2
    rows = {row["name"]: row for row in body["items"]}
    line = rows["IJsselborg vmbo Deventer"]
    assert line["level"] == "learning_line" and line["criteria_unmet"] == []
    assert "consultation" in line["criteria_met"] and line["region"] == "oost"
    school_b = rows["Vechtdal vmbo Ommen"]
    assert school_b["level"] == "incidental" and "plan" in school_b["criteria_unmet"]
    only = client.get("/api/v1/maturity/schools?level=incidental").json()
    assert [row["name"] for row in only["items"]] == ["Vechtdal vmbo Ommen"]


@pytest.mark.parametrize(
    ("query", "status", "where"),
    [
        ("school_year=2025-2027", 422, "school_year"),
        ("level=excellent", 422, "level"),
        ("region=atlantis", 422, "region"),
        ("region=zuid", 403, None),
    ],
)
def test_the_api_refuses_bad_or_foreign_filters(world, login, levels, query, status, where):
    response = login(world.regio).get(f"/api/v1/maturity/schools?{query}")
    assert response.status_code == status
    if where:
        assert where in response.json()["detail"][0]["loc"]


def test_the_api_list_is_for_coordinators_only(world, login):
    assert login(world.school).get("/api/v1/maturity/schools").status_code == 403


def test_the_api_gives_a_schools_evidence_and_next_steps(world, login, year, levels, incidental):
    client = login(world.school)
    body = client.get(f"/api/v1/organisations/{world.school_a.pk}/maturity").json()
    assert body["level"] == "learning_line" and body["school_year"] == year.label
    plan = next(c for c in body["criteria"] if c["code"] == "plan")
    assert plan["met"] and plan["evidence"][0]["url"].endswith(f"/plans/{year.start_year}/")
    other = login(world.platform).get(f"/api/v1/organisations/{world.school_b.pk}/maturity")
    recurring = next(c for c in other.json()["criteria"] if c["code"] == "recurring")
    assert not recurring["met"] and recurring["next_step"]["url"].endswith("/series/new/")
    client = login(world.school)  # one test client: log the school in again
    assert client.get(f"/api/v1/organisations/{world.school_b.pk}/maturity").status_code == 403
    assert client.get(f"/api/v1/organisations/{world.institution.pk}/maturity").status_code == 404


def test_a_collaboration_shows_its_own_level(world, login, year, line, incidental):
    text = login(world.school).get(f"/collaborations/{line.pk}/").content.decode()
    assert "level-learning_line" in text
    text = login(world.platform).get(f"/collaborations/{incidental.pk}/").content.decode()
    assert "level-incidental" in text


def test_the_school_page_costs_the_same_queries_with_more_records(world, login, year, levels, line):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import quarterly

    client = login(world.school)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert page(client, world.school_a, year).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(5):
        quarterly(line, year, joint_teaching=True)
    assert queries() == before <= 30
