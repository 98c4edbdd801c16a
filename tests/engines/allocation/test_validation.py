"""Every kind of bad input is refused with a message naming the item, before anything runs."""

import json

import pytest

from verbindt.engines.allocation import (
    AllocationInputError,
    Options,
    Place,
    Problem,
    Student,
    allocate,
)
from verbindt.engines.allocation.io import load, parse

PLACES = (Place("p1", 1), Place("p2", 2))


def refused(problem: Problem) -> str:
    with pytest.raises(AllocationInputError) as error:
        allocate(problem)
    return str(error.value)


def test_an_unknown_place_in_preferences():
    students = (Student("s1", ("p1",)), Student("s4", ("p1", "p99")))
    message = refused(Problem(students, PLACES))
    assert message == 'students[1] (id "s4"): preferences names unknown place "p99"'


def test_duplicate_ids():
    message = refused(Problem((Student("s1", ()), Student("s1", ())), (*PLACES, Place("p1", 3))))
    assert 'students[1] (id "s1"): duplicate id (also students[0])' in message
    assert 'places[2] (id "p1"): duplicate id (also places[0])' in message


def test_a_negative_capacity():
    message = refused(Problem((), (Place("p1", -1),)))
    assert message == 'places[0] (id "p1"): capacity is negative (-1)'


def test_a_duo_partner_who_does_not_name_you_back():
    students = (Student("s1", (), duo_with="s2"), Student("s2", ()))
    message = refused(Problem(students, PLACES))
    assert message == 'students[0] (id "s1"): duo_with "s2", who does not name "s1" back'


def test_a_duo_chain_of_three():
    students = (
        Student("s1", (), duo_with="s2"),
        Student("s2", (), duo_with="s3"),
        Student("s3", (), duo_with="s2"),
    )
    message = refused(Problem(students, PLACES))
    assert message.startswith('students[0] (id "s1"): duo_with "s2", who names "s3" instead')
    assert "chain of three" in message


def test_other_semantic_problems_are_named_too():
    students = (Student("s1", ("p1", "p1"), duo_with="s9"), Student("s2", (), duo_with="s2"))
    places = (Place("p1", 1, ranking=("s1", "s7", "s1")),)
    message = refused(Problem(students, places, Options(max_km=-1)))
    assert message.splitlines() == [
        "options: max_km is negative (-1)",
        'students[0] (id "s1"): preferences lists place "p1" twice',
        'students[0] (id "s1"): duo_with names unknown student "s9"',
        'students[1] (id "s2"): duo_with names the student themself',
        'places[0] (id "p1"): ranking names unknown student "s7"',
        'places[0] (id "p1"): ranking lists student "s1" twice',
    ]


def test_invalid_json():
    with pytest.raises(AllocationInputError, match=r"invalid JSON: .* \(line 1, column 15\)"):
        parse('{"students": [')


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"students": [{"id": "s1", "preferences": ["p1", 5]}], "places": []},
            'students[0] (id "s1").preferences[1]: 5 is not of type "string"',
        ),
        (
            {"students": [], "places": [{"id": "p1", "capacity": "2"}]},
            'places[0] (id "p1").capacity: "2" is not of type "integer"',
        ),
        (
            {"students": [], "places": [{"id": "p1", "capacity": -1}]},
            'places[0] (id "p1").capacity: -1 is less than the minimum of 0',
        ),
        ({"students": []}, 'the document: "places" is a required property'),
        (
            {"students": [], "places": [], "options": {"mode": "fast"}},
            "options.mode: ",
        ),
    ],
)
def test_wrong_types_are_named_by_their_path(document, message):
    with pytest.raises(AllocationInputError) as error:
        load(json.loads(json.dumps(document)))
    assert message in str(error.value)


def test_among_many_good_items_only_the_bad_ones_are_named():
    places = tuple(Place(f"p{j}", 1, ranking=(f"s{j}",) if j % 2 else None) for j in range(50))
    students = [Student(f"s{i}", (f"p{i % 50}", f"p{(i + 1) % 50}")) for i in range(200)]
    students[120] = Student("s120", ("p3", "p99", "p99"))
    students[150] = Student("s150", ("p4", "p5", "p4"))
    places = (*places[:7], Place("p7", 1, ranking=("s7", "nobody")), *places[8:])
    assert refused(Problem(tuple(students), places)).splitlines() == [
        'students[120] (id "s120"): preferences names unknown place "p99"',
        'students[120] (id "s120"): preferences lists place "p99" twice',
        'students[150] (id "s150"): preferences lists place "p4" twice',
        'places[7] (id "p7"): ranking names unknown student "nobody"',
    ]
