"""Collaboration pages: the board, the detail, the plan editor, sessions — per role."""

import datetime as dt

import pytest
from django.utils import timezone

from verbindt.collaborations import services
from verbindt.collaborations.models import Collaboration, Session
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.services import school_year_for_date


def _board_titles(client):
    response = client.get("/collaborations/?view=list")
    assert response.status_code == 200
    return {c.title for c in response.context["collaborations"]}


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("platform", {"linde", "roc", "venlo"}),
        ("regio", {"linde", "roc"}),
        ("school", {"linde", "roc"}),
        ("docent", {"linde", "roc"}),
        ("mbo", {"roc"}),
        ("instelling", {"linde"}),
        ("outsider", {"venlo"}),
    ],
)
def test_everyone_sees_the_collaborations_of_their_organisation_or_region(
    world, login, collaborations, actor, expected
):
    assert _board_titles(login(getattr(world, actor))) == {
        collaborations[k].title for k in expected
    }


@pytest.mark.parametrize(
    ("actor", "view", "edit"),
    [
        ("platform", 200, 403),
        ("regio", 200, 403),
        ("school", 200, 200),
        ("instelling", 200, 200),
        ("mbo", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_partners_edit_coordinators_look_and_strangers_see_nothing(
    world, login, collaborations, actor, view, edit
):
    client = login(getattr(world, actor))
    pk = collaborations["linde"].pk
    assert client.get(f"/collaborations/{pk}/").status_code == view
    assert client.get(f"/collaborations/{pk}/edit/").status_code == edit
    response = client.post(f"/collaborations/{pk}/status/", {"status": "active"})
    assert (Collaboration.objects.get(pk=pk).status == "active") is (edit == 200)
    assert response.status_code == (302 if edit == 200 else 403)


def test_a_school_records_a_collaboration_with_a_partner(world, login, collaborations):
    client = login(world.school)
    form = client.get("/collaborations/new/")
    assert form.status_code == 200
    year = school_year_for_date()
    response = client.post(
        "/collaborations/new/",
        {
            "title": "Verwendag",
            "origin": "plan",
            "forms": ["pamper_day"],
            "school_years": [year.pk],
            "own_role": "initiator",
            "partner_1": world.institution.pk,
            "role_1": "participant",
        },
    )
    created = Collaboration.objects.get(title="Verwendag")
    assert response.url == f"/collaborations/{created.pk}/"
    assert set(created.partners.values_list("organisation__name", flat=True)) == {
        world.school_a.name,
        world.institution.name,
    }


def test_the_same_partner_twice_is_named_on_the_form(world, login, collaborations):
    client = login(world.school)
    year = school_year_for_date()
    response = client.post(
        "/collaborations/new/",
        {
            "title": "Dubbel",
            "origin": "plan",
            "forms": ["pamper_day"],
            "school_years": [year.pk],
            "own_role": "initiator",
            "partner_1": world.institution.pk,
            "role_1": "host",
            "partner_2": world.institution.pk,
            "role_2": "host",
        },
    )
    assert response.status_code == 400
    assert "twee keer" in response.content.decode() or "twice" in response.content.decode()
    assert not Collaboration.objects.filter(title="Dubbel").exists()


def test_the_plan_editor_saves_in_place_and_shows_a_conflict(world, login, collaborations):
    pk, year = collaborations["linde"].pk, school_year_for_date().start_year
    client = login(world.school)
    assert client.get(f"/collaborations/{pk}/plans/{year}/").status_code == 200
    saved = client.post(
        f"/collaborations/{pk}/plans/{year}/save/",
        {
            "goals": "Elke dinsdag lunchhulp",
            "version": 1,
            "budget_teacher_hours": 20,
            "budget_supervisor_hours": 10,
            "budget_professional_hours": 5,
        },
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200 and "<html" not in saved.content.decode()
    late = login(world.docent).post(
        f"/collaborations/{pk}/plans/{year}/save/",
        {
            "goals": "Daan's versie",
            "version": 1,
            "budget_teacher_hours": 0,
            "budget_supervisor_hours": 0,
            "budget_professional_hours": 0,
        },
        headers={"HX-Request": "true"},
    )
    page = late.content.decode()
    assert late.status_code == 400
    assert "Elke dinsdag lunchhulp" in page and "Daan&#x27;s versie" in page


def test_each_partner_confirms_for_itself(world, login, collaborations):
    pk, year = collaborations["linde"].pk, school_year_for_date().start_year
    login(world.school).get(f"/collaborations/{pk}/plans/{year}/")
    assert (
        login(world.school)
        .post(f"/collaborations/{pk}/plans/{year}/confirm/", {"version": 1})
        .status_code
        == 200
    )
    assert (
        login(world.platform)
        .post(f"/collaborations/{pk}/plans/{year}/confirm/", {"version": 1})
        .status_code
        == 404
    )
    response = login(world.instelling).post(
        f"/collaborations/{pk}/plans/{year}/confirm/", {"version": 1}
    )
    assert response.context["state"].agreed


def test_a_session_in_a_holiday_is_planned_only_after_confirmation(world, login, collaborations):
    pk = collaborations["linde"].pk
    client = login(world.school)
    christmas = school_year_for_date().start.replace(month=12, day=23)
    data = {
        "date": christmas.isoformat(),
        "start": "11:00",
        "end": "13:00",
        "form": "weekly_support",
        "students": 4,
        "groups": 1,
        "hours_teacher": 2,
        "hours_supervisor": 0,
        "hours_professional": 1,
    }
    warned = client.post(f"/collaborations/{pk}/sessions/new/", data)
    assert warned.status_code == 400
    assert 'name="confirmed"' in warned.content.decode()
    assert not Session.objects.exists()
    assert (
        client.post(f"/collaborations/{pk}/sessions/new/", {**data, "confirmed": "on"}).status_code
        == 302
    )
    assert Session.objects.count() == 1


def test_the_month_calendar_shows_the_sessions_one_may_see(world, login, collaborations):
    year = school_year_for_date()
    services.series_create(
        collaboration=collaborations["linde"],
        weekday=1,
        start_time=dt.time(11, 30),
        end_time=dt.time(13, 30),
        first_date=year.start,
        last_date=year.end,
    )
    month = f"{year.start_year}-10"
    assert (
        "Lunchhulp De Linde"
        in login(world.docent).get(f"/collaborations/sessions/?month={month}").content.decode()
    )
    assert (
        "Lunchhulp De Linde"
        not in login(world.outsider)
        .get(f"/collaborations/sessions/?month={month}")
        .content.decode()
    )


@pytest.mark.parametrize("count", [3, 30])
def test_the_board_costs_the_same_number_of_queries_for_any_size(
    world, login, collaborations, django_assert_max_num_queries, count
):
    year = school_year_for_date()
    for i in range(count):
        services.collaboration_create(
            title=f"Stage {i}",
            forms=["internship"],
            school_years=[year],
            partners=[
                PartnerSpec(world.school_a, "initiator"),
                PartnerSpec(world.institution, "host"),
            ],
        )
    client = login(world.platform)
    with django_assert_max_num_queries(18):
        client.get("/collaborations/")


def test_a_regional_coordinator_brings_two_organisations_of_their_region_together(
    world, login, collaborations
):
    client = login(world.regio)
    form = client.get("/collaborations/new/").content.decode()
    assert 'name="own_role"' not in form and world.institution_zuid.name not in form
    year = school_year_for_date()
    client.post(
        "/collaborations/new/",
        {
            "title": "Kennismaking",
            "origin": "plan",
            "forms": ["guest_lesson"],
            "school_years": [year.pk],
            "partner_1": world.school_b.pk,
            "role_1": "initiator",
            "partner_2": world.institution.pk,
            "role_2": "host",
        },
    )
    created = Collaboration.objects.get(title="Kennismaking")
    assert set(created.partners.values_list("organisation", flat=True)) == {
        world.school_b.pk,
        world.institution.pk,
    }


def test_the_learning_line_records_alignment_links_and_consultations(world, login, collaborations):
    from verbindt.network.models import Elective, Qualification

    roc = collaborations["roc"]
    client = login(world.mbo)
    assert client.get(f"/collaborations/{roc.pk}/learning-line/").status_code == 200
    client.post(
        f"/collaborations/{roc.pk}/learning-line/alignment/",
        {
            "content_status": "aligned",
            "content_description": "Zelfde casussen",
            "pedagogy_status": "in_progress",
            "didactics_status": "not_started",
        },
    )
    assert dict(roc.alignments.values_list("aspect", "status")) == {
        "content": "aligned",
        "pedagogy": "in_progress",
        "didactics": "not_started",
    }
    qualification = Qualification.objects.create(
        organisation=world.mbo_college, name="Verzorgende-IG", crebo="25491", level=3
    )
    elective = Elective.objects.get_or_create(name="Welzijn volwassenen en ouderen")[0]
    client.post(
        f"/collaborations/{roc.pk}/learning-line/links/",
        {"elective": elective.pk, "qualification": qualification.pk},
    )
    assert roc.learning_links.count() == 1
    assert (
        client.post(
            f"/collaborations/{roc.pk}/learning-line/meetings/",
            {"date": "2026-11-12", "minutes": "x"},
        ).status_code
        == 400
    )  # who took part is needed
    client.post(
        f"/collaborations/{roc.pk}/learning-line/meetings/",
        {"date": "2026-11-12", "participants": [world.school_a.pk, world.mbo_college.pk]},
    )
    meeting = roc.meetings.get()
    client.post(
        f"/collaborations/{roc.pk}/learning-line/meetings/{meeting.pk}/actions/",
        {"description": "Rooster delen", "due_date": "2026-11-26"},
    )
    item = meeting.action_items.get()
    client.post(f"/collaborations/{roc.pk}/learning-line/actions/{item.pk}/toggle/")
    item.refresh_from_db()
    assert item.done
    assert (
        login(world.instelling).get(f"/collaborations/{roc.pk}/learning-line/").status_code == 403
    )


def test_the_plan_prints_as_pdf_and_exports_as_a_spreadsheet(
    world, login, collaborations, tmp_path
):
    import os
    import shutil
    import subprocess

    from openpyxl import load_workbook

    pk, year = collaborations["linde"].pk, school_year_for_date().start_year
    client = login(world.docent)
    client.post(
        f"/collaborations/{pk}/plans/{year}/agreements/",
        {"what": '=HYPERLINK("http://x")', "status": "open", "version": 1},
    )
    pdf = client.get(f"/collaborations/{pk}/plans/{year}/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext") or os.environ.get("CI"):  # .ci/run installs poppler-utils
        (tmp_path / "plan.pdf").write_bytes(pdf.content)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "plan.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Lunchhulp De Linde" in text and "Samenwerkingsplan" in text
    xlsx = client.get(f"/collaborations/{pk}/plans/{year}/plan.xlsx")
    (tmp_path / "plan.xlsx").write_bytes(xlsx.content)
    cells = [
        c.value for row in load_workbook(tmp_path / "plan.xlsx").active.iter_rows() for c in row
    ]
    assert "Lunchhulp De Linde" in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert (
        login(world.outsider).get(f"/collaborations/{pk}/plans/{year}/plan.pdf").status_code == 403
    )


def test_partners_get_their_contact_persons_and_a_third_partner_joins(world, login, collaborations):
    from verbindt.network.models import Contact

    linde = collaborations["linde"]
    ria = Contact.objects.create(
        organisation=world.institution, name="Ria Kok", function="practice_supervisor"
    )
    stranger = Contact.objects.create(
        organisation=world.mbo_college, name="Mo Amrani", function="mbo_teacher"
    )
    client = login(world.instelling)
    host = linde.partners.get(organisation=world.institution)
    url = f"/collaborations/{linde.pk}/partners/{host.pk}/"
    assert client.post(url, {"role": "host", "contacts": [stranger.pk]}).status_code == 400
    assert client.post(url, {"role": "host", "contacts": [ria.pk]}).status_code == 302
    assert list(host.contacts.all()) == [ria]
    client.post(
        f"/collaborations/{linde.pk}/partners/new/",
        {"organisation": world.mbo_college.pk, "role": "participant"},
    )
    assert linde.partners.count() == 3
    again = client.post(
        f"/collaborations/{linde.pk}/partners/new/",
        {"organisation": world.mbo_college.pk, "role": "host"},
    )
    assert again.status_code == 400 and linde.partners.count() == 3


def test_an_agreement_changes_in_place_and_asks_for_confirmation_again(
    world, login, collaborations
):
    pk, year = collaborations["linde"].pk, school_year_for_date().start_year
    client = login(world.school)
    client.post(
        f"/collaborations/{pk}/plans/{year}/agreements/",
        {"what": "Dinsdag", "status": "open", "version": 1},
    )
    plan = collaborations["linde"].plans.get()
    agreement = plan.agreements.get()
    response = client.post(
        f"/collaborations/{pk}/plans/{year}/agreements/{agreement.pk}/",
        {
            f"a{agreement.pk}-what": "Dinsdag en donderdag",
            f"a{agreement.pk}-status": "on_track",
            f"a{agreement.pk}-version": 2,
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    agreement.refresh_from_db()
    assert (agreement.what, agreement.status) == ("Dinsdag en donderdag", "on_track")
    plan.refresh_from_db()
    assert plan.version == 3


def test_an_evaluation_after_a_session_and_bottlenecks_named_in_words(world, login, collaborations):
    linde = collaborations["linde"]
    year = school_year_for_date()
    day = year.start.replace(month=9, day=15)
    session = Session.objects.create(
        collaboration=linde,
        form="weekly_support",
        starts_at=dt.datetime.combine(day, dt.time(11), timezone.get_current_timezone()),
        ends_at=dt.datetime.combine(day, dt.time(13), timezone.get_current_timezone()),
    )
    client = login(world.school)
    client.post(
        f"/collaborations/{linde.pk}/evaluations/",
        {
            "school_year": year.pk,
            "moment": "after_session",
            "session": session.pk,
            "student_enthusiasm": "4.5",
            "student_responses": 4,
        },
    )
    assert linde.evaluations.get().session == session
    client.post(
        f"/collaborations/{linde.pk}/edit/",
        {
            "title": linde.title,
            "origin": "plan",
            "forms": ["weekly_support"],
            "school_years": [year.pk],
            "bottlenecks": ["transport"],
        },
    )
    page = client.get(f"/collaborations/{linde.pk}/").content.decode()
    assert "vervoer" in page and "transport" not in page.split("Knelpunten")[-1][:200]


def test_the_list_is_paged_and_a_busy_day_says_how_many_more(world, login, collaborations):
    year = school_year_for_date()
    for i in range(55):
        services.collaboration_create(
            title=f"Stage {i:02d}",
            forms=["internship"],
            school_years=[year],
            partners=[
                PartnerSpec(world.school_a, "initiator"),
                PartnerSpec(world.institution, "host"),
            ],
        )
    client = login(world.school)
    first = client.get("/collaborations/?view=list")
    assert len(first.context["collaborations"]) == 50
    assert len(client.get("/collaborations/?view=list&page=2").context["collaborations"]) == 7
    day = year.start.replace(month=10, day=6)
    for i in range(6):
        Session.objects.create(
            collaboration=collaborations["linde"],
            form="weekly_support",
            starts_at=dt.datetime.combine(day, dt.time(8 + i), timezone.get_current_timezone()),
            ends_at=dt.datetime.combine(day, dt.time(9 + i), timezone.get_current_timezone()),
        )
    page = client.get(f"/collaborations/sessions/?month={day:%Y-%m}")
    (cell,) = [c for week in page.context["weeks"] for c in week if c[0] == day]
    assert (len(cell[1]), cell[2]) == (4, 2)


def test_the_plan_page_lists_each_agreement_with_its_own_change_form(world, login, collaborations):
    pk, year = collaborations["linde"].pk, school_year_for_date().start_year
    client = login(world.school)
    client.post(
        f"/collaborations/{pk}/plans/{year}/agreements/",
        {"what": "Dinsdag", "status": "open", "version": 1},
    )
    agreement = collaborations["linde"].plans.get().agreements.get()
    page = client.get(f"/collaborations/{pk}/plans/{year}/").content.decode()
    assert "<td>Dinsdag" in page
    assert f'name="a{agreement.pk}-what"' in page and f'id="id_a{agreement.pk}-what"' in page
