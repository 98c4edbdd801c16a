"""The registry API: who may list, see contacts, add and change; filters, pages, bad bodies."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from verbindt.accounts.services import api_token_create
from verbindt.core.services import school_year_get_or_create
from verbindt.network.models import (
    Contact,
    Elective,
    Location,
    Organisation,
    OrganisationKind,
    Qualification,
    Sector,
    ZwCandidateCount,
)

URL = "/api/v1/organisations"
EVERY_ROLE = ["platform", "regio", "school", "docent", "mbo", "instelling", "outsider"]
# network.view_contacts / edit_organisation on school A: its own members and its coordinators.
SCHOOL_A_INSIDERS = ["platform", "regio", "school", "docent"]
SCHOOL_A_OUTSIDERS = ["mbo", "instelling", "outsider"]


@pytest.fixture
def registry(world):
    """The world's organisations with what they offer, where they are and who to talk to."""
    school_a = world.school_a
    school_a.teaches_zw = school_a.offers_bb = school_a.offers_kb = True
    school_a.duo_code = "18BR00"
    school_a.save()
    school_a.electives.set([Elective.objects.get_or_create(name="Haarverzorging")[0]])
    Location.objects.create(
        organisation=school_a,
        street="Brinkgreverweg",
        house_number="12",
        postcode="7413 AB",
        place="Deventer",
        province="overijssel",
    )
    ZwCandidateCount.objects.create(
        organisation=school_a,
        school_year=school_year_get_or_create(start_year=2024),
        track="bb",
        candidates=4,
        under_five=True,
    )
    Contact.objects.create(
        organisation=school_a, name="Fatima El Amrani", function="teacher", email="f@ijb.nl"
    )
    Qualification.objects.create(
        organisation=world.mbo_college, name="Verzorgende IG", crebo="25655", level=3
    )
    Location.objects.create(organisation=world.institution_zuid, place="Venlo", province="limburg")
    world.institution_zuid.sector = Sector.HOME_CARE
    world.institution_zuid.save()
    return world


def _json(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def _errors(response):
    """The places named in a 422, e.g. ``"locations.1.postcode"``."""
    return {".".join(str(part) for part in error["loc"][2:]) for error in response.json()["detail"]}


def _names(response):
    return {item["name"] for item in response.json()["items"]}


# --- Authentication ---------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_401_everywhere(client, registry):
    school_a = registry.school_a.pk
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{school_a}").status_code == 401
    assert _json(client, "post", URL, {"kind": "other", "name": "X"}).status_code == 401
    assert _json(client, "patch", f"{URL}/{school_a}", {"name": "X"}).status_code == 401
    assert client.get(f"{URL}/{school_a}/locations").status_code == 401
    assert client.get(f"{URL}/{school_a}/contacts").status_code == 401
    assert Organisation.objects.filter(name="X").count() == 0


def test_a_personal_access_token_reads_and_writes(client, registry):
    _, raw = api_token_create(user=registry.docent, name="script")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    listed = client.get(URL, **bearer)
    changed = client.patch(
        f"{URL}/{registry.school_a.pk}",
        {"phone": "0570 123456"},
        content_type="application/json",
        **bearer,
    )

    assert listed.status_code == 200 and listed.json()["count"] == 7
    assert changed.status_code == 200, changed.content
    assert changed.json()["contacts"][0]["name"] == "Fatima El Amrani"  # a member of school A
    registry.school_a.refresh_from_db()
    assert registry.school_a.phone == "0570 123456"


def test_a_token_writes_without_a_csrf_cookie(registry):
    _, raw = api_token_create(user=registry.docent, name="script")
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"{URL}/{registry.school_a.pk}",
        {"phone": "0570 123456"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200


# --- List -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_can_list_the_registry(registry, login, role):
    response = login(getattr(registry, role)).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 7
    school_a = next(i for i in response.json()["items"] if i["name"] == registry.school_a.name)
    assert school_a["region"] == {"code": "oost", "name": "Oost"}
    assert school_a["place"] == "Deventer"
    assert school_a["teaches_zw"] is True and len(school_a["tracks"]) == 2
    assert "contacts" not in school_a


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "mbo_college"}, {"ROC IJsselvallei Deventer"}),
        ({"q": "deventer"}, {"IJsselborg vmbo Deventer", "ROC IJsselvallei Deventer",
                             "Woonzorgcentrum De Linde Deventer"}),
        ({"q": "18BR00"}, {"IJsselborg vmbo Deventer"}),
        ({"region": "zuid"}, {"Maasoever vmbo Venlo", "Thuiszorg Dichtbij Venlo"}),
        ({"province": "limburg"}, {"Thuiszorg Dichtbij Venlo"}),
        ({"teaches_zw": "true"}, {"IJsselborg vmbo Deventer"}),
        ({"sector": "home_care"}, {"Thuiszorg Dichtbij Venlo"}),
        ({"kind": "vmbo_location", "region": "oost"},
         {"IJsselborg vmbo Deventer", "Vechtdal vmbo Ommen"}),
    ],
)  # fmt: skip
def test_the_list_filters(registry, login, query, expected):
    response = login(registry.docent).get(URL, query)

    assert response.status_code == 200
    assert _names(response) == expected
    assert response.json()["count"] == len(expected)


