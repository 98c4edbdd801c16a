import pytest
from django.core.exceptions import ValidationError

from verbindt.accounts.models import Membership, Role
from verbindt.accounts.services import membership_create


def test_a_regional_coordinator_needs_a_region(world):
    with pytest.raises(ValidationError) as error:
        membership_create(
            user=world.school, organisation=world.platform_org, role=Role.REGIONAL_COORDINATOR
        )
    assert "region" in error.value.message_dict


def test_a_teacher_works_at_a_vmbo_location_not_at_an_institution(world):
    with pytest.raises(ValidationError) as error:
        membership_create(user=world.docent, organisation=world.institution, role=Role.TEACHER)
    assert "vmbo" in " ".join(error.value.message_dict["organisation"])


def test_the_same_role_twice_at_one_organisation_is_refused(world):
    with pytest.raises(ValidationError):
        membership_create(user=world.docent, organisation=world.school_a, role=Role.TEACHER)


def test_changes_to_memberships_are_kept_in_history(world):
    membership = Membership.objects.get(user=world.docent)
    membership.role = Role.SCHOOL_COORDINATOR
    membership.save()
    assert [h.role for h in membership.history.order_by("history_date")] == [
        Role.TEACHER,
        Role.SCHOOL_COORDINATOR,
    ]


def test_a_user_with_two_memberships_switches_and_the_rights_follow(world, login):
    membership_create(user=world.school, organisation=world.school_b, role=Role.TEACHER)
    client = login(world.school)
    assert client.get(f"/organisations/{world.school_a.pk}/edit/").status_code == 200
    assert client.get(f"/organisations/{world.school_b.pk}/edit/").status_code == 403

    teacher_at_b = Membership.objects.get(user=world.school, organisation=world.school_b)
    response = client.post(
        "/accounts/membership/", {"membership": teacher_at_b.pk, "next": "/"}, follow=True
    )
    assert "docent" in response.content.decode()
    assert client.get(f"/organisations/{world.school_b.pk}/edit/").status_code == 200
    assert client.get(f"/organisations/{world.school_a.pk}/edit/").status_code == 403


def test_nobody_can_switch_into_someone_elses_membership(world, login):
    others = Membership.objects.get(user=world.platform)
    client = login(world.outsider)
    assert client.post("/accounts/membership/", {"membership": others.pk}).status_code == 403
    assert client.get("/admin/", follow=True).status_code == 403


def test_an_unsafe_next_address_after_switching_is_ignored(world, login):
    client = login(world.school)
    own = Membership.objects.get(user=world.school)
    response = client.post(
        "/accounts/membership/", {"membership": own.pk, "next": "https://evil.example/"}
    )
    assert response.url == "/"
