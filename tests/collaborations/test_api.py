"""The collaborations API: who sees and changes which collaboration, bad bodies, sessions that
need confirming, the contact log, query counts and the OpenAPI document."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from verbindt.accounts.services import api_token_create
from verbindt.collaborations import services
from verbindt.collaborations.models import (
    Collaboration,
    CollaborationForm,
    ContactLogEntry,
    Partner,
    Session,
    StatusChange,
)
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.models import SchoolYear
from verbindt.core.services import school_year_get_or_create
from verbindt.network.models import Contact, Location

URL = "/api/v1/collaborations"
EVERY_ROLE = ["platform", "regio", "school", "docent", "mbo", "instelling", "outsider"]
# Who sees which of the three collaborations below (by their fixture names).
VISIBLE = {
    "platform": {"care", "college", "venlo"},
    "regio": {"care", "college"},  # Oost only
    "school": {"care", "college"},
    "docent": {"care", "college"},
    "mbo": {"college"},
    "instelling": {"care"},
    "outsider": {"venlo"},
}
TZ = timezone.get_current_timezone()


def _at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=TZ)


@pytest.fixture
def network(world):
    """Contact persons and locations, the school's location with no holiday region."""
    world.fatima = Contact.objects.create(
        organisation=world.school_a, name="Fatima El Amrani", function="teacher", email="f@ijb.nl"
    )
    world.henk = Contact.objects.create(
        organisation=world.institution, name="Henk Jansen", function="practice_supervisor"
    )
    world.school_a_site = Location.objects.create(organisation=world.school_a, place="Deventer")
    world.linde_site = Location.objects.create(organisation=world.institution, place="Deventer")
    world.year = school_year_get_or_create(start_year=2026)
    return world


@pytest.fixture
def collaborations(network):
    """School A with the institution and with the mbo college (Oost); the outsider's school
    with the institution in Zuid."""
    w = network
    w.care = services.collaboration_create(
        title="Zorgmaatjes De Linde",
        forms=["buddy_project"],
        partners=[
            PartnerSpec(w.school_a, "initiator", [w.fatima]),
            PartnerSpec(w.institution, "host", [w.henk]),
        ],
        school_years=[w.year],
        by=w.school,
    )
    w.college = services.collaboration_create(
        title="Doorlopende leerlijn VIG",
        forms=["joint_teaching", "regional_consultation"],
        partners=[PartnerSpec(w.school_a, "initiator"), PartnerSpec(w.mbo_college, "participant")],
        school_years=[w.year],
        status="active",
    )
    w.venlo = services.collaboration_create(
        title="Gastlessen Thuiszorg Venlo",
        forms=["guest_lesson"],
        partners=[
            PartnerSpec(w.outsider_school, "initiator"),
            PartnerSpec(w.institution_zuid, "host"),
        ],
        school_years=[w.year],
    )
    return w


def _json(client, method, url, body, **extra):
    return getattr(client, method)(url, body, content_type="application/json", **extra)


def _errors(response):
    """The places named in a 422, e.g. ``"partners.1.organisation"``."""
    return {".".join(str(part) for part in error["loc"][2:]) for error in response.json()["detail"]}


def _titles(response):
    return {item["title"] for item in response.json()["items"]}


def _named(world, names):
    return {getattr(world, name).title for name in names}


def _new_body(world, **change):
    body = {
        "title": "Verwendag in De Linde",
        "forms": ["pamper_day"],
        "school_years": ["2026-2027"],
        "partners": [
            {"organisation": world.school_a.pk, "role": "initiator", "contacts": [world.fatima.pk]},
            {"organisation": world.institution.pk, "role": "host"},
        ],
    }
    return {**body, **change}


# --- Authentication ---------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_401_everywhere(client, collaborations):
    one = f"{URL}/{collaborations.care.pk}"
    assert client.get(URL).status_code == 401
    assert client.get(one).status_code == 401
    assert _json(client, "post", URL, _new_body(collaborations)).status_code == 401
    assert _json(client, "patch", one, {"title": "X"}).status_code == 401
    assert client.get(f"{one}/sessions").status_code == 401
    assert _json(client, "post", f"{one}/sessions", {}).status_code == 401
    assert client.get(f"{one}/log").status_code == 401
    assert _json(client, "post", f"{one}/log", {}).status_code == 401
    assert Collaboration.objects.count() == 3