def test_unknown_filter_values_are_ignored_rather_than_errors(registry, login):
    query = {"kind": "spaceship", "province": "atlantis", "teaches_zw": "maybe", "sort": "x"}
    response = login(registry.docent).get(URL, query)

    assert response.status_code == 200
    assert response.json()["count"] == 7


def test_the_list_comes_in_pages_with_the_total(registry, login):
    client = login(registry.docent)
    first = client.get(URL, {"page_size": 3}).json()
    third = client.get(URL, {"page_size": 3, "page": 3}).json()

    assert first["count"] == third["count"] == 7
    assert len(first["items"]) == 3 and len(third["items"]) == 1
    assert [i["name"] for i in first["items"]] == sorted(i["name"] for i in first["items"])


def test_a_page_holds_at_most_100(registry, login):
    Organisation.objects.bulk_create(
        Organisation(name=f"Instelling {n:03}", kind=OrganisationKind.INSTITUTION)
        for n in range(100)
    )
    response = login(registry.docent).get(URL, {"page_size": 500})

    assert response.status_code == 200
    assert response.json()["count"] == 107
    assert len(response.json()["items"]) == 100


def test_the_number_of_queries_does_not_grow_with_the_page_size(registry, login, settings):
    oost = registry.oost
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Instelling {n:02}", kind=OrganisationKind.INSTITUTION, region=oost)
        for n in range(60)
    )
    Location.objects.bulk_create(Location(organisation=o, place="Zwolle") for o in organisations)
    client = login(registry.regio)
    client.get(URL)  # the session and membership are loaded once per request either way

    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(URL, {"page_size": 10}).json()["items"]) == 10
    with CaptureQueriesContext(connection) as fifty:
        assert len(client.get(URL, {"page_size": 50}).json()["items"]) == 50

    assert len(fifty) == len(ten)
    assert len(fifty) <= 5, [q["sql"] for q in fifty.captured_queries]


def test_the_list_stays_within_a_fixed_number_of_queries(
    registry, login, django_assert_max_num_queries
):
    Organisation.objects.bulk_create(
        Organisation(name=f"Instelling {n:02}", kind=OrganisationKind.INSTITUTION)
        for n in range(50)
    )
    client = login(registry.platform)
    with django_assert_max_num_queries(5):
        client.get(URL, {"page_size": 50})


# --- Detail -----------------------------------------------------------------------------------


def test_the_detail_shows_what_an_organisation_offers_and_where_it_is(registry, login):
    detail = login(registry.mbo).get(f"{URL}/{registry.school_a.pk}").json()

    assert detail["region"] == {"code": "oost", "name": "Oost"}
    assert detail["duo_code"] == "18BR00"
    assert detail["offers_bb"] and detail["offers_kb"] and not detail["offers_gl_tl"]
    assert detail["electives"] == ["Haarverzorging"]
    assert detail["zw_counts"] == [
        {"school_year": "2024-2025", "track": "bb", "candidates": 4, "under_five": True}
    ]
    assert detail["locations"][0]["postcode"] == "7413 AB"
    assert detail["place"] == "Deventer"


def test_the_detail_of_a_college_lists_its_qualifications(registry, login):
    detail = login(registry.instelling).get(f"{URL}/{registry.mbo_college.pk}").json()

    assert detail["qualifications"] == [{"name": "Verzorgende IG", "crebo": "25655", "level": 3}]


@pytest.mark.parametrize("role", SCHOOL_A_INSIDERS)
def test_contacts_are_shown_to_members_and_coordinators(registry, login, role):
    detail = login(getattr(registry, role)).get(f"{URL}/{registry.school_a.pk}").json()

    assert [c["name"] for c in detail["contacts"]] == ["Fatima El Amrani"]
    assert detail["contacts"][0]["email"] == "f@ijb.nl"


@pytest.mark.parametrize("role", SCHOOL_A_OUTSIDERS)
def test_contacts_are_hidden_from_everyone_else(registry, login, role):
    response = login(getattr(registry, role)).get(f"{URL}/{registry.school_a.pk}")

    assert response.status_code == 200
    assert response.json()["contacts"] is None
    assert "Fatima" not in response.content.decode()


