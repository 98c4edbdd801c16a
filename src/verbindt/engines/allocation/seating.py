"""The seats at the end of a run, and who could still claim one: blocking pairs.

A unit (a student, or a duo placed together) and a place block when the unit prefers the
place to what it has (or has nothing) and the place could seat it by giving up only units it
ranks lower: free seats plus the seats of lower-ranked units cover the unit's size. Without
duos this is the textbook definition; stable mode without duos never has a blocking pair,
and checking that costs one look at each place a student prefers to their own.
Members of a split duo count as single students.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .instance import UNKNOWN_KM, Instance, Ints
from .units import Units


@dataclass(slots=True)
class Seating:
    """Per student: their live unit, their own entry at their place (-1: unassigned) and,
    from it, the place (-1), the rank (0), the distance (``UNKNOWN_KM``) and the place's id
    (``None``)."""

    unit: Ints
    entry: Ints
    place: Ints
    rank: Ints
    km: NDArray[np.float64]
    place_id: list[str | None]
    together: list[int]  # the students placed with their duo partner


def seat(instance: Instance, units: Units, place_of: list[int], slot_of: list[int]) -> Seating:
    n = len(instance.student_ids)
    unit_student = np.array(units.student, dtype=np.int64)
    alive = np.array(units.alive, dtype=bool)
    singles = np.flatnonzero(alive & (unit_student >= 0))
    unit_of = np.full(n, -1, dtype=np.int64)
    unit_of[unit_student[singles]] = singles
    entries = np.full(n, -1, dtype=np.int64)
    entries[unit_student[singles]] = np.array(slot_of)[singles]
    together = []
    for u in units.duos:
        if not units.alive[u]:
            continue
        for s in units.members[u]:
            unit_of[s] = u
            together.append(s)
            if place_of[u] != -1:  # a duo's entry is its own; find the member's
                start = int(instance.start[s])
                listed = instance.place[start : instance.end[s]].tolist()
                entries[s] = start + listed.index(place_of[u])
    place = np.append(instance.place, -1)[entries]
    return Seating(  # entry -1 picks the value appended for the unassigned
        unit=unit_of,
        entry=entries,
        place=place,
        rank=np.append(instance.rank, 0)[entries],
        km=np.append(instance.km, UNKNOWN_KM)[entries],
        place_id=np.array([*instance.place_ids, None], dtype=object)[place].tolist(),
        together=together,
    )


def blocking_pairs(
    instance: Instance, units: Units, seating: Seating, place_of: list[int], slot_of: list[int]
) -> list[tuple[int, int]]:
    """(unit, entry of ``units``) pairs: units in index order, each unit's places best first.

    Single students are checked all at once: each entry above a student's own (all of them,
    when unassigned) blocks when its place has a free seat or holds someone it ranks lower.
    Duos, being rare, are checked one by one."""
    n_places = len(instance.capacity)
    placed = np.flatnonzero(seating.entry >= 0)
    held_at = seating.place[placed]
    free = np.array(instance.capacity) - np.bincount(held_at, minlength=n_places)
    worst = np.full(n_places, -1, dtype=np.int64)  # the key of the lowest-ranked held student
    np.maximum.at(worst, held_at, instance.key[seating.entry[placed]])

    cutoff = np.where(seating.entry >= 0, seating.entry, instance.end)
    cutoff[seating.together] = instance.start[seating.together]
    above = np.flatnonzero(np.arange(len(instance.place)) < cutoff[instance.student])
    at = instance.place[above]
    blocking = above[(free[at] > 0) | (worst[at] > instance.key[above])]
    blockers = seating.unit[instance.student[blocking]].tolist()
    pairs = list(zip(blockers, blocking.tolist(), strict=True))
    if seating.together:
        pairs += _duo_pairs(instance, units, place_of, slot_of)
    return sorted(pairs)


def _duo_pairs(
    instance: Instance, units: Units, place_of: list[int], slot_of: list[int]
) -> list[tuple[int, int]]:
    held: list[list[tuple[int, int]]] = [[] for _ in instance.capacity]  # (key, seats)
    free = instance.capacity.copy()
    for u, p in enumerate(place_of):
        if p != -1:
            size = len(units.members[u])
            held[p].append((int(units.key[slot_of[u]]), size))
            free[p] -= size
    pairs = []
    for u in units.duos:
        if not units.alive[u]:
            continue
        end = units.end[u] if place_of[u] == -1 else slot_of[u]
        for i in range(units.start[u], end):
            p, key = int(units.place[i]), int(units.key[i])
            if free[p] + sum(seats for other, seats in held[p] if other > key) >= 2:
                pairs.append((u, i))
    return pairs
