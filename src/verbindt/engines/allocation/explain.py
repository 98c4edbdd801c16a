"""Per student: why they got what they got, as a code and parameters (``Explanation``).

The parameters name the student's place and rank, and for every place they listed higher
(or, when unassigned, every place they listed) why it is not theirs: one of
``wording.CAUSES``. The code of an unassigned student summarises those causes. The English
sentence is worded from code and parameters when it is read (``wording.sentence``).

A single student's causes are known per listing position before any student is looked at:
the cause that made the pair unacceptable, else ``full``, or ``had_room`` where the pair
blocks. So each student's ``passed`` is a slice of one list; duos, being rare, are worked
out one by one.
"""

from typing import Any

import numpy as np

from .instance import EXCLUSIONS, Instance
from .model import Explanation
from .seating import Seating
from .units import Units
from .wording import (
    FULL,
    HAD_ROOM,
    NO_PREFERENCES,
    NOT_FOR_DUO,
    NOTHING_ACCEPTABLE,
    PASSED_OVER,
    PLACED,
    PLACES_FULL,
)

# ``Instance.cause`` codes to causes; 0 (acceptable) reads as full until shown otherwise.
_CAUSE = np.array([FULL, *EXCLUSIONS, HAD_ROOM], dtype=object)
_HAD_ROOM = len(_CAUSE) - 1


def explain(
    instance: Instance,
    units: Units,
    seating: Seating,
    slot_of: list[int],
    pairs: list[tuple[int, int]],
) -> list[Explanation]:
    """One explanation per student; ``slot_of`` per unit as the solvers return it, ``pairs``
    the blocking pairs as ``seating.blocking_pairs`` returns them."""
    singles = len(instance.place)  # entries of ``units`` from here on are duos'
    codes = instance.cause.copy()
    codes[instance.listing(np.array([i for _, i in pairs if i < singles], dtype=np.int64))] = (
        _HAD_ROOM
    )
    why: list[str] = _CAUSE[codes].tolist()
    reasons: list[Explanation] = []
    add = reasons.append
    for rank, place, a, listed in zip(
        seating.rank.tolist(),
        seating.place_id,
        instance.first.tolist(),
        instance.preferences,
        strict=True,
    ):
        # ``listed`` is not sliced: zip stops at the end of the causes taken
        if rank == 1:
            add(Explanation(PLACED, {"place": place, "rank": 1}))
        elif rank:
            passed = dict(zip(listed, why[a : a + rank - 1], strict=False))
            add(Explanation(PLACED, {"place": place, "rank": rank, "passed": passed}))
        else:
            passed = dict(zip(listed, why[a : a + len(listed)], strict=True))
            add(Explanation(_unassigned_code(passed), {"passed": passed} if passed else {}))
    if max(instance.partner, default=-1) != -1:
        room = {i for _, i in pairs if i >= singles}
        for s in range(len(reasons)):
            if instance.partner[s] != -1:
                _explain_duo(instance, units, seating, slot_of, room, why, reasons, s)
    return reasons


def _explain_duo(
    instance: Instance,
    units: Units,
    seating: Seating,
    slot_of: list[int],
    room: set[int],
    why: list[str],
    reasons: list[Explanation],
    s: int,
) -> None:
    """Add the partner to ``s``'s explanation and, when the duo is together, redo ``passed``:
    the places above the duo's own count against the duo, not against ``s``."""
    u = int(seating.unit[s])
    together = len(units.members[u]) == 2
    if together:
        rank = int(seating.rank[s])
        above = units.end[u] if not rank else slot_of[u]
        joint = {
            p: units.start[u] + k
            for k, p in enumerate(units.place[units.start[u] : above].tolist())
        }
        a = int(instance.first[s])
        listed = instance.preferences[s][: rank - 1 if rank else None]
        acceptable = iter(instance.place[instance.start[s] : instance.end[s]].tolist())
        passed = {}
        for place_id, cause in zip(listed, why[a : a + len(listed)], strict=True):
            if cause == FULL:  # an acceptable place, so the next entry: judge it as the duo's
                i = joint.get(next(acceptable))
                cause = NOT_FOR_DUO if i is None else HAD_ROOM if i in room else FULL
            passed[place_id] = cause
        params: dict[str, Any] = {"passed": passed} if passed else {}
        if rank:
            params = {"place": instance.place_ids[int(seating.place[s])], "rank": rank, **params}
        reasons[s] = Explanation(PLACED if rank else _unassigned_code(passed), params)
    duo = {"partner": instance.student_ids[instance.partner[s]], "together": together}
    reasons[s] = Explanation(reasons[s].code, {**reasons[s].params, "duo": duo})


def _unassigned_code(passed: dict[str, str]) -> str:
    if not passed:
        return NO_PREFERENCES
    causes = set(passed.values())
    if HAD_ROOM in causes:
        return PASSED_OVER
    if causes & {FULL, NOT_FOR_DUO}:
        return PLACES_FULL
    if len(causes) == 1:
        return causes.pop()
    return NOTHING_ACCEPTABLE
