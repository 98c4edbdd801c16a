"""Buddy triads: consent, shared availability and distance respected; the unpaired told why."""

from verbindt.engines.allocation import (
    Buddies,
    BuddyStudent,
    Elderly,
    Location,
    MboStudent,
    Problem,
    Student,
    allocate,
)

UTRECHT, NEARBY, GRONINGEN = Location(52.09, 5.12), Location(52.10, 5.10), Location(53.22, 6.57)


def project(**buddies) -> Problem:
    students = (
        Student("s1", (), location=UTRECHT),
        Student("s2", (), location=UTRECHT, duo_with="s3"),
        Student("s3", (), location=UTRECHT, duo_with="s2"),
        Student("s4", (), location=UTRECHT),
    )
    return Problem(students, (), buddies=Buddies(**buddies))


def test_it_pairs_units_with_elderly_and_mbo_students_within_every_constraint():
    problem = project(
        students=(
            BuddyStudent("s1", frozenset({"mon", "tue"}), True, preferences=("e2",)),
            BuddyStudent("s2", frozenset({"wed", "thu"}), True),
            BuddyStudent("s3", frozenset({"wed"}), True),
            BuddyStudent("s4", frozenset({"mon"}), False),
        ),
        elderly=(
            Elderly("e1", frozenset({"mon", "wed"}), True, location=NEARBY),
            Elderly("e2", frozenset({"tue"}), True, location=NEARBY),
            Elderly("e3", frozenset({"mon"}), True, location=GRONINGEN),
            Elderly("e4", frozenset({"fri"}), True, location=NEARBY),
            Elderly("e5", frozenset({"mon"}), False, location=NEARBY),
        ),
        mbo_students=(MboStudent("m1", frozenset({"wed"}), True, location=UTRECHT),),
        max_km=30,
    )
    result = allocate(problem).buddies
    assert result is not None and result.optimal
    triads = {t.students: (t.elderly, t.mbo_student, t.slots) for t in result.triads}
    assert triads == {
        ("s1",): ("e2", None, ("tue",)),
        ("s2", "s3"): ("e1", "m1", ("wed",)),
    }
    why = {u.id: u.reason.code for u in result.unpaired}
    assert why == {
        "s4": "no_consent",
        "e3": "too_far",
        "e4": "no_common_availability",
        "e5": "no_consent",
    }
    assert result.points == 10  # s1's first choice


def test_partners_taken_when_there_are_more_students_than_elderly():
    problem = project(
        students=(
            BuddyStudent("s1", frozenset({"mon"}), True),
            BuddyStudent("s4", frozenset({"mon"}), True, preferences=("e1",)),
        ),
        elderly=(Elderly("e1", frozenset({"mon"}), True),),
    )
    result = allocate(problem).buddies
    assert result is not None
    assert [t.students for t in result.triads] == [("s4",)]
    assert [(u.id, u.reason.code) for u in result.unpaired] == [("s1", "partners_taken")]