def test_a_personal_access_token_reads_and_writes_without_a_csrf_cookie(collaborations):
    _, raw = api_token_create(user=collaborations.docent, name="script")
    client = Client(enforce_csrf_checks=True)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    entry = {"date": "2026-11-02", "channel": "phone", "summary": "Rooster besproken"}

    listed = client.get(URL, **bearer)
    logged = _json(client, "post", f"{URL}/{collaborations.care.pk}/log", entry, **bearer)

    assert listed.status_code == 200
    assert _titles(listed) == _named(collaborations, VISIBLE["docent"])
    assert logged.status_code == 201, logged.content
    assert logged.json()["by"] == "Docent"


# --- List -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_each_role_lists_only_the_collaborations_it_may_see(collaborations, login, role):
    response = login(getattr(collaborations, role)).get(URL)

    assert response.status_code == 200
    assert _titles(response) == _named(collaborations, VISIBLE[role])
    assert response.json()["count"] == len(VISIBLE[role])


def test_a_list_row_names_the_partners_forms_and_school_years(collaborations, login):
    items = login(collaborations.mbo).get(URL).json()["items"]

    assert items == [
        {
            "id": collaborations.college.pk,
            "title": "Doorlopende leerlijn VIG",
            "status": "active",
            "status_label": "actief",
            "origin": "chance",
            "forms": ["joint_teaching", "regional_consultation"],
            "school_years": ["2026-2027"],
            "partners": [
                {
                    "id": p.pk,
                    "organisation": {"id": p.organisation.pk, "name": p.organisation.name,
                                     "kind": p.organisation.kind},
                    "role": p.role,
                    "role_label": str(p.get_role_display()),
                }
                for p in collaborations.college.partners.select_related("organisation")
            ],
            "updated_at": items[0]["updated_at"],
        }
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"form": "joint_teaching"}, {"college"}),
        ({"status": "active"}, {"college"}),
        ({"organisation": "institution"}, {"care"}),
        ({"organisation": "school_a"}, {"care", "college"}),
        ({"q": "linde"}, {"care"}),
        ({"school_year": "2026-2027"}, {"care", "college", "venlo"}),
        ({"school_year": "2026"}, {"care", "college", "venlo"}),
        ({"school_year": "2027-2028"}, set()),
        ({"form": "spaceship", "status": "x", "school_year": "someday"},
         {"care", "college", "venlo"}),
    ],
)  # fmt: skip
def test_the_list_filters(collaborations, login, query, expected):
    if query.get("organisation"):
        query = {"organisation": getattr(collaborations, query["organisation"]).pk}
    response = login(collaborations.platform).get(URL, query)

    assert response.status_code == 200
    assert _titles(response) == _named(collaborations, expected)


def test_the_list_comes_in_pages_with_the_total(collaborations, login):
    client = login(collaborations.platform)
    first = client.get(URL, {"page_size": 2}).json()
    second = client.get(URL, {"page_size": 2, "page": 2}).json()

    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1


@pytest.fixture
def sixty_in_oost(network):
    """Sixty collaborations of school A and the institution, made in bulk."""
    made = Collaboration.objects.bulk_create(
        Collaboration(title=f"Gastles {n:02}", status="active") for n in range(60)
    )
    Partner.objects.bulk_create(
        Partner(collaboration=c, organisation=o, role="participant")
        for c in made
        for o in (network.school_a, network.institution)
    )
    CollaborationForm.objects.bulk_create(
        CollaborationForm(collaboration=c, form="guest_lesson") for c in made
    )
    Collaboration.school_years.through.objects.bulk_create(
        Collaboration.school_years.through(collaboration=c, schoolyear=network.year) for c in made
    )
    return network


@pytest.mark.parametrize("page_size", [5, 50])
def test_the_number_of_queries_does_not_grow_with_the_page_size(
    sixty_in_oost, login, django_assert_max_num_queries, page_size
):
    client = login(sixty_in_oost.regio)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page_size": page_size})

    assert response.json()["count"] == 60
    assert len(response.json()["items"]) == page_size


