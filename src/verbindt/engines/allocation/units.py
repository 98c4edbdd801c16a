"""Who is placed as one: a single student, or a duo needing two seats at one place.

A duo's places are those acceptable to both members with at least two seats, ordered by
the sum of the members' ranks, then by the worse of the two ranks, then by place id. A place
ranks a duo as its lower-ranked member: it takes the duo only when it would take both.

Each unit's places, best first, are the entries ``start[u]`` to ``end[u]`` of the arrays
``place`` and ``key``: a single student's are the instance's own entries, the duos' follow
them. Units are numbered in the order of their first member's id, so every solver that
walks them in index order gives the same result whatever the order of the input.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .instance import Instance, Ints


@dataclass(slots=True)
class Units:
    members: list[tuple[int, ...]]
    student: list[int]  # a single unit's student, -1 for a duo
    start: list[int]
    end: list[int]
    place: Ints
    key: Ints
    alive: list[bool]  # False for a duo that was split; its members then have units of their own
    duos: list[int]  # the duo units

    def add_single(self, instance: Instance, s: int) -> int:
        self.members.append((s,))
        self.student.append(s)
        self.start.append(int(instance.start[s]))
        self.end.append(int(instance.end[s]))
        self.alive.append(True)
        return len(self.members) - 1

    def split(self, instance: Instance, u: int) -> tuple[int, int]:
        """Retire duo ``u``; its members become single units (returned in id order)."""
        self.alive[u] = False
        first, second = self.members[u]
        return self.add_single(instance, first), self.add_single(instance, second)


def build_units(instance: Instance) -> Units:
    """Singles and duos; a duo with no place acceptable to both starts out split."""
    partner, ids, by_id = instance.partner, instance.student_ids, instance.by_id
    if max(partner, default=-1) == -1:  # no duos: one unit per student, quickly
        return Units(
            members=[(s,) for s in by_id],
            student=by_id.copy(),
            start=instance.start[by_id].tolist(),
            end=instance.end[by_id].tolist(),
            place=instance.place,
            key=instance.key,
            alive=[True] * len(by_id),
            duos=[],
        )
    units = Units([], [], [], [], instance.place, instance.key, [], [])
    joint: list[tuple[int, int]] = []  # (place, key) of the duos' entries
    for s in by_id:
        if partner[s] == -1:
            units.add_single(instance, s)
        elif ids[s] < ids[partner[s]]:
            options = _joint_places(instance, s, partner[s])
            units.members.append((s, partner[s]))
            units.student.append(-1)
            units.start.append(len(instance.place) + len(joint))
            joint += options
            units.end.append(len(instance.place) + len(joint))
            units.alive.append(True)
            units.duos.append(len(units.members) - 1)
            if not options:
                units.split(instance, len(units.members) - 1)
    duo_place, duo_key = np.array(joint, dtype=np.int64).reshape(-1, 2).T
    units.place = np.concatenate([instance.place, duo_place])
    units.key = np.concatenate([instance.key, duo_key])
    return units


def _joint_places(instance: Instance, a: int, b: int) -> list[tuple[int, int]]:
    """The duo's places, best first, each with the key of its lower-ranked member."""
    of_b = {p: (rank, key) for p, rank, key in _entries(instance, b)}
    options = []
    for p, rank_a, key_a in _entries(instance, a):
        if p in of_b and instance.capacity[p] >= 2:
            rank_b, key_b = of_b[p]
            order = (rank_a + rank_b, max(rank_a, rank_b), instance.place_ids[p])
            options.append((order, p, max(key_a, key_b)))
    options.sort()
    return [(p, key) for _, p, key in options]


def _entries(instance: Instance, s: int) -> Iterator[tuple[int, int, int]]:
    """Place, rank and key of each of ``s``'s entries, best first."""
    span = slice(instance.start[s], instance.end[s])
    return zip(
        instance.place[span].tolist(),
        instance.rank[span].tolist(),
        instance.key[span].tolist(),
        strict=True,
    )
