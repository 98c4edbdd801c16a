"""Buddy triads: each student (or duo) with one elderly participant, optionally one mbo student.

A pair is possible when everyone in it consented, they share at least one availability slot,
and every distance to the elderly participant is within ``max_km`` (unknown distances do not
count against it). An mbo student joins a pair when they consented, share a slot with both
and are within ``max_km`` of the elderly participant. CP-SAT maximises, in this order of
weight: students paired (``PAIR``), mbo students taking part (``MBO``), then stated
preferences: a partner at position i (1-based) in someone's ``preferences`` earns
``max(1, 11 - i)`` points. Projects are class-sized, so every feasible pair and triad is a
variable.
"""

from collections.abc import Callable, Iterable, Sequence
from itertools import product

from ortools.sat.python import cp_model

from .geo import haversine_km
from .model import BuddyResult, Location, Problem, Reason, Triad, Unpaired

PAIR = 10_000
MBO = 1_000

NO_CONSENT = "no_consent"
NO_COMMON_AVAILABILITY = "no_common_availability"
TOO_FAR = "too_far"
PARTNERS_TAKEN = "partners_taken"

TEXTS = {
    NO_CONSENT: "Not paired: consent is missing.",
    NO_COMMON_AVAILABILITY: "Not paired: no possible partner shares an available time.",
    TOO_FAR: "Not paired: everyone who shares an available time is too far away.",
    PARTNERS_TAKEN: "Not paired: every possible partner was paired with someone else.",
}


def points(preferences: Sequence[str], others: Iterable[str]) -> int:
    position = {other: i for i, other in enumerate(preferences, 1)}
    return sum(max(1, 11 - position[o]) for o in others if o in position)


class _Person:
    """A unit (one student or a duo), an elderly participant or an mbo student."""

    def __init__(
        self,
        ids: tuple[str, ...],
        slots: frozenset[str],
        consent: bool,
        locations: Sequence[Location | None],
        preferences: Sequence[Sequence[str]],
    ) -> None:
        self.ids, self.slots, self.consent = ids, slots, consent
        self.locations = [at for at in locations if at is not None]
        self.preferences = preferences

    def km_to(self, other: "_Person") -> float | None:
        known = [haversine_km(a, b) for a in self.locations for b in other.locations]
        return max(known) if known else None

    def likes(self, other: "_Person") -> int:
        return sum(points(listed, other.ids) for listed in self.preferences)


def _units(problem: Problem) -> list[_Person]:
    assert problem.buddies is not None
    taking_part = {b.id: b for b in problem.buddies.students}
    students = {s.id: s for s in problem.students}
    units = []
    for buddy in problem.buddies.students:
        partner = students[buddy.id].duo_with
        if partner is not None and partner < buddy.id:
            continue  # the duo is made once, from the member whose id sorts first
        members = [buddy] + ([taking_part[partner]] if partner is not None else [])
        units.append(
            _Person(
                tuple(m.id for m in members),
                frozenset.intersection(*(m.availability for m in members)),
                all(m.consent for m in members),
                [students[m.id].location for m in members],
                [m.preferences for m in members],
            )
        )
    return units


