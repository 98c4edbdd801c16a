"""The registry in the browser: search, filters, forms, removal on request, merging, map."""

import json

import pytest

from verbindt.accounts.models import Membership
from verbindt.network.models import Contact, Location, Organisation, PostcodeArea


def _add_location(organisation, **fields):
    defaults = {"place": "Deventer", "postcode": "7411 HP", "province": "overijssel"}
    return Location.objects.create(organisation=organisation, **{**defaults, **fields})


def _names(response):
    return [o.name for o in response.context["page"].object_list]


def test_the_search_finds_by_name_place_postcode_and_duo_code(world, login):
    world.school_a.duo_code = "18BR00"
    world.school_a.save()
    _add_location(world.institution_zuid, place="Venlo", postcode="5911 BV", province="limburg")
    client = login(world.docent)
    assert _names(client.get("/organisations/?q=ijsselborg")) == ["IJsselborg vmbo Deventer"]
    assert _names(client.get("/organisations/?q=venlo")) == [
        "Maasoever vmbo Venlo",
        "Thuiszorg Dichtbij Venlo",
    ]
    assert _names(client.get("/organisations/?q=5911")) == ["Thuiszorg Dichtbij Venlo"]
    assert _names(client.get("/organisations/?q=18br00")) == ["IJsselborg vmbo Deventer"]


def test_filters_combine_and_unknown_values_are_ignored(world, login):
    world.institution.sector = "elderly_care"
    world.institution.sbb_recognised = True
    world.institution.save()
    _add_location(world.institution, holiday_region="noord")
    client = login(world.regio)
    assert _names(client.get("/organisations/?kind=institution&region=oost")) == [
        "Woonzorgcentrum De Linde Deventer"
    ]
    assert _names(client.get("/organisations/?province=overijssel&holiday_region=noord")) == [
        "Woonzorgcentrum De Linde Deventer"
    ]
    assert _names(client.get("/organisations/?sector=elderly_care&sbb_recognised=1")) == [
        "Woonzorgcentrum De Linde Deventer"
    ]
    response = client.get("/organisations/?kind=castle&province=atlantis&sort=chaos")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 7


def test_sorting_by_place_uses_the_main_location(world, login):
    _add_location(world.school_b, place="Ommen")
    _add_location(world.school_a, place="Deventer")
    names = _names(login(world.platform).get("/organisations/?sort=place&kind=vmbo_location"))
    assert names.index("IJsselborg vmbo Deventer") < names.index("Vechtdal vmbo Ommen")


