"""The run through the real worker, the engine's result stored as is, adjusting and publishing."""

import pytest
from django.core.exceptions import ValidationError

from tests.placement.conftest import run_worker
from verbindt.engines.allocation import allocate
from verbindt.placement import services
from verbindt.placement.models import AllocationRound, Assignment, RoundStatus
from verbindt.placement.problem import place_key, problem_for, student_key


# The worker claims tasks in transactions of its own: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_a_worker_then_stores_the_engines_result(plan):
    services.round_run_start(allocation_round=plan.round)
    queued = AllocationRound.objects.get(pk=plan.round.pk)
    assert (queued.status, queued.progress, queued.run_started_at) == ("running", 0, None)
    expected = allocate(problem_for(plan.round))

    run_worker()

    done = AllocationRound.objects.get(pk=plan.round.pk)
    assert (done.status, done.progress, done.run_error) == ("review", 100, "")
    stored = {
        student_key(a.student_id): place_key(a.place_id) if a.place_id else None
        for a in Assignment.objects.filter(student__round=done)
    }
    assert stored == dict(expected.assignment)
    assert done.metrics["share_first_choice"] == expected.metrics.share_first_choice
    assert done.metrics["students"] == 4
    first = Assignment.objects.get(student=plan.students[0])
    assert first.code == expected.explanation[student_key(plan.students[0].pk)].code


def test_a_second_worker_does_not_run_the_same_round_again(ran):
    before = ran.round.run_started_at
    services.round_run(round_id=ran.round.pk)  # already claimed and done: nothing happens
    ran.round.refresh_from_db()
    assert ran.round.run_started_at == before and ran.round.status == "review"


# The worker claims tasks in transactions of its own: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_run_that_the_engine_refuses_is_reported_and_the_round_reopens(plan):
    services.round_run_start(allocation_round=plan.round)
    # A duo the engine refuses: one names the other, who does not name back.
    a, b = plan.students[:2]
    type(a).objects.filter(pk=a.pk).update(duo_with=b)
    run_worker()
    plan.round.refresh_from_db()
    assert plan.round.status == RoundStatus.OPEN
    assert plan.round.run_error == (
        "De ronde kon niet worden uitgevoerd: "
        'students[0] (id "L01"): duo_with "L02", who does not name "L01" back'
    )


def _move(ran, student, place, confirmed=False):
    return services.assignment_move(student=student, place=place, confirmed=confirmed)


def test_a_move_that_creates_a_blocking_pair_needs_confirming(ran):
    # Taking a student off their first choice leaves a seat there that they would rather
    # have and the place would give them: a blocking pair.
    first = next(a for a in Assignment.objects.all() if a.params.get("rank") == 1)
    with pytest.raises(ValidationError) as excinfo:
        _move(ran, first.student, None)
    assert "blokkerende paren" in " ".join(excinfo.value.message_dict["confirm"])
    assert Assignment.objects.get(pk=first.pk).place == first.place  # unchanged

    moved = _move(ran, first.student, None, confirmed=True)
    assert (moved.place, moved.manual, moved.code) == (None, True, "manual")
    assert moved.history.count() == 2  # stored by the run, changed by hand


def test_a_move_to_a_full_place_is_refused(ran):
    tuesday_holder = Assignment.objects.get(place=ran.tuesday).student
    other = next(s for s in ran.students if s != tuesday_holder)
    with pytest.raises(ValidationError) as excinfo:
        _move(ran, other, ran.tuesday, confirmed=True)
    assert "is vol" in " ".join(excinfo.value.message_dict["place"])


def test_publishing_needs_a_reviewed_result(plan):
    with pytest.raises(ValidationError):
        services.round_publish(allocation_round=plan.round)


def test_after_publishing_no_move_is_possible(ran):
    services.round_publish(allocation_round=ran.round)
    assert ran.round.status == RoundStatus.PUBLISHED
    with pytest.raises(ValidationError):
        _move(ran, ran.students[0], None, confirmed=True)