# --- Detail -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_the_detail_is_404_for_whoever_may_not_see_it(collaborations, login, role):
    client = login(getattr(collaborations, role))
    for name in ("care", "college", "venlo"):
        response = client.get(f"{URL}/{getattr(collaborations, name).pk}")
        assert response.status_code == (200 if name in VISIBLE[role] else 404), (role, name)


def test_an_unknown_collaboration_is_404(collaborations, login):
    assert login(collaborations.platform).get(f"{URL}/999999").status_code == 404


def test_the_detail_shows_partners_with_roles_and_contacts(collaborations, login):
    detail = login(collaborations.instelling).get(f"{URL}/{collaborations.care.pk}").json()

    assert detail["title"] == "Zorgmaatjes De Linde"
    assert detail["forms"] == ["buddy_project"]
    assert detail["school_years"] == ["2026-2027"]
    partners = {p["organisation"]["name"]: p for p in detail["partners"]}
    school = partners["IJsselborg vmbo Deventer"]
    assert school["role"] == "initiator"
    assert [(c["name"], c["email"]) for c in school["contacts"]] == [
        ("Fatima El Amrani", "f@ijb.nl")
    ]
    assert [c["name"] for c in partners["Woonzorgcentrum De Linde Deventer"]["contacts"]] == [
        "Henk Jansen"
    ]


def test_a_contact_removed_on_request_is_left_out_of_the_detail(collaborations, login):
    Contact.objects.filter(pk=collaborations.fatima.pk).update(anonymised_at=timezone.now())

    detail = login(collaborations.instelling).get(f"{URL}/{collaborations.care.pk}").json()

    assert "Fatima" not in str(detail)


def test_a_regional_coordinator_does_not_see_contacts_of_a_partner_elsewhere(network, login):
    helper = Contact.objects.create(
        organisation=network.institution_zuid, name="Ria Peeters", function="coordinator"
    )
    mixed = services.collaboration_create(
        title="Snuffeldagen Venlo",
        forms=["experience_week"],
        partners=[
            PartnerSpec(network.school_a, "initiator", [network.fatima]),
            PartnerSpec(network.institution_zuid, "host", [helper]),
        ],
        school_years=[network.year],
    )

    detail = login(network.regio).get(f"{URL}/{mixed.pk}").json()

    contacts = {p["organisation"]["name"]: p["contacts"] for p in detail["partners"]}
    assert [c["name"] for c in contacts["IJsselborg vmbo Deventer"]] == ["Fatima El Amrani"]
    assert contacts["Thuiszorg Dichtbij Venlo"] is None
    assert "Ria" not in str(detail)


def test_the_detail_shows_the_status_history(collaborations, login):
    services.collaboration_set_status(
        collaboration=collaborations.care,
        status="in_talks",
        reason="Eerste gesprek",
        by=collaborations.school,
    )

    detail = login(collaborations.docent).get(f"{URL}/{collaborations.care.pk}").json()

    assert detail["status"] == "in_talks"
    history = [
        (h["old_status"], h["new_status"], h["reason"], h["by"]) for h in detail["status_history"]
    ]
    assert history == [
        ("", "idea", "", "School"),
        ("idea", "in_talks", "Eerste gesprek", "School"),
    ]  # fmt: skip


def test_the_detail_shows_each_plan_with_its_agreements_confirmations_and_hours(
    collaborations, login
):
    w = collaborations
    plan = services.plan_get_or_create(collaboration=w.care, school_year=w.year)
    plan = services.plan_save(
        plan=plan, data={"goals": "Elke week samen", "budget_teacher_hours": 40}, version=1
    )
    services.agreement_save(
        plan=plan, data={"what": "Koppels maken", "contact": w.henk, "hours": 4}, version=2
    )
    services.plan_confirm(
        plan=plan, partner=w.care.partners.get(organisation=w.school_a), version=3, by=w.school
    )
    session = {"form": "buddy_project", "hours_teacher": Decimal("2.5"), "hours_professional": 1}
    for day in ("2026-10-06", "2026-10-13"):
        services.session_save(
            collaboration=w.care,
            data={**session, "starts_at": _at(day, "11:30"), "ends_at": _at(day, "13:30")},
            confirmed=True,
        )

    [shown] = login(w.instelling).get(f"{URL}/{w.care.pk}").json()["plans"]

    assert shown["school_year"] == "2026-2027" and shown["goals"] == "Elke week samen"
    assert shown["version"] == 3
    assert shown["confirmed_partners"] == [w.care.partners.get(organisation=w.school_a).pk]
    assert shown["agreed"] is False  # the institution has not confirmed yet
    assert shown["budget"] == {"teacher": 40.0, "supervisor": 0.0, "professional": 0.0}
    assert shown["spent"] == {"teacher": 5.0, "supervisor": 0.0, "professional": 2.0}
    assert [(a["what"], a["contact_name"], a["hours"]) for a in shown["agreements"]] == [
        ("Koppels maken", "Henk Jansen", 4.0)
    ]  # fmt: skip