@pytest.mark.parametrize("role", SCHOOL_A_INSIDERS)
def test_members_and_coordinators_list_the_contacts(registry, login, role):
    response = login(getattr(registry, role)).get(f"{URL}/{registry.school_a.pk}/contacts")

    assert response.status_code == 200
    assert [c["name"] for c in response.json()] == ["Fatima El Amrani"]


@pytest.mark.parametrize("role", SCHOOL_A_OUTSIDERS)
def test_everyone_else_is_refused_the_contacts(registry, login, role):
    response = login(getattr(registry, role)).get(f"{URL}/{registry.school_a.pk}/contacts")

    assert response.status_code == 403
    assert "Fatima" not in response.content.decode()


def test_a_contact_removed_on_request_is_left_out(registry, login):
    registry.school_a.contacts.update(anonymised_at="2025-01-01T00:00:00Z")

    response = login(registry.school).get(f"{URL}/{registry.school_a.pk}/contacts")

    assert response.json() == []


def test_every_user_sees_the_locations(registry, login):
    response = login(registry.outsider).get(f"{URL}/{registry.school_a.pk}/locations")

    assert response.status_code == 200
    assert [location["place"] for location in response.json()] == ["Deventer"]


@pytest.mark.parametrize("path", ["", "/locations", "/contacts"])
def test_an_unknown_organisation_is_404(registry, login, path):
    assert login(registry.platform).get(f"{URL}/999999{path}").status_code == 404


# --- Create -----------------------------------------------------------------------------------

NEW_INSTITUTION = {
    "kind": "institution",
    "name": "Zorggroep Salland",
    "sector": "elderly_care",
    "region": "oost",
    "locations": [{"street": "Hoofdstraat", "house_number": "1", "postcode": "8011ab"}],
}


@pytest.mark.parametrize("role", ["platform", "regio", "school"])
def test_coordinators_add_an_organisation_with_its_locations(registry, login, role):
    response = _json(login(getattr(registry, role)), "post", URL, NEW_INSTITUTION)

    assert response.status_code == 201, response.content
    created = Organisation.objects.get(name="Zorggroep Salland")
    assert response.json()["id"] == created.pk
    assert created.region == registry.oost and created.sector == "elderly_care"
    assert created.locations.get().postcode == "8011 AB"


@pytest.mark.parametrize("role", ["docent", "mbo", "instelling"])
def test_other_roles_may_not_add_an_organisation(registry, login, role):
    response = _json(login(getattr(registry, role)), "post", URL, NEW_INSTITUTION)

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Zorggroep Salland").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": None}, "name"),
        ({"kind": "spaceship"}, "kind"),
        ({"kvk_number": "123"}, "kvk_number"),
        ({"website": "not a url"}, "website"),
        ({"region": "atlantis"}, "region"),
        ({"electives": ["Haarverzorging", "Vliegen"]}, "electives"),
        ({"sbb_valid_until": "someday"}, "sbb_valid_until"),
        ({"colour": "blue"}, "colour"),
        ({"locations": [{"postcode": "8011 AB"}, {"postcode": "abc"}]}, "locations.1.postcode"),
        ({"locations": [{"province": "atlantis"}]}, "locations.0.province"),
    ],
)
def test_a_bad_body_names_the_field_and_writes_nothing(registry, login, change, field):
    before = (Organisation.objects.count(), Location.objects.count())
    body = {**NEW_INSTITUTION, **change}
    if change.get("name", "") is None:
        del body["name"]

    response = _json(login(registry.platform), "post", URL, body)

    assert response.status_code == 422, response.content
    assert field in _errors(response)
    assert (Organisation.objects.count(), Location.objects.count()) == before


def test_a_duplicate_duo_code_is_refused_with_a_message(registry, login):
    body = {"kind": "vmbo_location", "name": "Tweede IJsselborg", "duo_code": "18BR00"}
    response = _json(login(registry.platform), "post", URL, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]
    assert Organisation.objects.filter(duo_code="18BR00").count() == 1


# --- Update -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SCHOOL_A_INSIDERS)
def test_members_and_coordinators_change_an_organisation(registry, login, role):
    url = f"{URL}/{registry.school_a.pk}"
    response = _json(login(getattr(registry, role)), "patch", url, {"offers_gl_tl": True})

    assert response.status_code == 200, response.content
    registry.school_a.refresh_from_db()
    assert registry.school_a.offers_gl_tl is True
    assert registry.school_a.offers_bb is True  # not sent, so unchanged
    assert registry.school_a.electives.count() == 1


