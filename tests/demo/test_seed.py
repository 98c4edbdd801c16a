import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import verbindt
from verbindt.accounts.models import Membership, User
from verbindt.demo import data
from verbindt.demo.services import seed_demo
from verbindt.network.models import Organisation


def _snapshot():
    return (
        list(Organisation.objects.values_list("pk", "name", "kind", "region_id", "updated_at")),
        list(User.objects.values_list("pk", "username", "password")),
        list(
            Membership.objects.values_list("pk", "user_id", "organisation_id", "role", "region_id")
        ),
    )


def test_the_demo_has_three_regions_and_every_kind_of_organisation(db):
    counts = seed_demo()
    assert counts["vmbo_location"] >= 12
    assert counts["mbo_college"] >= 4
    assert counts["institution"] >= 40
    regions = set(Organisation.objects.exclude(region=None).values_list("region__code", flat=True))
    assert len(regions) == 3


def test_seeding_twice_changes_nothing(db):
    seed_demo()
    before = _snapshot()
    seed_demo()
    assert _snapshot() == before


def test_every_demo_login_works_with_the_shared_password_and_has_a_home(client, db):
    seed_demo()
    for username in sorted(data.SEES):
        assert client.login(username=username, password=data.DEMO_PASSWORD), username
        response = client.get("/")
        assert response.status_code == 200
        assert "Welkom" in response.content.decode()
        client.logout()


def test_the_demo_school_coordinator_can_switch_to_teacher(db):
    seed_demo()
    roles = set(Membership.objects.filter(user__username="school").values_list("role", flat=True))
    assert roles == {"school_coordinator", "teacher"}


def test_demo_users_are_refused_on_a_database_that_looks_real(db):
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_demo_command_prints_a_login_per_role(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert data.DEMO_PASSWORD in printed
    for username in ("platform", "regio", "school", "docent", "mbo", "instelling"):
        assert f"  {username} " in printed


def test_no_migration_creates_users():
    # Demo users live in the demo database only; a production migrate must create none.
    migrations = Path(verbindt.__file__).parent.glob("*/migrations/*.py")
    offending = [
        path.name
        for path in migrations
        if re.search(r"create_user|set_password|DEMO_PASSWORD|seed_demo", path.read_text())
    ]
    assert offending == []


def test_the_demo_shows_every_form_and_all_three_groups(db):
    from verbindt.collaborations.models import CollaborationForm, Form, Session, YearPlan

    seed_demo()
    assert set(CollaborationForm.objects.values_list("form", flat=True)) == set(Form.values)
    assert YearPlan.objects.filter(
        collaboration__forms__form="joint_teaching"
    ).exists()  # learning line
    assert Session.objects.filter(series__isnull=False).count() > 100  # structural: all year
    assert Organisation.objects.filter(kind="vmbo_location", partnerships__isnull=True).exists()


def test_the_demo_shows_all_four_levels(db):
    from verbindt.core.services import school_year_for_date
    from verbindt.maturity.models import SchoolLevel

    seed_demo()
    levels = dict(
        SchoolLevel.objects.filter(school_year=school_year_for_date()).values_list(
            "organisation__name", "level"
        )
    )
    assert set(levels.values()) == {"none", "incidental", "structural", "learning_line"}
    assert levels["IJsselborg vmbo Deventer"] == "learning_line"
    assert levels["Vechtdal vmbo Ommen"] == "structural"
