"""The pages: who may see and do what, the student's link, exports and query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from verbindt.accounts.models import Role
from verbindt.accounts.services import membership_create
from verbindt.placement import services
from verbindt.placement.models import RoundStatus


def _url(plan, name="round_detail"):
    return (
        f"/placements/{plan.round.pk}/"
        + {
            "round_detail": "",
            "round_review": "review/",
            "hosted_students": "hosted/",
        }[name]
    )


@pytest.mark.parametrize(
    ("actor", "view", "manage"),
    [
        ("school", 200, 200),
        ("docent", 200, 403),
        ("regio", 200, 200),
        ("platform", 200, 200),
        ("mbo", 403, 403),
        ("instelling", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_each_role_sees_and_runs_what_it_may(plan, world, login, actor, view, manage):
    client = login(getattr(world, actor))
    assert client.get(_url(plan)).status_code == view
    assert client.get(_url(plan, "round_review")).status_code == view
    assert client.get(f"/placements/{plan.round.pk}/students/new/").status_code == manage
    if view == 200:  # a teacher enters choices; hosts and strangers do not
        url = f"/placements/{plan.round.pk}/students/{plan.students[0].pk}/choices/"
        assert client.get(url).status_code == 200


def test_the_list_shows_each_role_only_its_own_rounds(plan, world, login):
    for actor, sees in [("school", True), ("regio", True), ("platform", True), ("docent", True)]:
        assert (
            plan.round.title in login(getattr(world, actor)).get("/placements/").content.decode()
        ) is sees
    for actor in ("outsider", "instelling", "mbo"):
        page = login(getattr(world, actor)).get("/placements/").content.decode()
        assert plan.round.title not in page


def test_a_host_sees_its_own_placed_students_only_after_publishing(ran, world, login):
    client = login(world.instelling)
    assert client.get(_url(ran, "hosted_students")).status_code == 403
    services.round_publish(allocation_round=ran.round)
    page = client.get(_url(ran, "hosted_students")).content.decode()
    at_linde = {
        s.name
        for s in ran.round.students.select_related("assignment__place")
        if s.assignment.place and s.assignment.place.organisation_id == world.institution.pk
    }
    elsewhere = {s.name for s in ran.students} - at_linde
    assert all(name in page for name in at_linde)
    assert not any(f"<td>{name}</td>" in page for name in elsewhere)
    assert "Why" not in page and "Waarom" not in page  # no explanations for hosts
    assert ran.round.title in client.get("/placements/").content.decode()
    assert login(world.outsider).get(_url(ran, "hosted_students")).status_code == 403


def test_the_teacher_saves_choices_for_a_student(plan, world, login):
    url = f"/placements/{plan.round.pk}/students/{plan.students[0].pk}/choices/"
    response = login(world.docent).post(
        url, {"choice_1": plan.roc.pk, "choice_2": "", "choice_3": ""}
    )
    assert response.status_code == 302
    assert [p.place for p in plan.students[0].preferences.all()] == [plan.roc]
    twice = {"choice_1": plan.roc.pk, "choice_2": plan.roc.pk, "choice_3": ""}
    assert login(world.docent).post(url, twice).status_code == 400


def test_the_paste_page_names_the_bad_line(plan, world, login):
    response = login(world.school).post(
        f"/placements/{plan.round.pk}/students/import/", {"text": "L10;2A;2\nL11;2A;9"}
    )
    assert response.status_code == 400
    assert "Regel 2" in response.content.decode()


def _link(plan, student):
    services.round_open(allocation_round=plan.round)
    return f"/choose/{services.student_link_create(student=student)}/"


def test_a_student_ranks_places_through_their_link_without_an_account(plan, client):
    url = _link(plan, plan.students[0])
    page = client.get(url)
    assert page.status_code == 200 and "Meeloopdag" in page.content.decode()
    assert "L02" not in page.content.decode()
    response = client.post(
        url, {"choice_1": plan.wednesday.pk, "choice_2": plan.roc.pk, "choice_3": ""}
    )
    assert response.status_code == 302
    assert [p.place for p in plan.students[0].preferences.all()] == [plan.wednesday, plan.roc]
    bad = client.post(url, {"choice_1": plan.roc.pk, "choice_2": plan.roc.pk})
    assert bad.status_code == 400


def test_a_wrong_or_revoked_link_is_not_found(plan, client):
    url = _link(plan, plan.students[0])
    assert client.get("/choose/not-a-real-key/").status_code == 404
    services.student_link_revoke(student=plan.students[0])
    assert client.get(url).status_code == 404


def test_after_publishing_the_link_shows_the_students_own_result_only(ran, client):
    student = ran.students[0]
    key = services.student_link_create(student=student)
    services.round_publish(allocation_round=ran.round)
    page = client.get(f"/choose/{key}/").content.decode()
    place = student.assignment.place
    assert (place.label in page) if place else ("niet geplaatst" in page)
    others = [
        a.place.label
        for a in (s.assignment for s in ran.students[1:])
        if a.place and a.place != place
    ]
    assert not any(label in page for label in others)
    assert client.post(f"/choose/{key}/", {"choice_1": ran.roc.pk}).status_code == 404


def test_the_run_button_queues_and_the_page_polls_the_progress(plan, world, login):
    client = login(world.school)
    response = client.post(f"/placements/{plan.round.pk}/run/")
    assert response.status_code == 302
    plan.round.refresh_from_db()
    assert plan.round.status == RoundStatus.RUNNING
    part = client.get(_url(plan), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in part and "<progress" in part


def test_the_review_explains_each_placement_in_dutch(ran, world, login):
    page = login(world.school).get(_url(ran, "round_review")).content.decode()
    assert "Geplaatst bij" in page
    assert "eerste keuze" in page


def test_a_move_with_a_blocking_pair_asks_to_confirm(ran, world, login):
    from verbindt.placement.models import Assignment

    first = next(a for a in Assignment.objects.all() if a.params.get("rank") == 1)
    client = login(world.school)
    url = f"/placements/{ran.round.pk}/adjust/"
    response = client.post(url, {"student": first.student_id, "place": ""})
    assert response.status_code == 400 and "blokkerend" in response.content.decode()
    assert (
        client.post(url, {"student": first.student_id, "place": "", "confirm": "on"}).status_code
        == 302
    )
    unknown = client.post(url, {"student": 999999, "place": ""})
    assert unknown.status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_result_exports_as_a_table(ran, world, login, fmt):
    response = login(world.regio).get(f"/placements/{ran.round.pk}/result.{fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [
            [str(c) if c is not None else "" for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    assert rows[0][:3] == ["Leerling", "Klas", "Leerjaar"]
    assert sorted(row[0] for row in rows[1:]) == ["L01", "L02", "L03", "L04"]
    assert login(world.outsider).get(f"/placements/{ran.round.pk}/result.{fmt}").status_code == 403


def test_the_menu_offers_placements(world, login):
    assert "Plaatsingen" in login(world.docent).get("/").content.decode()


def test_a_teacher_of_two_schools_sees_the_round_only_acting_for_its_school(plan, world, login):
    membership_create(user=world.outsider, organisation=world.school_a, role=Role.TEACHER)
    client = login(world.outsider)  # acts first as coordinator of the outsider school
    assert client.get(_url(plan)).status_code == 403


def _grow(plan, n):
    services.students_import(
        allocation_round=plan.round, text="\n".join(f"X{plan.round.pk}-{i};2A;2" for i in range(n))
    )


@pytest.mark.parametrize("url", ["/placements/", "detail", "review"])
def test_the_pages_take_as_many_queries_for_ten_students_as_for_forty(
    ran, world, login, django_assert_max_num_queries, url
):
    client = login(world.school)
    path = {"detail": _url(ran), "review": _url(ran, "round_review")}.get(url, url)
    services.round_open(allocation_round=ran.round)  # the same buttons and lists both times
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _grow(ran, 30)
    with django_assert_max_num_queries(len(few)):
        assert client.get(path).status_code == 200
