"""Who sees what: each role allowed where it should be and refused everywhere else."""

import pytest

from verbindt.accounts.services import membership_create
from verbindt.core import permissions
from verbindt.network.models import Contact

ACTORS = ["platform", "regio", "school", "docent", "mbo", "instelling", "outsider"]


@pytest.mark.parametrize("actor", ACTORS)
def test_every_member_sees_the_public_registry(world, login, actor):
    client = login(getattr(world, actor))
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 7
    assert client.get(f"/organisations/{world.institution_zuid.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("actor", "organisation", "allowed"),
    [
        ("platform", "institution_zuid", True),
        ("regio", "institution", True),
        ("regio", "institution_zuid", False),
        ("school", "school_a", True),
        ("docent", "school_a", True),
        ("school", "school_b", False),
        ("mbo", "mbo_college", True),
        ("mbo", "school_a", False),
        ("instelling", "institution", True),
        ("outsider", "school_a", False),
    ],
)
def test_contacts_and_editing_belong_to_the_organisation_and_its_coordinators(
    world, login, actor, organisation, allowed
):
    client = login(getattr(world, actor))
    target = getattr(world, organisation)
    Contact.objects.create(organisation=target, name="Anna de Wit", function="teacher")
    page = client.get(f"/organisations/{target.pk}/").content.decode()
    assert ("Anna de Wit" in page) is allowed
    assert client.get(f"/organisations/{target.pk}/edit/").status_code == (200 if allowed else 403)
    assert client.get(f"/organisations/{target.pk}/contacts/new/").status_code == (
        200 if allowed else 403
    )


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("platform", True),
        ("regio", True),
        ("school", True),
        ("docent", False),
        ("mbo", False),
        ("instelling", False),
        ("outsider", True),
    ],
)
def test_coordinators_and_school_coordinators_add_organisations(world, login, actor, allowed):
    response = login(getattr(world, actor)).get("/organisations/new/?kind=institution")
    assert response.status_code == (200 if allowed else 403)


def test_an_organisation_that_does_not_exist_is_a_404(world, login):
    assert login(world.platform).get("/organisations/999999/").status_code == 404


def test_a_user_without_a_membership_gets_a_helpful_home_page(world, login):
    from verbindt.accounts.services import user_create

    newcomer = user_create(username="nieuw", password="x-long-password-1")
    client = login(newcomer)
    assert "nog geen rol" in client.get("/").content.decode()
    assert client.get(f"/organisations/{world.school_a.pk}/edit/").status_code == 403


def test_only_the_platform_coordinator_gets_into_the_administration(world, login):
    assert login(world.platform).get("/admin/").status_code == 200
    for actor in ("regio", "school", "docent", "mbo", "instelling", "outsider"):
        # The admin sends them to its login page, which refuses a logged-in user with a 403.
        response = login(getattr(world, actor)).get("/admin/", follow=True)
        assert response.status_code == 403, actor


def test_the_platform_coordinator_edits_a_region_in_the_administration(world, login):
    client = login(world.platform)
    url = f"/admin/core/region/{world.oost.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Oost-Nederland", "code": "oost", "description": ""})
    assert response.status_code == 302
    world.oost.refresh_from_db()
    assert world.oost.name == "Oost-Nederland"


def test_a_regional_coordinator_cannot_edit_regions(world, login):
    url = f"/admin/core/region/{world.oost.pk}/change/"
    response = login(world.regio).post(url, {"name": "Mijn regio", "code": "oost"}, follow=True)
    assert response.status_code == 403
    world.oost.refresh_from_db()
    assert world.oost.name == "Oost"


def test_predicates_follow_the_active_membership_not_any_membership(world):
    membership_create(user=world.docent, organisation=world.school_b, role="teacher")
    docent = type(world.docent).objects.get(pk=world.docent.pk)
    assert permissions.is_member_of(docent, world.school_a)  # the first membership is active
    docent._active_membership_id = docent.memberships.get(organisation=world.school_b).pk
    assert not permissions.is_member_of(docent, world.school_a)
    assert docent.has_perm("network.edit_organisation", world.school_b)
    assert not docent.has_perm("network.edit_organisation", world.school_a)


def test_the_organisation_list_costs_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    client = login(world.platform)
    with django_assert_max_num_queries(8):
        client.get("/organisations/")


def test_the_home_page_costs_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.platform)
    with django_assert_max_num_queries(8):
        client.get("/")


def test_a_platform_coordinator_cannot_make_anyone_a_superuser(world, login):
    client = login(world.platform)
    url = f"/admin/accounts/user/{world.docent.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_active"' in page
    response = client.post(
        url,
        {
            "username": "docent",
            "first_name": "Daan",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    world.docent.refresh_from_db()
    assert world.docent.first_name == "Daan"  # the edit itself went through
    assert not world.docent.is_superuser and not world.docent.is_staff


def test_a_platform_coordinator_cannot_touch_an_operators_account(world, login):
    from verbindt.accounts.models import User

    operator = User.objects.create_superuser("operator", "ops@example.org", "ops-password-123")
    client = login(world.platform)
    assert "ops@example.org" not in client.get("/admin/accounts/user/").content.decode()
    client.post(
        f"/admin/accounts/user/{operator.pk}/password/",
        {"password1": "taken-over-123!", "password2": "taken-over-123!"},
    )
    operator.refresh_from_db()
    assert operator.check_password("ops-password-123")


def test_a_refusal_explains_itself_in_dutch_and_offers_a_way_back(world, login):
    response = login(world.school).get(f"/organisations/{world.school_b.pk}/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Je hebt geen toegang tot deze pagina" in page and 'href="/"' in page


def test_a_missing_page_is_a_friendly_404(world, login):
    response = login(world.school).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "bestaat niet (meer)" in response.content.decode()
