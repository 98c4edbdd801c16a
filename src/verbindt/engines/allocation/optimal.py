"""Optimal mode: the allocation with the lowest total cost, as a min-cost flow (OR-Tools).

The cost of placing a student is ``RANK_STEP`` for each step down their own list (nothing
for a first choice) plus ``PER_KM`` per kilometre of distance when both locations are known;
leaving a student unassigned costs ``UNASSIGNED``, so everyone can be unassigned but the
optimiser places as many students as it reasonably can. The network: each single student
and each duo supplies its seats, each arc to an acceptable place carries at most the unit's
size, each place passes at most its capacity on to the sink, and each unit has an arc
straight to the sink at the unassigned cost. Without duos that is one node per student,
numbered as in the input, and one arc per acceptable pair, all added in one call.

A duo's arcs go only to places acceptable to both; the flow may still give it one seat at
each of two places, or one seat and none: the duo is then split, each member taking the seat
that costs the pair least. Duo arcs cost the sum of both members' costs per seat, so when
there are duos every other cost is doubled to keep the flow in integers; the objective
reported is the real one.
"""

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from .instance import Instance, Ints
from .units import Units

RANK_STEP = 100
PER_KM = 4
UNASSIGNED = 10_000


def placement_costs(rank: Ints, km: NDArray[np.float64]) -> Ints:
    """The cost of each placement at the given 1-based ranks and distances (negative:
    unknown)."""
    return RANK_STEP * (rank - 1) + np.where(km >= 0, np.round(PER_KM * km), 0).astype(np.int64)


class SolverError(RuntimeError):
    pass


def min_cost_allocation(instance: Instance, units: Units) -> tuple[list[int], list[int]]:
    """Place each unit at least total cost; returns per unit the place index and the entry
    of ``units`` it was placed by (-1 and -1 when unassigned), split duos' members as units
    of their own."""
    n, n_places = len(instance.student_ids), len(instance.capacity)
    unit_student = np.array(units.student, dtype=np.int64)
    singles = np.flatnonzero(np.array(units.alive, dtype=bool) & (unit_student >= 0))
    single_unit = np.full(n, -1, dtype=np.int64)
    single_unit[unit_student[singles]] = singles
    duos = [u for u in units.duos if units.alive[u]]
    scale = 2 if duos else 1
    costs = placement_costs(instance.rank, instance.km)

    # Nodes: students (those in a duo stay isolated), duos, places, the sink.
    first_place = n + len(duos)
    sink = first_place + n_places
    entries = np.flatnonzero(single_unit[instance.student] >= 0)
    tails = [instance.student[entries]]
    heads = [first_place + instance.place[entries]]
    arc_costs = [scale * costs[entries]]
    duo_entries: list[int] = []
    for d, u in enumerate(duos):
        span = range(units.start[u], units.end[u])
        a, b = (_costs_at(instance, costs, s) for s in units.members[u])
        places = units.place[units.start[u] : units.end[u]].tolist()
        duo_entries += span
        tails.append(np.full(len(span), n + d))
        heads.append(first_place + np.array(places, dtype=np.int64))
        arc_costs.append(np.array([a[p] + b[p] for p in places], dtype=np.int64))
    choice_tails = np.concatenate(tails)
    choices = len(choice_tails)
    supplied = np.concatenate([np.flatnonzero(single_unit >= 0), n + np.arange(len(duos))])
    supply = np.concatenate(
        [np.ones(len(supplied) - len(duos), dtype=np.int64), np.full(len(duos), 2)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(  # concatenated straight into the solver's types
        np.concatenate([choice_tails, supplied, np.arange(first_place, sink)], dtype=np.int32),
        np.concatenate([*heads, np.full(len(supplied) + n_places, sink)], dtype=np.int32),
        np.concatenate(
            [
                np.where(choice_tails >= n, 2, 1),
                supply,
                np.array(instance.capacity, dtype=np.int64),
            ],
            dtype=np.int64,
        ),
        np.concatenate(
            [*arc_costs, np.full(len(supplied), scale * UNASSIGNED), np.zeros(n_places, np.int64)],
            dtype=np.int64,
        ),
    )
    flow.set_nodes_supplies(
        np.append(supplied, sink).astype(np.int32),
        np.append(supply, -supply.sum()).astype(np.int64),
    )
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"min-cost flow ended with status {status}")

    flows = flow.flows(np.arange(choices, dtype=np.int32))
    taken = entries[np.flatnonzero(flows[: len(entries)])]
    placed = single_unit[instance.student[taken]]
    unit_place = np.full(len(units.members), -1, dtype=np.int64)
    unit_place[placed] = instance.place[taken]
    unit_slot = np.full(len(units.members), -1, dtype=np.int64)
    unit_slot[placed] = taken
    place_of, slot_of = unit_place.tolist(), unit_slot.tolist()
    seats: dict[int, list[int]] = {}
    for arc in (len(entries) + np.flatnonzero(flows[len(entries) :])).tolist():
        d = int(choice_tails[arc]) - n
        seats.setdefault(duos[d], []).extend([duo_entries[arc - len(entries)]] * int(flows[arc]))
    for u, held in seats.items():
        _seat_duo(instance, units, costs, place_of, slot_of, u, held)
    return place_of, slot_of


def _seat_duo(
    instance: Instance,
    units: Units,
    costs: Ints,
    place_of: list[int],
    slot_of: list[int],
    u: int,
    held: list[int],
) -> None:
    """Place duo ``u`` by the entries the flow gave its seats; split it when they are not
    two seats at one place, each member taking the seat that costs the pair least."""
    if len(held) == 2 and held[0] == held[1]:
        place_of[u], slot_of[u] = int(units.place[held[0]]), held[0]
        return
    first, second = units.split(instance, u)
    place_of += [-1, -1]
    slot_of += [-1, -1]
    a, b = (_costs_at(instance, costs, s) for s in units.members[u])
    p, q = ([int(units.place[i]) for i in held] + [-1])[:2]
    if _pair_cost(a, b, q, p) < _pair_cost(a, b, p, q):
        p, q = q, p
    for unit, place in ((first, p), (second, q)):
        if place != -1:
            span = range(units.start[unit], units.end[unit])
            slot_of[unit] = next(i for i in span if units.place[i] == place)
            place_of[unit] = place


def _costs_at(instance: Instance, costs: Ints, s: int) -> dict[int, int]:
    span = slice(instance.start[s], instance.end[s])
    return dict(zip(instance.place[span].tolist(), costs[span].tolist(), strict=True))


def _pair_cost(a: dict[int, int], b: dict[int, int], p: int, q: int) -> int:
    return a.get(p, UNASSIGNED) + b.get(q, UNASSIGNED)
