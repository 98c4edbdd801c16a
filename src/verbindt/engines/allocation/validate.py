"""Semantic checks of a ``Problem``: what a JSON Schema cannot say.

Every problem names its item the way a person finds it in the file, e.g.
``students[3] (id "s4"): preferences names unknown place "p99"``. All problems are
collected (up to ``MAX_PROBLEMS``) and raised together, so one run shows what to fix.

Checking the references resolves them: each id in preferences and rankings is looked up
once, and the indices found are what the engine compiles the problem from (``References``).
A national run lists hundreds of thousands of them, so the checks run on the indices in
bulk and only the items found wanting are looked at one by one to word their message.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from numpy.typing import NDArray

from .model import BuddyStudent, Elderly, MboStudent, Problem

MAX_PROBLEMS = 50


class _Index(dict[str, int]):
    """Ids to indices; an unknown id is -1."""

    def __missing__(self, key: str) -> int:
        return -1


@dataclass(slots=True)
class References:
    """The ids in preferences and rankings, resolved to indices (-1: unknown).

    Every listed place is a *pair* (student, place), student by student in their order;
    every student a ranking names is a (place, student) *ranking position*, ranking by
    ranking. ``ranking_order`` sorts the ranking positions by place, then student, and
    ``ranking_codes`` are their ``codes`` in that order: validation finds twins in them, and
    the compiler matches pairs to positions with them (``instance._apply_rankings``)."""

    student_index: dict[str, int]
    place_index: dict[str, int]
    listed: list[int]  # per student
    pair_student: NDArray[np.int64]
    pair_place: NDArray[np.int64]
    ranked: list[int]  # the places with a ranking
    ranking_lengths: list[int]
    ranking_place: NDArray[np.int64]
    ranking_student: NDArray[np.int64]
    ranking_order: NDArray[np.int64]
    ranking_codes: NDArray[np.int64]  # sorted


def resolve(problem: Problem) -> References:
    students, places = problem.students, problem.places
    student_index = _Index(zip([s.id for s in students], range(len(students)), strict=True))
    place_index = _Index(zip([p.id for p in places], range(len(places)), strict=True))
    preferences = [student.preferences for student in students]
    listed = list(map(len, preferences))
    ranked = [p for p, place in enumerate(places) if place.ranking is not None]
    rankings = [places[p].ranking or () for p in ranked]
    lengths = list(map(len, rankings))
    ranking_place = np.repeat(np.array(ranked, dtype=np.int64), lengths)
    ranking_student = _indices(student_index, chain.from_iterable(rankings), sum(lengths))
    ranking_codes = codes(ranking_place, ranking_student, len(students))
    ranking_order = np.argsort(ranking_codes, kind="stable")
    return References(
        student_index=student_index,
        place_index=place_index,
        listed=listed,
        pair_student=np.repeat(np.arange(len(students)), listed),
        pair_place=_indices(place_index, chain.from_iterable(preferences), sum(listed)),
        ranked=ranked,
        ranking_lengths=lengths,
        ranking_place=ranking_place,
        ranking_student=ranking_student,
        ranking_order=ranking_order,
        ranking_codes=ranking_codes[ranking_order],
    )


def codes(first: NDArray[np.int64], second: NDArray[np.int64], width: int) -> NDArray[np.int64]:
    """One integer per (first, second) index pair, ordered as the pairs, -1 allowed in
    ``second`` (an unknown id). Preferences and rankings arrive list by list, so their codes
    ascend from one list to the next and are unordered only within a list: a stable sort
    (numpy's timsort) of them is cheap."""
    return first * (width + 1) + second + 1


def _indices(index: _Index, ids: Iterable[str], count: int) -> NDArray[np.int64]:
    return np.fromiter(map(index.__getitem__, ids), dtype=np.int64, count=count)


def _suspects(
    owner: NDArray[np.int64],
    indices: NDArray[np.int64],
    sorted_codes: NDArray[np.int64],
    width: int,
) -> list[int]:
    """The owners of lists naming an unknown id or one id twice; ``sorted_codes``: the
    lists' ``codes``, sorted, so that twins are neighbours."""
    twins = sorted_codes[1:][sorted_codes[1:] == sorted_codes[:-1]] // (width + 1)
    return np.union1d(owner[indices < 0], twins).tolist()


class AllocationInputError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def item(section: str, index: int, id_: str) -> str:
    return f'{section}[{index}] (id "{id_}")'


def _duplicates(section: str, ids: Sequence[str], distinct: int | None = None) -> list[str]:
    """``distinct``: how many different ids there are, when already known."""
    if (len(set(ids)) if distinct is None else distinct) == len(ids):
        return []
    seen: dict[str, int] = {}
    problems = []
    for index, id_ in enumerate(ids):
        if id_ in seen:
            problems.append(
                f"{item(section, index, id_)}: duplicate id (also {section}[{seen[id_]}])"
            )
        else:
            seen.setdefault(id_, index)
    return problems


def _first_repeat(values: Sequence[str]) -> str:
    seen = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    raise ValueError("no value is repeated")


def problems_of(problem: Problem, references: References) -> list[str]:
    """Every semantic problem of ``problem``, in file order."""
    students, places, options = problem.students, problem.places, problem.options
    place_ids, known = references.place_index, references.student_index
    # The indices hold each distinct id once (an unknown id is not added to them on lookup).
    student_ids = [s.id for s in students]
    problems = _duplicates("students", student_ids, len(known))
    problems += _duplicates("places", [p.id for p in places], len(place_ids))
    if options.max_km is not None and options.max_km < 0:
        problems.append(f"options: max_km is negative ({options.max_km})")
    if options.seed < 0:
        problems.append(f"options: seed is negative ({options.seed})")

    found: list[tuple[int, str]] = []  # (index, message), sorted into file order below
    pair_student, pair_place = references.pair_student, references.pair_place
    pair_codes = np.sort(codes(pair_student, pair_place, len(places)), kind="stable")
    for i in _suspects(pair_student, pair_place, pair_codes, len(places)):
        preferences = students[i].preferences
        if any(p not in place_ids for p in preferences):
            unknown = next(p for p in preferences if p not in place_ids)
            found.append((i, f'preferences names unknown place "{unknown}"'))
        if len(set(preferences)) != len(preferences):
            found.append((i, f'preferences lists place "{_first_repeat(preferences)}" twice'))
    with_partner = [i for i, s in enumerate(students) if s.duo_with is not None]
    partner_of = {students[i].id: students[i].duo_with for i in with_partner}
    for i in with_partner:
        student, partner = students[i], students[i].duo_with
        if partner == student.id:
            found.append((i, "duo_with names the student themself"))
        elif partner not in known:
            found.append((i, f'duo_with names unknown student "{partner}"'))
        elif partner_of.get(partner) is None:
            found.append((i, f'duo_with "{partner}", who does not name "{student.id}" back'))
        elif partner_of[partner] != student.id:
            found.append(
                (
                    i,
                    f'duo_with "{partner}", who names "{partner_of[partner]}" instead (a duo chain '
                    "of three or more; a duo is two students who name each other)",
                )
            )
    found.sort(key=lambda problem: problem[0])
    problems += [f"{item('students', i, students[i].id)}: {message}" for i, message in found]

    found = [
        (i, f"capacity is negative ({places[i].capacity})")
        for i, place in enumerate(places)
        if place.capacity < 0
    ]
    for i in _suspects(
        references.ranking_place,
        references.ranking_student,
        references.ranking_codes,
        len(students),
    ):
        ranking = places[i].ranking or ()
        if any(s not in known for s in ranking):
            unknown = next(s for s in ranking if s not in known)
            found.append((i, f'ranking names unknown student "{unknown}"'))
        if len(set(ranking)) != len(ranking):
            found.append((i, f'ranking lists student "{_first_repeat(ranking)}" twice'))
    found.sort(key=lambda problem: problem[0])
    problems += [f"{item('places', i, places[i].id)}: {message}" for i, message in found]
    if problem.buddies is not None:
        problems += _buddy_problems(problem, set(student_ids))
    return problems


def _buddy_problems(problem: Problem, student_ids: set[str]) -> list[str]:
    assert problem.buddies is not None
    buddies = problem.buddies
    problems = _duplicates("buddies.students", [b.id for b in buddies.students])
    problems += _duplicates("buddies.elderly", [e.id for e in buddies.elderly])
    problems += _duplicates("buddies.mbo_students", [m.id for m in buddies.mbo_students])
    in_project = {b.id for b in buddies.students}
    elderly = {e.id for e in buddies.elderly}
    mbo = {m.id for m in buddies.mbo_students}
    if buddies.max_km is not None and buddies.max_km < 0:
        problems.append(f"buddies: max_km is negative ({buddies.max_km})")
    for index, student in enumerate(buddies.students):
        if student.id not in student_ids:
            where = item("buddies.students", index, student.id)
            problems.append(f"{where}: no student with this id in students")
    partner_of = {s.id: s.duo_with for s in problem.students if s.id in in_project}
    for index, buddy in enumerate(buddies.students):
        partner = partner_of.get(buddy.id)
        if partner is not None and partner not in in_project:
            where = item("buddies.students", index, buddy.id)
            problems.append(f'{where}: duo partner "{partner}" is not in buddies.students')
    sections: tuple[tuple[str, Sequence[BuddyStudent | Elderly | MboStudent], set[str]], ...] = (
        ("buddies.students", buddies.students, elderly | mbo),
        ("buddies.elderly", buddies.elderly, in_project | mbo),
        ("buddies.mbo_students", buddies.mbo_students, in_project | elderly),
    )
    for section, people, allowed in sections:
        for index, person in enumerate(people):
            unknown = [p for p in person.preferences if p not in allowed]
            if unknown:
                where = item(section, index, person.id)
                problems.append(f'{where}: preferences names unknown participant "{unknown[0]}"')
    return problems


def validate(problem: Problem) -> References:
    """The problem's references, resolved; raises ``AllocationInputError`` naming every
    problem found."""
    references = resolve(problem)
    problems = problems_of(problem, references)
    if problems:
        extra = len(problems) - MAX_PROBLEMS
        shown = problems[:MAX_PROBLEMS] + ([f"… and {extra} more"] if extra > 0 else [])
        raise AllocationInputError(shown)
    return references