def pair_buddies(problem: Problem) -> BuddyResult:
    buddies = problem.buddies
    assert buddies is not None
    units = _units(problem)
    elderly = [
        _Person((e.id,), e.availability, e.consent, [e.location], [e.preferences])
        for e in buddies.elderly
    ]
    mbo = [
        _Person((m.id,), m.availability, m.consent, [m.location], [m.preferences])
        for m in buddies.mbo_students
    ]
    max_km = buddies.max_km

    def near(a: _Person, b: _Person) -> bool:
        km = a.km_to(b)
        return max_km is None or km is None or km <= max_km

    def fits(a: _Person, b: _Person) -> bool:
        return a.consent and b.consent and bool(a.slots & b.slots) and near(a, b)

    pairs = [
        (u, e)
        for u, e in product(range(len(units)), range(len(elderly)))
        if fits(units[u], elderly[e])
    ]
    triads = [
        (u, e, m)
        for (u, e), m in product(pairs, range(len(mbo)))
        if fits(mbo[m], elderly[e]) and units[u].slots & elderly[e].slots & mbo[m].slots
    ]
    model = cp_model.CpModel()
    x = {pair: model.new_bool_var(f"x{pair}") for pair in pairs}
    t = {triad: model.new_bool_var(f"t{triad}") for triad in triads}
    for u in range(len(units)):
        model.add_at_most_one(x[p] for p in pairs if p[0] == u)
    for e in range(len(elderly)):
        model.add_at_most_one(x[p] for p in pairs if p[1] == e)
    for m in range(len(mbo)):
        model.add_at_most_one(t[k] for k in triads if k[2] == m)
    for pair in pairs:
        model.add(sum(t[k] for k in triads if k[:2] == pair) <= x[pair])

    def pair_points(u: int, e: int) -> int:
        return units[u].likes(elderly[e]) + elderly[e].likes(units[u])

    def mbo_points(u: int, e: int, m: int) -> int:
        one, other = mbo[m], (units[u], elderly[e])
        return sum(one.likes(o) + o.likes(one) for o in other)

    model.maximize(
        sum((PAIR + pair_points(*p)) * x[p] for p in pairs)
        + sum((MBO + mbo_points(*k)) * t[k] for k in triads)
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = buddies.time_limit_s
    solver.parameters.num_workers = 1  # deterministic: the same input gives the same pairs
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no pairing ({solver.status_name(status)})")

    chosen = [p for p in pairs if solver.value(x[p])]
    joined = {k[:2]: k[2] for k in triads if solver.value(t[k])}
    result = []
    total = 0
    for u, e in chosen:
        helper = joined.get((u, e))
        members = [units[u]] + ([mbo[helper]] if helper is not None else [])
        slots = elderly[e].slots.intersection(*(p.slots for p in members))
        distances = [km for p in members if (km := p.km_to(elderly[e])) is not None]
        result.append(
            Triad(
                students=units[u].ids,
                elderly=elderly[e].ids[0],
                mbo_student=None if helper is None else mbo[helper].ids[0],
                slots=tuple(sorted(slots)),
                km=round(max(distances), 3) if distances else None,
            )
        )
        total += pair_points(u, e) + (mbo_points(u, e, helper) if helper is not None else 0)
    paired_units = {u for u, _ in chosen}
    paired_elderly = {e for _, e in chosen}
    unpaired = [
        Unpaired(student, "student", _why(units[u], elderly, near))
        for u in range(len(units))
        if u not in paired_units
        for student in units[u].ids
    ]
    unpaired += [
        Unpaired(elderly[e].ids[0], "elderly", _why(elderly[e], units, near))
        for e in range(len(elderly))
        if e not in paired_elderly
    ]
    taken_mbo = set(joined.values())
    unpaired += [
        Unpaired(
            mbo[m].ids[0],
            "mbo_student",
            _why(mbo[m], elderly, near, any(k[2] == m for k in triads)),
        )
        for m in range(len(mbo))
        if m not in taken_mbo
    ]
    return BuddyResult(
        triads=tuple(result),
        unpaired=tuple(unpaired),
        points=total,
        optimal=status == cp_model.OPTIMAL,
    )


def _why(
    person: _Person,
    others: Sequence[_Person],
    near: Callable[[_Person, _Person], bool],
    possible: bool | None = None,
) -> Reason:
    """Why ``person`` is unpaired: the first filter that leaves no partner."""
    if not person.consent:
        code = NO_CONSENT
    else:
        sharing = [o for o in others if o.consent and person.slots & o.slots]
        if not sharing:
            code = NO_COMMON_AVAILABILITY
        elif not any(near(person, o) for o in sharing):
            code = TOO_FAR
        elif possible is False:
            code = NO_COMMON_AVAILABILITY  # an mbo student who shares no slot with any pair
        else:
            code = PARTNERS_TAKEN
    return Reason(code, {}, TEXTS[code])
