"""Blocking pairs of any assignment, also one adjusted by hand.

A student and a place block when the student prefers the place to what they have, and the
place would take them: it has a free seat, or it holds someone it ranks lower. Places rank
applicants as the engine does (``place_priorities``). Members of a duo count as single
students, as the engine counts a split duo.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from verbindt.engines.allocation import Problem, place_priorities


@dataclass(frozen=True)
class Blocking:
    student: str
    place: str


def blocking_pairs(problem: Problem, assignment: Mapping[str, str | None]) -> list[Blocking]:
    position = {
        place: {student: i for i, student in enumerate(ranked)}
        for place, ranked in place_priorities(problem).items()
    }
    capacity = {place.id: place.capacity for place in problem.places}
    seated: dict[str, list[str]] = defaultdict(list)
    for student, place in assignment.items():
        if place is not None:
            seated[place].append(student)
    # Each place's lowest-ranked student, once; someone put there by hand whom the place would
    # not accept ranks below everyone.
    lowest = {
        place: max((ranks.get(s, len(ranks)) for s in seated[place]), default=-1)
        for place, ranks in position.items()
    }
    pairs = []
    for student in problem.students:
        for place in student.preferences:
            if place == assignment.get(student.id):
                break
            rank = position[place].get(student.id)
            if rank is None:  # the place does not accept this student
                continue
            if len(seated[place]) < capacity[place] or lowest[place] > rank:
                pairs.append(Blocking(student.id, place))
    return pairs
