"""The recompute task through the real worker (``db_worker --batch``): it claims tasks in
transactions of its own, as in production, so these tests commit for real."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from verbindt.collaborations import services
from verbindt.maturity.models import SchoolLevel, StaleSchool
from verbindt.maturity.services import levels_recompute_stale

from .conftest import collaborate
from .test_levels import level_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_burst_of_changes_is_recomputed_once_after_the_quiet_delay(world, year, settings):
    settings.MATURITY_RECOMPUTE_DELAY = 30
    c = collaborate(year, world.school_a, world.institution)
    starts = timezone.make_aware(dt.datetime.combine(year.start, dt.time(9)))
    for day in range(61, 66):  # each save its own transaction, as from five page requests
        services.session_save(
            collaboration=c,
            data={
                "form": "guest_lesson",
                "starts_at": starts + dt.timedelta(days=day),
                "ends_at": starts + dt.timedelta(days=day, hours=1),
            },
            confirmed=True,
        )
    tasks = DBTaskResult.objects.filter(task_path__endswith="recompute_stale_levels")
    assert tasks.count() == 6 and all(t.run_after > timezone.now() for t in tasks)
    # The worker takes nothing before the delay; the school waits, marked once.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert not SchoolLevel.objects.filter(organisation=world.school_a).exists()
    assert StaleSchool.objects.filter(organisation=world.school_a).count() == 1
    # Half a minute of quiet later, one run recomputes it.
    StaleSchool.objects.update(since=timezone.now() - dt.timedelta(seconds=31))
    assert levels_recompute_stale() == 1
    assert level_of(world.school_a, year) == "incidental"
    assert levels_recompute_stale() == 0


def test_the_worker_runs_the_recompute(world, year, settings):
    settings.MATURITY_RECOMPUTE_DELAY = 0
    collaborate(year, world.school_a, world.institution, status="agreed")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert level_of(world.school_a, year) == "incidental"
    assert not StaleSchool.objects.exists()