def test_the_detail_shows_only_upcoming_sessions_in_local_time(collaborations, login):
    now = timezone.localtime()
    for days in (-7, 7):
        start = (now + dt.timedelta(days=days)).replace(hour=11, minute=30, second=0, microsecond=0)
        services.session_save(
            collaboration=collaborations.care,
            data={
                "form": "buddy_project",
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=2),
            },
            confirmed=True,
        )

    upcoming = (
        login(collaborations.school)
        .get(f"{URL}/{collaborations.care.pk}")
        .json()["upcoming_sessions"]
    )

    assert len(upcoming) == 1
    starts = dt.datetime.fromisoformat(upcoming[0]["starts_at"])
    assert starts > now and (starts.hour, starts.minute) == (11, 30)


# --- Create -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["school", "docent", "instelling"])
def test_a_member_of_a_partner_starts_a_collaboration(collaborations, login, role):
    response = _json(login(getattr(collaborations, role)), "post", URL, _new_body(collaborations))

    assert response.status_code == 201, response.content
    created = Collaboration.objects.get(title="Verwendag in De Linde")
    assert response.json()["id"] == created.pk
    assert list(created.forms.values_list("form", flat=True)) == ["pamper_day"]
    assert [str(y) for y in created.school_years.all()] == ["2026-2027"]
    assert created.partners.get(organisation=collaborations.school_a).contacts.get().name == (
        "Fatima El Amrani"
    )
    assert created.status_changes.get().by == getattr(collaborations, role)


@pytest.mark.parametrize("role", ["mbo", "outsider"])
def test_nobody_starts_a_collaboration_between_other_organisations(collaborations, login, role):
    response = _json(login(getattr(collaborations, role)), "post", URL, _new_body(collaborations))

    assert response.status_code == 403
    assert not Collaboration.objects.filter(title="Verwendag in De Linde").exists()


@pytest.mark.parametrize("role", ["platform", "regio"])
def test_a_coordinator_starts_one_between_organisations_it_coordinates(collaborations, login, role):
    response = _json(login(getattr(collaborations, role)), "post", URL, _new_body(collaborations))

    assert response.status_code == 201, response.content


def test_a_regional_coordinator_does_not_start_one_in_another_region(collaborations, login):
    body = _new_body(
        collaborations,
        partners=[
            {"organisation": collaborations.outsider_school.pk, "role": "initiator"},
            {"organisation": collaborations.institution_zuid.pk, "role": "host"},
        ],
    )
    response = _json(login(collaborations.regio), "post", URL, body)

    assert response.status_code == 403
    assert not Collaboration.objects.filter(title="Verwendag in De Linde").exists()


