"""A ``Problem`` compiled to integer indices: what the solvers, metrics and explanations share.

Every place a student listed is one *listing* position, grouped per student in the student's
order (``first[s]`` to ``first[s] + listed[s]``), with the cause that makes the pair
unacceptable (0 when both sides accept it). Every acceptable pair is also one *entry*, again
grouped per student in the student's order (``start[s]`` to ``end[s]``): the student, the
place, the 1-based position in the student's own ``preferences``, the place's priority key
for the student (lower is better) and the distance. All of these are numpy arrays, built in
bulk: a national run has hundreds of thousands of pairs, and a Python object per pair would
cost more time and memory than the solve itself.

The default priority of a place without ``ranking``: nearer students first (distance in whole
metres, when both locations are known; students without a known distance come after those
with one), then a single lottery shared by all places, drawn with ``options.seed`` over the
students sorted by id, so the outcome does not depend on the order of the input.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .geo import km_between
from .model import Location, Problem
from .validate import References, codes, validate
from .wording import NO_SEATS, NOT_RANKED, REQUIREMENT_NOT_MET, TOO_FAR

UNKNOWN_KM = -1.0
# Larger than any distance on Earth in metres: unknown distances rank last.
_UNKNOWN_METRES = 10**8

# The causes in ``Instance.cause``, coded as their index + 1, in the order they are checked.
EXCLUSIONS = (REQUIREMENT_NOT_MET, NOT_RANKED, TOO_FAR, NO_SEATS)

Ints = NDArray[np.int64]


@dataclass(slots=True)
class Instance:
    student_ids: list[str]
    place_ids: list[str]
    capacity: list[int]
    preferences: list[tuple[str, ...]]  # each student's listed place ids
    listed: list[int]  # how many places each student listed
    first: Ints  # per student, their first listing position
    cause: NDArray[np.int8]  # per listing position
    start: Ints  # per student, their first entry
    end: Ints
    student: Ints  # per entry
    place: Ints
    rank: Ints
    key: Ints
    km: NDArray[np.float64]  # UNKNOWN_KM where a location is missing
    partner: list[int]  # the duo partner's index, or -1
    by_id: list[int]  # student indices sorted by id: the canonical order of processing

    def listing(self, entries: Ints) -> Ints:
        """The listing positions of ``entries``."""
        return self.first[self.student[entries]] + self.rank[entries] - 1


def _coordinates(locations: list[Location | None]) -> tuple[np.ndarray, np.ndarray]:
    nan = float("nan")
    return (
        np.array([nan if at is None else at.lat for at in locations]),
        np.array([nan if at is None else at.lon for at in locations]),
    )


def compile_instance(problem: Problem, references: References) -> Instance:
    """``references``: as ``validate`` resolved them."""
    students, places = problem.students, problem.places
    n = len(students)
    student_ids = [student.id for student in students]
    place_ids = [place.id for place in places]
    preferences = [student.preferences for student in students]
    listed = references.listed
    pair_student, pair_place = references.pair_student, references.pair_place
    first = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(listed, out=first[1:])
    pair_rank = np.arange(len(pair_place)) - first[pair_student] + 1

    student_lat, student_lon = _coordinates([s.location for s in students])
    place_lat, place_lon = _coordinates([p.location for p in places])
    km = km_between(student_lat, student_lon, place_lat, place_lon, pair_student, pair_place)
    known = ~np.isnan(km)

    # Priority keys: the position in the place's ranking, or metres and the lottery.
    by_id = sorted(range(n), key=student_ids.__getitem__)
    draw = np.empty(n, dtype=np.int64)
    draw[by_id] = np.random.default_rng(problem.options.seed).permutation(n)
    metres = np.where(known, np.round(np.nan_to_num(km) * 1000), _UNKNOWN_METRES).astype(np.int64)
    key = metres * n + draw[pair_student]
    not_ranked = np.zeros(len(pair_place), dtype=bool)
    if references.ranked:
        not_ranked = _apply_rankings(references, n, len(places), pair_place, pair_student, key)

    capacity = np.array([place.capacity for place in places], dtype=np.int64)
    max_km = problem.options.max_km
    checks = [
        _requirement_not_met(problem, pair_place, pair_student),
        not_ranked,
        known & (km > max_km) if max_km is not None else None,
        capacity[pair_place] == 0,
    ]
    cause = np.zeros(len(pair_place), dtype=np.int8)
    for code, failed in reversed(list(enumerate(checks, 1))):  # the first check wins
        if failed is not None:
            cause[failed] = code

    accepted = np.flatnonzero(cause == 0)
    entry_student = pair_student[accepted]
    counts = np.bincount(entry_student, minlength=n)
    ends = np.cumsum(counts)
    partner = [-1] * n
    duos = [
        (s, student.duo_with) for s, student in enumerate(students) if student.duo_with is not None
    ]
    for s, other in duos:
        partner[s] = references.student_index[other]
    return Instance(
        student_ids=student_ids,
        place_ids=place_ids,
        capacity=capacity.tolist(),
        preferences=preferences,
        listed=listed,
        first=first[:-1],
        cause=cause,
        start=ends - counts,
        end=ends,
        student=entry_student,
        place=pair_place[accepted],
        rank=pair_rank[accepted],
        key=key[accepted],
        km=np.where(known, km, UNKNOWN_KM)[accepted],
        partner=partner,
        by_id=by_id,
    )


def _apply_rankings(
    references: References,
    n: int,
    n_places: int,
    pair_place: Ints,
    pair_student: Ints,
    key: Ints,
) -> NDArray[np.bool_]:
    """Overwrite ``key`` with the ranking position for pairs at places with a ranking;
    returns the pairs such a place does not rank.

    Pairs at ranked places are coded as the ranking positions are (``validate.codes``: place,
    then student; no code occurs twice on either side, which validation ensures). A stable
    sort of the positions' codes followed by the pairs' puts each pair right after the
    position it matches. Sorting both halves first only makes that sort fast, a merge of two
    sorted runs: the positions' codes come sorted from validation, and the pairs, which come
    student by student, are sorted by a stable sort on their place alone."""
    positions = references.ranking_order  # ranking positions in code order
    ranked = np.zeros(n_places, dtype=bool)
    ranked[references.ranked] = True
    at_ranked = np.flatnonzero(ranked[pair_place])
    by_place = pair_place[at_ranked]
    if n_places <= 2**16:  # numpy sorts 16-bit integers stably by radix sort, in linear time
        by_place = by_place.astype(np.uint16)
    pairs = at_ranked[np.argsort(by_place, kind="stable")]  # pair indices in code order
    merged = np.concatenate(
        [references.ranking_codes, codes(pair_place[pairs], pair_student[pairs], n)]
    )
    order = np.argsort(merged, kind="stable")
    same = np.flatnonzero(merged[order[:-1]] == merged[order[1:]])
    lengths = references.ranking_lengths
    place_in_ranking = np.arange(len(positions)) - np.repeat(np.cumsum([0, *lengths])[:-1], lengths)
    matched = pairs[order[same + 1] - len(positions)]
    not_ranked = np.zeros(len(pair_place), dtype=bool)
    not_ranked[at_ranked] = True
    not_ranked[matched] = False
    key[at_ranked] = 0  # unranked pairs are unacceptable; their key is never used
    key[matched] = place_in_ranking[positions[order[same]]]
    return not_ranked


def _requirement_not_met(
    problem: Problem, pair_place: Ints, pair_student: Ints
) -> NDArray[np.bool_] | None:
    """Checked once per student for each distinct requirement (there are few)."""
    places = problem.places
    demanding = [p for p, place in enumerate(places) if place.requires]
    if not demanding:
        return None
    kinds: dict[str, int] = {}
    requirements: list[Mapping[str, Any]] = []
    kind_of_place = np.full(len(places), -1, dtype=np.int64)
    for p in demanding:
        requires = places[p].requires
        kind = kinds.setdefault(repr(sorted(requires.items())), len(requirements))
        if kind == len(requirements):
            requirements.append(requires)
        kind_of_place[p] = kind
    attributes = [student.attributes for student in problem.students]
    failed = np.zeros(len(pair_place), dtype=bool)
    pair_kind = kind_of_place[pair_place]
    for kind, requires in enumerate(requirements):
        unmet = np.zeros(len(attributes), dtype=bool)
        for name, value in requires.items():
            unmet |= np.array([a.get(name) != value for a in attributes], dtype=bool)
        failed |= (pair_kind == kind) & unmet[pair_student]
    return failed


def place_priorities(problem: Problem) -> dict[str, list[str]]:
    """Each place's acceptable applicants, best first: the effective ranking the engine uses
    (for a place without ``ranking``, the default priority)."""
    instance = compile_instance(problem, validate(problem))
    order = np.lexsort((instance.key, instance.place)).tolist()
    ranked: dict[str, list[str]] = {place_id: [] for place_id in instance.place_ids}
    place, student = instance.place.tolist(), instance.student.tolist()
    for i in order:
        ranked[instance.place_ids[place[i]]].append(instance.student_ids[student[i]])
    return ranked
