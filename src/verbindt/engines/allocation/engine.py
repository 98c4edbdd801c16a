"""``allocate``: validate, compile, solve in the chosen mode, then measure and explain."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from .buddies import pair_buddies
from .explain import explain
from .instance import compile_instance
from .metrics import measure
from .model import BlockingPair, Problem, Result
from .optimal import min_cost_allocation
from .seating import blocking_pairs, seat
from .stable import deferred_acceptance
from .units import build_units
from .validate import validate


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A run makes a few small objects per student (heap entries, explanations) and no
    reference cycles, so reference counting frees all it discards. Left on, the cycle
    collector would still walk the caller's whole heap now and then (for a national run the
    parsed document and the ``Problem`` alone are hundreds of thousands of objects), which
    measured as costly as the solve itself. It is switched back on as the caller had it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def allocate(problem: Problem) -> Result:
    """Raises ``AllocationInputError`` naming every problem of the input."""
    with _without_cycle_collection():
        return _allocate(problem)


def _allocate(problem: Problem) -> Result:
    instance = compile_instance(problem, validate(problem))
    units = build_units(instance)
    mode = problem.options.mode
    solve = deferred_acceptance if mode == "stable" else min_cost_allocation
    place_of, slot_of = solve(instance, units)
    seating = seat(instance, units, place_of, slot_of)
    pairs = blocking_pairs(instance, units, seating, place_of, slot_of)
    reasons = explain(instance, units, seating, slot_of, pairs)

    ids, place_ids = instance.student_ids, instance.place_ids
    return Result(
        mode=mode,
        assignment=dict(zip(ids, seating.place_id, strict=True)),
        unassigned={ids[s]: reasons[s] for s in np.flatnonzero(seating.rank == 0).tolist()},
        explanation=dict(zip(ids, reasons, strict=True)),
        blocking_pairs=tuple(
            [
                BlockingPair(tuple(map(ids.__getitem__, units.members[u])), place_ids[place])
                for (u, _), place in zip(
                    pairs, units.place[[i for _, i in pairs]].tolist(), strict=True
                )
            ]
        ),
        metrics=measure(instance, units, seating, len(pairs)),
        buddies=None if problem.buddies is None else pair_buddies(problem),
    )