def _same_partner_twice(w):
    return [{"organisation": w.school_a.pk}, {"organisation": w.school_a.pk}]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda w: {"partners": _same_partner_twice(w)}, "partners"),
        (lambda w: {"partners": [{"organisation": w.school_a.pk}]}, "partners"),
        (lambda w: {"partners": [{"organisation": w.school_a.pk}, {"organisation": 999999}]},
         "partners.1.organisation"),
        (lambda w: {"partners": [{"organisation": w.school_a.pk},
                                 {"organisation": w.institution.pk, "role": "boss"}]},
         "partners.1.role"),
        (lambda w: {"partners": [{"organisation": w.school_a.pk},
                                 {"organisation": w.institution.pk, "contacts": [w.fatima.pk]}]},
         "partners"),
        (lambda w: {"forms": []}, "forms"),
        (lambda w: {"forms": ["knitting"]}, "forms.0"),
        (lambda w: {"school_years": ["2027-2028", "2026-2028"]}, "school_years.1"),
        (lambda w: {"title": ""}, "title"),
        (lambda w: {"status": "dreaming"}, "status"),
        (lambda w: {"colour": "blue"}, "colour"),
    ],
)  # fmt: skip
def test_a_bad_new_collaboration_names_the_field_and_writes_nothing(
    collaborations, login, change, field
):
    before = (Collaboration.objects.count(), Partner.objects.count(), SchoolYear.objects.count())
    body = _new_body(collaborations, **change(collaborations))

    response = _json(login(collaborations.school), "post", URL, body)

    assert response.status_code == 422, response.content
    assert field in _errors(response)
    assert response.json()["detail"][0]["msg"]
    after = (Collaboration.objects.count(), Partner.objects.count(), SchoolYear.objects.count())
    assert after == before  # not even the school year 2027-2028 of the first label


# --- Update -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["school", "docent", "instelling"])
def test_a_member_of_a_partner_changes_a_collaboration(collaborations, login, role):
    body = {
        "title": "Zorgmaatjes",
        "forms": ["buddy_project", "weekly_support"],
        "school_years": ["2026-2027", "2027-2028"],
        "bottlenecks": ["transport"],
    }
    url = f"{URL}/{collaborations.care.pk}"
    response = _json(login(getattr(collaborations, role)), "patch", url, body)

    assert response.status_code == 200, response.content
    assert response.json()["forms"] == ["buddy_project", "weekly_support"]
    care = Collaboration.objects.get(pk=collaborations.care.pk)
    assert care.title == "Zorgmaatjes" and care.bottlenecks == ["transport"]
    assert care.description == "" and care.origin == "chance"  # not sent, so unchanged
    assert [str(y) for y in care.school_years.all()] == ["2026-2027", "2027-2028"]


@pytest.mark.parametrize(("role", "status"), [("platform", 403), ("regio", 403), ("mbo", 404),
                                              ("outsider", 404)])  # fmt: skip
def test_whoever_is_not_a_partner_may_not_change_it(collaborations, login, role, status):
    url = f"{URL}/{collaborations.care.pk}"
    response = _json(login(getattr(collaborations, role)), "patch", url, {"title": "Overgenomen"})

    assert response.status_code == status
    assert Collaboration.objects.get(pk=collaborations.care.pk).title == "Zorgmaatjes De Linde"


def test_stopping_needs_a_reason_and_is_kept_in_the_history(collaborations, login):
    client = login(collaborations.instelling)
    url = f"{URL}/{collaborations.care.pk}"

    refused = _json(client, "patch", url, {"status": "stopped", "title": "Gestopt"})
    stopped = _json(
        client, "patch", url, {"status": "stopped", "stopped_reason": "Geen begeleiders"}
    )

    assert refused.status_code == 422 and "stopped_reason" in _errors(refused)
    assert stopped.status_code == 200, stopped.content
    assert stopped.json()["title"] == "Zorgmaatjes De Linde"  # the refused change left nothing
    assert stopped.json()["stopped_reason"] == "Geen begeleiders"
    last = stopped.json()["status_history"][-1]
    assert (last["old_status"], last["new_status"], last["by"]) == ("idea", "stopped", "Instelling")


def test_a_reason_without_a_status_is_refused(collaborations, login):
    url = f"{URL}/{collaborations.care.pk}"
    response = _json(login(collaborations.school), "patch", url, {"stopped_reason": "Zomaar"})

    assert response.status_code == 422 and "stopped_reason" in _errors(response)
    assert StatusChange.objects.filter(collaboration=collaborations.care).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [({"forms": []}, "forms"), ({"title": ""}, "title"), ({"origin": "luck"}, "origin"),
     ({"school_years": ["volgend jaar"]}, "school_years.0"),
     ({"bottlenecks": ["money"]}, "bottlenecks.0")],
)  # fmt: skip
def test_a_bad_change_names_the_field_and_changes_nothing(collaborations, login, change, field):
    url = f"{URL}/{collaborations.care.pk}"
    response = _json(login(collaborations.school), "patch", url, {"description": "Nieuw", **change})

    assert response.status_code == 422, response.content
    assert field in _errors(response)
    care = Collaboration.objects.get(pk=collaborations.care.pk)
    assert care.description == "" and care.forms.count() == 1


