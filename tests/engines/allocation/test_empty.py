"""An input with nobody or nowhere is a result, not a crash (the command-line tool takes any
valid document, e.g. a class whose places are not entered yet)."""

import pytest

from verbindt.engines.allocation import Options, Place, Problem, Student, allocate
from verbindt.engines.allocation.optimal import UNASSIGNED

MODES = ["stable", "optimal"]


@pytest.mark.parametrize("mode", MODES)
def test_students_without_places_are_all_unassigned_with_the_reason(mode):
    problem = Problem((Student("a", ()), Student("b", ())), (), Options(mode=mode))
    result = allocate(problem)
    assert result.assignment == {"a": None, "b": None}
    assert {s: r.code for s, r in result.unassigned.items()} == {
        "a": "no_preferences",
        "b": "no_preferences",
    }
    assert (result.metrics.unassigned, result.metrics.seats, result.metrics.cost) == (
        2,
        0,
        2 * UNASSIGNED,
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("places", [(), (Place("p", 2),)])
def test_no_students_gives_an_empty_result(mode, places):
    result = allocate(Problem((), places, Options(mode=mode)))
    assert (result.assignment, result.unassigned, result.blocking_pairs) == ({}, {}, ())
    assert (result.metrics.students, result.metrics.assigned, result.metrics.cost) == (0, 0, 0)