def test_a_live_search_replaces_only_the_results(world, login):
    response = login(world.school).get("/organisations/?q=linde", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "Woonzorgcentrum De Linde Deventer" in page


@pytest.mark.parametrize("count", [10, 120])
def test_the_list_costs_the_same_number_of_queries_for_any_size(
    world, login, django_assert_max_num_queries, count
):
    Organisation.objects.bulk_create(
        Organisation(name=f"Instelling {i:03d}", kind="institution", region=world.oost)
        for i in range(count)
    )
    client = login(world.platform)
    with django_assert_max_num_queries(9):
        response = client.get("/organisations/?sort=place")
    assert len(response.context["page"].object_list) == min(50, count + 7)


def test_a_new_institution_is_added_with_fields_for_its_kind(world, login):
    client = login(world.regio)
    assert "Welk soort organisatie" in client.get("/organisations/new/").content.decode()
    form = client.get("/organisations/new/?kind=institution").content.decode()
    assert 'name="sector"' in form and 'name="electives"' not in form
    response = client.post(
        "/organisations/new/",
        {
            "kind": "institution",
            "name": "Zorggroep Salland",
            "region": world.oost.pk,
            "sector": "elderly_care",
            "kvk_number": "12345678",
        },
    )
    created = Organisation.objects.get(name="Zorggroep Salland")
    assert response.url == f"/organisations/{created.pk}/"
    assert created.sector == "elderly_care"


def test_a_bad_form_names_the_field_and_saves_nothing(world, login):
    response = login(world.regio).post(
        "/organisations/new/",
        {"kind": "institution", "name": "Zorggroep Salland", "kvk_number": "12-34"},
    )
    assert response.status_code == 400
    assert "Acht cijfers" in response.content.decode()
    assert not Organisation.objects.filter(name="Zorggroep Salland").exists()


def test_a_member_edits_their_own_organisation(world, login):
    client = login(world.docent)
    response = client.post(
        f"/organisations/{world.school_a.pk}/edit/",
        {
            "name": "IJsselborg College Deventer",
            "region": world.oost.pk,
            "offers_kb": "on",
            "teaches_zw": "on",
        },
    )
    assert response.status_code == 302
    world.school_a.refresh_from_db()
    assert world.school_a.name == "IJsselborg College Deventer"
    assert world.school_a.kind == "vmbo_location"  # the kind cannot change


def test_a_location_gets_a_normalised_postcode_and_coordinates(world, login):
    PostcodeArea.objects.create(
        pc4="7411",
        place="Deventer",
        province="overijssel",
        municipality_name="Deventer",
        municipality_code="0150",
        latitude=52.25,
        longitude=6.16,
    )
    response = login(world.school).post(
        f"/organisations/{world.school_a.pk}/locations/new/",
        {
            "street": "Brinkgreverweg",
            "house_number": "11",
            "postcode": "7411hp",
            "place": "Deventer",
            "is_main": "on",
        },
    )
    assert response.status_code == 302
    location = world.school_a.locations.get()
    assert location.postcode == "7411 HP"
    assert (location.latitude, location.municipality_code) == (52.25, "0150")


def test_a_bad_postcode_is_refused_with_an_example(world, login):
    response = login(world.school).post(
        f"/organisations/{world.school_a.pk}/locations/new/", {"postcode": "74 11", "place": "X"}
    )
    assert response.status_code == 400
    assert "1234 AB" in response.content.decode()
    assert not Location.objects.exists()


def test_a_contact_removed_on_request_loses_their_details_also_in_history(world, login):
    contact = Contact.objects.create(
        organisation=world.school_a,
        name="Anna de Wit",
        function="teacher",
        email="anna@example.nl",
        phone="0612345678",
    )
    contact.email = "a.dewit@example.nl"
    contact.save()
    client = login(world.school)
    assert (
        client.post(f"/organisations/{world.school_a.pk}/contacts/{contact.pk}/remove/").status_code
        == 302
    )
    contact.refresh_from_db()
    assert contact.anonymised_at and contact.email == "" and contact.phone == ""
    assert "Anna" not in contact.name
    assert not contact.history.filter(name__contains="Anna").exists()
    assert not contact.history.exclude(email="").exists()
    assert "Anna de Wit" not in client.get(f"/organisations/{world.school_a.pk}/").content.decode()


def test_merging_moves_every_link_and_removes_the_duplicate(world, login):
    duplicate = Organisation.objects.create(
        name="IJsselborg Deventer (dubbel)",
        kind="vmbo_location",
        region=world.oost,
        duo_code="18BR00",
    )
    _add_location(duplicate, place="Deventer")
    Contact.objects.create(organisation=duplicate, name="Bram Smit", function="teacher")
    Membership.objects.create(
        user=world.docent, organisation=duplicate, role="teacher"
    )  # already on A
    Membership.objects.create(user=world.mbo, organisation=duplicate, role="school_coordinator")
    client = login(world.regio)
    candidates = client.get(f"/organisations/{world.school_a.pk}/merge/?q=dubbel")
    assert list(candidates.context["candidates"]) == [duplicate]
    response = client.post(f"/organisations/{world.school_a.pk}/merge/{duplicate.pk}/")
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    world.school_a.refresh_from_db()
    assert world.school_a.duo_code == "18BR00"  # filled in from the duplicate
    assert world.school_a.locations.count() == 1
    assert world.school_a.contacts.get().name == "Bram Smit"
    assert set(world.school_a.memberships.values_list("user__username", flat=True)) == {
        "school",
        "docent",
        "mbo",
    }


def test_only_organisations_of_one_kind_merge(world, login):
    response = login(world.platform).post(
        f"/organisations/{world.school_a.pk}/merge/{world.institution.pk}/"
    )
    assert response.status_code == 400
    assert Organisation.objects.filter(pk=world.institution.pk).exists()


def test_a_regional_coordinator_merges_only_within_their_region(world, login):
    response = login(world.regio).post(
        f"/organisations/{world.school_a.pk}/merge/{world.outsider_school.pk}/"
    )
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=world.outsider_school.pk).exists()


def test_the_map_shows_geocoded_organisations_with_the_filters(world, login):
    _add_location(world.school_a, latitude=52.25, longitude=6.16)
    _add_location(world.institution, latitude=52.26, longitude=6.17)
    _add_location(world.school_b)  # not geocoded: not on the map
    client = login(world.docent)
    page = client.get("/organisations/map/?kind=vmbo_location")
    points = json.loads(
        page.context["points"].__class__.__name__ and json.dumps(page.context["points"])
    )
    assert [p["name"] for p in points] == ["IJsselborg vmbo Deventer"]
    assert 'id="map-points"' in page.content.decode()


def test_an_mbo_contact_records_the_qualifications_of_their_college(world, login):
    client = login(world.mbo)
    url = f"/organisations/{world.mbo_college.pk}/qualifications/new/"
    assert (
        client.post(url, {"name": "Verzorgende-IG", "crebo": "2549", "level": 3}).status_code == 400
    )
    assert (
        client.post(url, {"name": "Verzorgende-IG", "crebo": "25491", "level": 3}).status_code
        == 302
    )
    qualification = world.mbo_college.qualifications.get()
    assert (
        "Verzorgende-IG" in client.get(f"/organisations/{world.mbo_college.pk}/").content.decode()
    )
    client.post(f"/organisations/{world.mbo_college.pk}/qualifications/{qualification.pk}/delete/")
    assert not world.mbo_college.qualifications.exists()


def test_a_school_has_no_qualifications_page(world, login):
    response = login(world.school).get(f"/organisations/{world.school_a.pk}/qualifications/new/")
    assert response.status_code == 404