# --- Sessions ---------------------------------------------------------------------------------


def _session(**change):
    return {
        "starts_at": "2026-10-06T11:30:00",
        "ends_at": "2026-10-06T13:30:00",
        "form": "buddy_project",
        "students": 12,
        "groups": 1,
        "hours_teacher": 2,
        **change,
    }


def test_a_partner_adds_a_session_in_local_time(collaborations, login):
    url = f"{URL}/{collaborations.care.pk}/sessions"
    body = _session(location=collaborations.linde_site.pk)
    response = _json(login(collaborations.docent), "post", url, body)

    assert response.status_code == 201, response.content
    assert response.json()["starts_at"] == "2026-10-06T11:30:00+02:00"
    assert response.json()["location"]["id"] == collaborations.linde_site.pk
    session = Session.objects.get()
    assert timezone.localtime(session.starts_at).hour == 11 and session.students == 12


def test_the_sessions_are_listed_earliest_first(collaborations, login):
    client = login(collaborations.instelling)
    url = f"{URL}/{collaborations.care.pk}/sessions"
    for day in ("2026-11-10", "2026-10-06"):
        _json(client, "post", url, _session(starts_at=f"{day}T11:30", ends_at=f"{day}T13:30"))

    listed = client.get(url).json()

    assert listed["count"] == 2
    assert [s["starts_at"][:10] for s in listed["items"]] == ["2026-10-06", "2026-11-10"]


def test_a_session_outside_the_school_years_asks_for_confirmation(collaborations, login):
    client = login(collaborations.school)
    url = f"{URL}/{collaborations.care.pk}/sessions"
    body = _session(starts_at="2025-10-07T11:30", ends_at="2025-10-07T13:30")

    asked = _json(client, "post", url, body)
    assert asked.status_code == 409, asked.content
    assert "07-10-2025" in asked.json()["warnings"][0]
    assert asked.json()["detail"]
    assert not Session.objects.exists()

    confirmed = _json(client, "post", url, {**body, "confirmed": True})
    assert confirmed.status_code == 201, confirmed.content
    assert Session.objects.count() == 1


def test_a_session_in_the_school_holiday_asks_for_confirmation(collaborations, login):
    Location.objects.filter(pk=collaborations.school_a_site.pk).update(holiday_region="noord")
    client = login(collaborations.school)
    url = f"{URL}/{collaborations.care.pk}/sessions"
    body = _session(starts_at="2026-12-22T11:30", ends_at="2026-12-22T13:30")  # Christmas

    asked = _json(client, "post", url, body)
    confirmed = _json(client, "post", url, {**body, "confirmed": True})

    assert asked.status_code == 409 and "22-12-2026" in asked.json()["warnings"][0]
    assert confirmed.status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2026-10-06T10:00"}, "ends_at"),
        ({"hours_teacher": -1}, "hours_teacher"),
        ({"hours_professional": "-0.5"}, "hours_professional"),
        ({"students": -3}, "students"),
        ({"form": "knitting"}, "form"),
        ({"location": 999999}, "location"),
        ({"starts_at": "dinsdag"}, "starts_at"),
    ],
)
def test_a_bad_session_names_the_field_and_writes_nothing(collaborations, login, change, field):
    url = f"{URL}/{collaborations.care.pk}/sessions"
    response = _json(login(collaborations.school), "post", url, _session(confirmed=True, **change))

    assert response.status_code == 422, response.content
    assert field in _errors(response)
    assert not Session.objects.exists()


def test_a_session_at_a_location_of_someone_else_is_refused(collaborations, login):
    elsewhere = Location.objects.create(organisation=collaborations.mbo_college, place="Deventer")
    url = f"{URL}/{collaborations.care.pk}/sessions"
    response = _json(login(collaborations.school), "post", url, _session(location=elsewhere.pk))

    assert response.status_code == 422 and "location" in _errors(response)


