"""Duos: placed together where a place has two seats for them, split honestly where not."""

from verbindt.engines.allocation import Options, Place, Problem, Student, allocate


def duo(*places_a, places_b=None, **extra):
    return (
        Student("a", tuple(places_a), duo_with="b", **extra),
        Student("b", tuple(places_b if places_b is not None else places_a), duo_with="a", **extra),
    )


def test_a_duo_takes_two_seats_at_one_place():
    problem = Problem(duo("p1", "p2"), (Place("p1", 1), Place("p2", 2)))
    result = allocate(problem)
    assert dict(result.assignment) == {"a": "p2", "b": "p2"}
    assert result.metrics.duos_kept == 1
    assert result.explanation["a"].params["duo"] == {"partner": "b", "together": True}
    assert result.explanation["a"].params["passed"] == {"p1": "not_for_duo"}


def test_a_duo_follows_the_lowest_rank_sum_of_its_members():
    problem = Problem(
        duo("p1", "p2", "p3", places_b=("p3", "p2", "p1")),
        tuple(Place(p, 2) for p in ("p1", "p2", "p3")),
    )
    assert dict(allocate(problem).assignment) == {"a": "p2", "b": "p2"}


def test_a_place_ranks_a_duo_as_its_lower_ranked_member():
    problem = Problem(
        (*duo("p"), Student("c", ("p",))),
        (Place("p", 2, ranking=("a", "c", "b")),),
    )
    result = allocate(problem)
    assert dict(result.assignment) == {"a": "p", "b": None, "c": "p"}
    assert result.metrics.duos_split == 1
    assert "Apart from your duo partner b" in result.explanation["a"].text


def test_a_duo_with_no_room_together_is_split_and_says_so():
    problem = Problem(duo("p1", "p2"), (Place("p1", 1), Place("p2", 1)))
    for mode in ("stable", "optimal"):
        result = allocate(Problem(problem.students, problem.places, Options(mode=mode)))
        assert sorted(result.assignment.values()) == ["p1", "p2"]
        assert result.metrics.duos_split == 1
        assert result.explanation["b"].params["duo"]["together"] is False


def test_the_optimiser_keeps_a_duo_together_when_that_costs_least():
    problem = Problem(
        (*duo("p1", "p2"), Student("c", ("p1",))),
        (Place("p1", 1), Place("p2", 2)),
        Options(mode="optimal"),
    )
    result = allocate(problem)
    assert dict(result.assignment) == {"a": "p2", "b": "p2", "c": "p1"}
    assert result.metrics.duos_kept == 1


def test_a_blocking_pair_left_by_a_duo_is_reported_not_hidden():
    # With duos a stable matching need not exist; here p0 ends with a free seat that c and d,
    # rejected while the duo held it, would take.
    problem = Problem(
        (
            Student("a", ("p0", "p1"), duo_with="b"),
            Student("b", ("p1", "p0"), duo_with="a"),
            Student("c", ("p0", "p1")),
            Student("d", ("p0",)),
            Student("e", ("p0", "p1")),
        ),
        (
            Place("p0", 2, ranking=("a", "e", "b", "d", "c")),
            Place("p1", 3, ranking=("b", "e", "d", "c", "a")),
        ),
    )
    result = allocate(problem)
    assert dict(result.assignment) == {"a": "p1", "b": "p1", "c": "p1", "d": None, "e": "p0"}
    assert {(bp.students, bp.place) for bp in result.blocking_pairs} == {
        (("c",), "p0"),
        (("d",), "p0"),
    }
    assert result.unassigned["d"].code == "passed_over"
    assert result.explanation["c"].params["passed"] == {"p0": "had_room"}
