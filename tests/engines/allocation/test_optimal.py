"""Optimal mode: the min-cost objective of OR-Tools alone, and every blocking pair reported."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.graph.python import min_cost_flow

from verbindt.engines.allocation import allocate
from verbindt.engines.allocation.geo import haversine_km
from verbindt.engines.allocation.optimal import UNASSIGNED, placement_costs

from .instances import Market, random_problem


def flow_alone(problem, market: Market) -> int:
    """The optimum, built straight from the problem with OR-Tools and nothing else."""
    places = {p.id: (j, p) for j, p in enumerate(problem.places)}
    n = len(problem.students)
    flow = min_cost_flow.SimpleMinCostFlow()
    for i, student in enumerate(problem.students):
        flow.add_arc_with_capacity_and_unit_cost(i, n + len(places), 1, UNASSIGNED)
        for place_id in market.prefs[student.id]:
            j, place = places[place_id]
            known = student.location is not None and place.location is not None
            km = haversine_km(student.location, place.location) if known else -1
            rank = student.preferences.index(place_id) + 1
            flow.add_arc_with_capacity_and_unit_cost(
                i, n + j, 1, int(placement_costs(np.array([rank]), np.array([km]))[0])
            )
    for j, place in places.values():
        flow.add_arc_with_capacity_and_unit_cost(n + j, n + len(places), place.capacity, 0)
    for i in range(n):
        flow.set_node_supply(i, 1)
    flow.set_node_supply(n + len(places), -n)
    assert flow.solve() == flow.OPTIMAL
    return flow.optimal_cost()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_its_objective_is_the_min_cost_flow_optimum_and_its_blocking_pairs_are_all_there(seed):
    problem = random_problem(random.Random(seed), students=8, places=4, mode="optimal")
    market = Market(problem)
    result = allocate(problem)
    assignment = dict(result.assignment)
    assert market.respects_capacities(assignment)
    assert result.metrics.cost == flow_alone(problem, market)
    reported = {(pair.students[0], pair.place) for pair in result.blocking_pairs}
    assert reported == market.blocking_pairs(assignment)
    assert result.metrics.blocking_pairs == len(reported)