@pytest.mark.parametrize(("role", "status"), [("regio", 403), ("platform", 403), ("mbo", 404)])
def test_only_partners_add_sessions(collaborations, login, role, status):
    url = f"{URL}/{collaborations.care.pk}/sessions"
    response = _json(login(getattr(collaborations, role)), "post", url, _session(confirmed=True))

    assert response.status_code == status
    assert not Session.objects.exists()


def test_the_sessions_of_a_collaboration_one_may_not_see_are_404(collaborations, login):
    response = login(collaborations.outsider).get(f"{URL}/{collaborations.care.pk}/sessions")
    assert response.status_code == 404


# --- Contact log ------------------------------------------------------------------------------


def test_a_partner_records_a_contact_and_its_bottlenecks_count_for_the_collaboration(
    collaborations, login
):
    url = f"{URL}/{collaborations.care.pk}/log"
    entry = {
        "date": "2026-11-02",
        "channel": "meeting",
        "people": "Fatima, Henk",
        "summary": "Rooster voor de buddy's besproken",
        "follow_up_date": "2026-11-16",
        "bottlenecks": ["time_for_supervision", "transport"],
    }
    response = _json(login(collaborations.instelling), "post", url, entry)

    assert response.status_code == 201, response.content
    assert response.json()["channel_label"] and response.json()["by"] == "Instelling"
    care = Collaboration.objects.get(pk=collaborations.care.pk)
    assert care.bottlenecks == ["time_for_supervision", "transport"]


def test_the_contact_log_is_listed_newest_first(collaborations, login):
    for day in ("2026-10-01", "2026-11-01"):
        ContactLogEntry.objects.create(
            collaboration=collaborations.care, date=day, channel="email", summary=day
        )

    listed = login(collaborations.regio).get(f"{URL}/{collaborations.care.pk}/log").json()

    assert [e["summary"] for e in listed["items"]] == ["2026-11-01", "2026-10-01"]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"channel": "pigeon"}, "channel"), ({"summary": ""}, "summary"),
     ({"date": None}, "date"), ({"bottlenecks": ["money"]}, "bottlenecks.0")],
)  # fmt: skip
def test_a_bad_log_entry_names_the_field_and_writes_nothing(collaborations, login, change, field):
    entry = {"date": "2026-11-02", "channel": "phone", "summary": "Gebeld", **change}
    url = f"{URL}/{collaborations.care.pk}/log"
    response = _json(login(collaborations.school), "post", url, entry)

    assert response.status_code == 422, response.content
    assert field in _errors(response)
    assert not ContactLogEntry.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("regio", 403), ("mbo", 404), ("outsider", 404)])
def test_only_partners_write_in_the_contact_log(collaborations, login, role, status):
    entry = {"date": "2026-11-02", "channel": "phone", "summary": "Gebeld"}
    url = f"{URL}/{collaborations.care.pk}/log"
    response = _json(login(getattr(collaborations, role)), "post", url, entry)

    assert response.status_code == status
    assert not ContactLogEntry.objects.exists()


# --- Documentation ----------------------------------------------------------------------------


def test_the_openapi_document_describes_the_collaborations(client, db):
    document = client.get("/api/v1/openapi.json").json()

    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/collaborations"])
    assert {"get", "patch"} <= set(paths["/api/v1/collaborations/{id}"])
    assert {"get", "post"} <= set(paths["/api/v1/collaborations/{id}/sessions"])
    assert {"get", "post"} <= set(paths["/api/v1/collaborations/{id}/log"])
    parameters = {p["name"] for p in paths["/api/v1/collaborations"]["get"]["parameters"]}
    assert {"form", "organisation", "school_year", "status", "q", "page", "page_size"} <= parameters
    assert "409" in paths["/api/v1/collaborations/{id}/sessions"]["post"]["responses"]
    schemas = document["components"]["schemas"]
    assert {"CollaborationIn", "CollaborationChange", "CollaborationOut", "SessionIn",
            "SessionWarningOut", "LogEntryIn", "PlanOut"} <= set(schemas)  # fmt: skip
    assert "joint_teaching" in schemas["Form"]["enum"]