@pytest.mark.parametrize("role", SCHOOL_A_OUTSIDERS)
def test_others_may_not_change_an_organisation(registry, login, role):
    url = f"{URL}/{registry.school_a.pk}"
    response = _json(login(getattr(registry, role)), "patch", url, {"name": "Overgenomen"})

    assert response.status_code == 403
    registry.school_a.refresh_from_db()
    assert registry.school_a.name == "IJsselborg vmbo Deventer"


def test_changing_an_unknown_organisation_is_404(registry, login):
    response = _json(login(registry.platform), "patch", f"{URL}/999999", {"name": "X"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kind": "institution"}, "kind"), ({"duo_code": "18BR"}, "duo_code"), ({"name": ""}, "name")],
)
def test_a_bad_change_names_the_field_and_changes_nothing(registry, login, change, field):
    url = f"{URL}/{registry.school_a.pk}"
    response = _json(login(registry.school), "patch", url, {**change, "phone": "0570 1"})

    assert response.status_code == 422
    assert field in _errors(response)
    registry.school_a.refresh_from_db()
    assert registry.school_a.phone == "" and registry.school_a.kind == "vmbo_location"


def test_the_region_can_be_cleared_and_electives_replaced(registry, login):
    url = f"{URL}/{registry.school_a.pk}"
    body = {"region": None, "electives": ["Huidverzorging"]}
    Elective.objects.get_or_create(name="Huidverzorging")

    detail = _json(login(registry.platform), "patch", url, body).json()

    assert detail["region"] is None
    assert detail["electives"] == ["Huidverzorging"]


# --- Nested locations and contacts ------------------------------------------------------------


def test_a_member_adds_a_location(registry, login):
    url = f"{URL}/{registry.school_a.pk}/locations"
    body = {"name": "Dependance", "postcode": "7421ab", "place": "Deventer", "is_main": False}
    response = _json(login(registry.docent), "post", url, body)

    assert response.status_code == 201, response.content
    assert response.json()["postcode"] == "7421 AB"
    assert registry.school_a.locations.count() == 2


def test_a_bad_location_names_the_field(registry, login):
    url = f"{URL}/{registry.school_a.pk}/locations"
    response = _json(login(registry.docent), "post", url, {"postcode": "12345"})

    assert response.status_code == 422
    assert "postcode" in _errors(response)
    assert registry.school_a.locations.count() == 1


def test_a_member_adds_a_contact(registry, login):
    url = f"{URL}/{registry.school_a.pk}/contacts"
    body = {"name": "Jan de Vries", "function": "team_leader", "hours_per_week": 2.5}
    response = _json(login(registry.school), "post", url, body)

    assert response.status_code == 201, response.content
    assert response.json()["hours_per_week"] == 2.5
    assert registry.school_a.contacts.filter(name="Jan de Vries").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Jan", "function": "astronaut"}, "function"),
        ({"name": "Jan", "function": "teacher", "email": "jan@"}, "email"),
        ({"name": "Jan", "function": "teacher", "hours_per_week": 41}, "hours_per_week"),
        ({"function": "teacher"}, "name"),
    ],
)
def test_a_bad_contact_names_the_field_and_writes_nothing(registry, login, body, field):
    url = f"{URL}/{registry.school_a.pk}/contacts"
    response = _json(login(registry.school), "post", url, body)

    assert response.status_code == 422
    assert field in _errors(response)
    assert registry.school_a.contacts.count() == 1


@pytest.mark.parametrize("what", ["locations", "contacts"])
def test_the_outsider_adds_nothing_to_another_organisation(registry, login, what):
    body = {"locations": {"place": "Venlo"}, "contacts": {"name": "Mallory", "function": "other"}}
    url = f"{URL}/{registry.school_a.pk}/{what}"
    response = _json(login(registry.outsider), "post", url, body[what])

    assert response.status_code == 403
    assert getattr(registry.school_a, what).count() == 1


# --- Documentation ----------------------------------------------------------------------------


def test_the_openapi_document_describes_the_registry(client, db):
    document = client.get("/api/v1/openapi.json").json()

    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/organisations"])
    assert {"get", "patch"} <= set(paths["/api/v1/organisations/{id}"])
    assert {"get", "post"} <= set(paths["/api/v1/organisations/{id}/locations"])
    assert {"get", "post"} <= set(paths["/api/v1/organisations/{id}/contacts"])
    parameters = {p["name"] for p in paths["/api/v1/organisations"]["get"]["parameters"]}
    assert {"q", "kind", "region", "province", "teaches_zw", "page", "page_size"} <= parameters
    schemas = document["components"]["schemas"]
    assert {"OrganisationOut", "OrganisationIn", "LocationIn", "ContactIn"} <= set(schemas)
    assert (
        "null for everyone else"
        in schemas["OrganisationOut"]["properties"]["contacts"]["description"]
    )
