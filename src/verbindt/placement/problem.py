"""A round in the database as the allocation engine's ``Problem``.

Engine ids are ``s<pk>`` for students and ``p<pk>`` for places, so the explanations the engine
gives can be worded with the names from the database. Students have no address (they are
minors): their distance to a place is measured from their school.
"""

from verbindt.engines.allocation import Location as Point
from verbindt.engines.allocation import Options, Place, Problem, Student
from verbindt.network.models import Location
from verbindt.placement.models import AllocationRound, RoundPlace, RoundStudent


def student_key(pk: int) -> str:
    return f"s{pk}"


def place_key(pk: int) -> str:
    return f"p{pk}"


def pk_of(key: str) -> int:
    return int(key[1:])


def _point(location: Location | None) -> Point | None:
    if location is None or location.latitude is None or location.longitude is None:
        return None
    return Point(lat=location.latitude, lon=location.longitude)


def _main_location(locations: list[Location]) -> Location | None:
    return locations[0] if locations else None  # Location orders main locations first


def round_students(allocation_round: AllocationRound) -> list[RoundStudent]:
    return list(allocation_round.students.prefetch_related("preferences").order_by("pk"))


def round_places(allocation_round: AllocationRound) -> list[RoundPlace]:
    return list(
        allocation_round.places.select_related("location")
        .prefetch_related("organisation__locations")
        .order_by("pk")
    )


def problem_for(allocation_round: AllocationRound) -> Problem:
    """Six queries, whatever the size of the round."""
    school = allocation_round.schools.prefetch_related("locations").order_by("name").first()
    origin = _point(_main_location(list(school.locations.all()))) if school else None
    students = tuple(
        Student(
            id=student_key(student.pk),
            preferences=tuple(
                place_key(preference.place_id)
                for preference in sorted(student.preferences.all(), key=lambda p: p.rank)
            ),
            duo_with=student_key(student.duo_with_id) if student.duo_with_id else None,
            location=origin,
            attributes={
                "guardian_consent": student.guardian_consent,
                "year": student.study_year,
            },
        )
        for student in round_students(allocation_round)
    )
    places = tuple(
        Place(
            id=place_key(place.pk),
            capacity=place.capacity,
            location=_point(
                place.location or _main_location(list(place.organisation.locations.all()))
            ),
            requires={"guardian_consent": True} if place.requires_guardian_consent else {},
        )
        for place in round_places(allocation_round)
    )
    return Problem(
        students=students,
        places=places,
        options=Options(
            mode=allocation_round.mode,  # type: ignore[arg-type]
            max_km=allocation_round.max_km,
            seed=allocation_round.seed,
        ),
    )
