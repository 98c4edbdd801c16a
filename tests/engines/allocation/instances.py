"""Small random instances and a brute-force view of them, shared by the allocation tests."""

import random
from itertools import product

from verbindt.engines.allocation import Location, Options, Place, Problem, Student, place_priorities


def random_problem(rng: random.Random, students: int = 6, places: int = 4, **options) -> Problem:
    place_ids = [f"p{j}" for j in range(rng.randint(1, places))]
    student_ids = [f"s{i}" for i in range(rng.randint(1, students))]

    def somewhere() -> Location | None:
        return Location(52 + rng.random() / 2, 5 + rng.random() / 2) if rng.random() < 0.8 else None

    return Problem(
        students=tuple(
            Student(
                id=s,
                preferences=tuple(rng.sample(place_ids, rng.randint(0, len(place_ids)))),
                location=somewhere(),
                attributes={"consent": rng.random() < 0.8},
            )
            for s in student_ids
        ),
        places=tuple(
            Place(
                id=p,
                capacity=rng.randint(0, 3),
                ranking=(
                    tuple(rng.sample(student_ids, rng.randint(0, len(student_ids))))
                    if rng.random() < 0.5
                    else None
                ),
                location=somewhere(),
                requires={"consent": True} if rng.random() < 0.2 else {},
            )
            for p in place_ids
        ),
        options=Options(max_km=rng.choice([None, 10.0, 30.0]), seed=rng.randint(0, 99), **options),
    )


class Market:
    """The problem as plain lists: who accepts whom, in which order, and the seats."""

    def __init__(self, problem: Problem) -> None:
        self.priority = place_priorities(problem)
        self.capacity = {p.id: p.capacity for p in problem.places}
        self.prefs = {
            s.id: [p for p in s.preferences if s.id in self.priority[p] and self.capacity[p]]
            for s in problem.students
        }

    def rank(self, student: str, place: str | None) -> int:
        listed = self.prefs[student]
        return listed.index(place) if place is not None else len(listed)

    def blocking_pairs(self, assignment: dict[str, str | None]) -> set[tuple[str, str]]:
        pairs = set()
        for s, listed in self.prefs.items():
            for p in listed[: self.rank(s, assignment[s])]:
                held = [t for t, q in assignment.items() if q == p]
                order = self.priority[p]
                if len(held) < self.capacity[p] or any(
                    order.index(t) > order.index(s) for t in held
                ):
                    pairs.add((s, p))
        return pairs

    def respects_capacities(self, assignment: dict[str, str | None]) -> bool:
        return all(
            sum(1 for q in assignment.values() if q == p) <= cap for p, cap in self.capacity.items()
        )

    def stable_matchings(self) -> list[dict[str, str | None]]:
        students = list(self.prefs)
        found = []
        for choice in product(*([None, *self.prefs[s]] for s in students)):
            assignment = dict(zip(students, choice, strict=True))
            if self.respects_capacities(assignment) and not self.blocking_pairs(assignment):
                found.append(assignment)
        return found
