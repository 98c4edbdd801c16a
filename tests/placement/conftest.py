"""A weekly-support round of IJsselborg (school A) with three places and four students.

De Linde has two places of one seat each; ROC IJsselvallei one with two seats (an mbo college
can host too). Everyone wants the Tuesday lunch help first.
"""

from types import SimpleNamespace

import pytest

from verbindt.core.services import school_year_for_date
from verbindt.network.models import Location
from verbindt.placement import services


@pytest.fixture
def plan(world):
    Location.objects.create(
        organisation=world.school_a, place="Deventer", latitude=52.255, longitude=6.16
    )
    Location.objects.create(
        organisation=world.institution, place="Deventer", latitude=52.26, longitude=6.18
    )
    r = services.round_create(
        title="Lunchhulp 2026",
        school_year=school_year_for_date(),
        form="weekly_support",
        schools=[world.school_a],
        by=world.school,
    )
    p = SimpleNamespace(round=r)
    p.tuesday = services.place_add(
        allocation_round=r, organisation=world.institution, capacity=1, label="Lunchhulp dinsdag"
    )
    p.wednesday = services.place_add(
        allocation_round=r,
        organisation=world.institution,
        capacity=1,
        label="Activiteiten woensdag",
    )
    p.roc = services.place_add(
        allocation_round=r, organisation=world.mbo_college, capacity=2, label="Meeloopdag"
    )
    p.students = services.students_import(
        allocation_round=r, text="L01;3B;3\nL02;3B;3\nL03;3A;3\nL04;4A;4"
    )
    for student, places in zip(
        p.students,
        [
            [p.tuesday, p.wednesday],
            [p.tuesday, p.roc],
            [p.tuesday, p.wednesday, p.roc],
            [p.wednesday, p.tuesday],
        ],
        strict=True,
    ):
        services.preferences_save(student=student, place_ids=[place.pk for place in places])
    return p


def run_worker():
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def ran(plan):
    """A round that has run: the task's own function, called here (the worker itself is tested
    in test_run.py, where the tests commit for real)."""
    services.round_run_start(allocation_round=plan.round)
    services.round_run(round_id=plan.round.pk)
    plan.round.refresh_from_db()
    return plan
