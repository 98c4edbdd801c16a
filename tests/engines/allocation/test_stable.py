"""Stable mode: the student-optimal stable matching, checked against brute force and `matching`."""

import random
import warnings
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from verbindt.engines.allocation import Location, Options, Place, Problem, Student, allocate

from .instances import Market, random_problem

seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=150, deadline=None)
@given(seeds)
def test_it_leaves_no_blocking_pair_and_respects_capacities(seed):
    problem = random_problem(random.Random(seed), students=8)
    result = allocate(problem)
    market = Market(problem)
    assignment = dict(result.assignment)
    assert market.respects_capacities(assignment)
    assert market.blocking_pairs(assignment) == set()
    assert result.metrics.blocking_pairs == 0
    assert all(p is None or s in market.priority[p] for s, p in assignment.items())


@settings(max_examples=100, deadline=None)
@given(seeds)
def test_every_student_gets_their_best_place_among_all_stable_matchings(seed):
    problem = random_problem(random.Random(seed), students=5, places=3)
    market = Market(problem)
    assignment = dict(allocate(problem).assignment)
    stable = market.stable_matchings()
    assert assignment in stable
    for s in assignment:
        assert market.rank(s, assignment[s]) == min(market.rank(s, m[s]) for m in stable)


@settings(max_examples=100, deadline=None)
@given(seeds, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_input(seed, shuffler):
    problem = random_problem(random.Random(seed), students=8)

    def shuffled(items):
        items = list(items)
        shuffler.shuffle(items)
        return tuple(items)

    reordered = replace(
        problem,
        students=shuffled(problem.students),
        places=shuffled(problem.places),
    )
    first, second = allocate(problem), allocate(reordered)
    assert dict(first.assignment) == dict(second.assignment)
    assert first.metrics == second.metrics


@settings(max_examples=150, deadline=None)
@given(seeds)
def test_it_is_identical_to_the_matching_library(seed):
    problem = random_problem(random.Random(seed), students=12, places=6)
    market = Market(problem)
    residents = {s: listed for s, listed in market.prefs.items() if listed}
    hospitals = {
        p: [s for s in order if s in residents and p in residents[s]]
        for p, order in market.priority.items()
        if market.capacity[p]
    }
    expected = dict.fromkeys(market.prefs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {p: market.capacity[p] for p in hospitals}
        )
        for hospital, matched in game.solve(optimal="resident").items():
            expected.update(dict.fromkeys((r.name for r in matched), hospital.name))
    assert dict(allocate(problem).assignment) == expected


def _two_students_one_seat(seed: int, near_first: bool) -> Problem:
    near, far = Location(52.0, 5.0), Location(52.5, 5.5)
    return Problem(
        students=(
            Student("a", ("p",), location=near if near_first else far),
            Student("b", ("p",), location=far if near_first else near),
            Student("c", ("p",)),
        ),
        places=(Place("p", 1, location=Location(52.0, 5.01)),),
        options=Options(seed=seed),
    )


def test_by_default_a_place_takes_the_nearest_student():
    assert allocate(_two_students_one_seat(1, True)).assignment["a"] == "p"
    assert allocate(_two_students_one_seat(1, False)).assignment["b"] == "p"


def test_equally_near_students_are_separated_by_a_seeded_lottery():
    def winner(seed):
        problem = Problem(
            students=tuple(Student(f"s{i}", ("p",)) for i in range(20)),
            places=(Place("p", 1),),
            options=Options(seed=seed),
        )
        return next(s for s, p in allocate(problem).assignment.items() if p)

    assert winner(3) == winner(3)
    assert len({winner(seed) for seed in range(10)}) > 1


def test_each_unassigned_student_is_told_precisely_why():
    problem = Problem(
        students=(
            Student("none", ()),
            Student("far", ("p2",), location=Location(53.5, 7.0)),
            Student("unmet", ("p3",), attributes={"consent": False}),
            Student("unranked", ("p1",)),
            Student("first", ("p1",)),
            Student("late", ("p1",), location=Location(52.0, 5.2)),
            Student("mixed", ("p2", "p3"), location=Location(53.5, 7.0)),
        ),
        places=(
            Place("p1", 1, ranking=("first", "late")),
            Place("p2", 1, location=Location(52.0, 5.0)),
            Place("p3", 1, requires={"consent": True}),
        ),
        options=Options(max_km=25),
    )
    result = allocate(problem)
    codes = {s: r.code for s, r in result.unassigned.items()}
    assert codes == {
        "none": "no_preferences",
        "far": "too_far",
        "unmet": "requirement_not_met",
        "unranked": "not_ranked",
        "late": "places_full",
        "mixed": "nothing_acceptable",
    }
    assert result.unassigned["late"].params == {"passed": {"p1": "full"}}
    assert result.unassigned["mixed"].params["passed"] == {
        "p2": "too_far",
        "p3": "requirement_not_met",
    }
    assert result.explanation["first"].text == "Placed at p1, your 1st choice."
    assert result.unassigned["mixed"].text == (
        "Not placed: no place you listed can take you: p2 (further than the maximum distance); "
        "p3 (you do not meet its requirements)."
    )
    assert result.metrics.unassigned == 6
    assert result.metrics.share_first_choice == round(1 / 7, 4)
