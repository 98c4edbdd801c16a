"""Reads for allocation rounds, each in a fixed number of queries whatever the class size."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.network.models import Organisation
from verbindt.placement.explanations import explanation_text
from verbindt.placement.models import (
    AllocationRound,
    Assignment,
    RoundPlace,
    RoundStatus,
    RoundStudent,
)
from verbindt.placement.problem import pk_of, place_key, problem_for, student_key
from verbindt.placement.services import HOSTS
from verbindt.placement.stability import Blocking, blocking_pairs


def _count(queryset: QuerySet) -> Coalesce:
    return Coalesce(Subquery(queryset.values("round").annotate(n=Count("pk")).values("n")), 0)


def rounds_for(*, user: Any) -> QuerySet[AllocationRound]:
    """The rounds the user's role may see, with how many students have chosen."""
    membership = active_membership(user)
    rounds = AllocationRound.objects.select_related("school_year").prefetch_related("schools")
    if membership is None:
        return rounds.none()
    if membership.role == Role.REGIONAL_COORDINATOR:
        rounds = rounds.filter(
            pk__in=AllocationRound.schools.through.objects.filter(
                organisation__region_id=membership.region_id
            ).values("allocationround_id")
        )
    elif membership.role in (Role.SCHOOL_COORDINATOR, Role.TEACHER):
        rounds = rounds.filter(schools=membership.organisation_id)
    elif membership.role != Role.PLATFORM_COORDINATOR:  # a host: its published rounds
        rounds = rounds.filter(
            status=RoundStatus.PUBLISHED,
            pk__in=RoundPlace.objects.filter(organisation_id=membership.organisation_id).values(
                "round_id"
            ),
        )
    students = RoundStudent.objects.filter(round=OuterRef("pk"))
    return rounds.annotate(
        student_count=_count(students),
        chosen_count=_count(students.filter(preferences__rank=1)),
    )


def round_students(allocation_round: AllocationRound) -> QuerySet[RoundStudent]:
    return allocation_round.students.select_related("duo_with").annotate(
        choices=Count("preferences")
    )


def round_places(allocation_round: AllocationRound) -> QuerySet[RoundPlace]:
    return allocation_round.places.select_related("organisation").annotate(
        wanted=Count("preferences", filter=Q(preferences__rank=1))
    )


def partner_suggestions(allocation_round: AllocationRound) -> QuerySet[Organisation]:
    """Institutions and colleges the round's schools already work with in this form."""
    return (
        Organisation.objects.filter(
            kind__in=HOSTS,
            partnerships__collaboration__forms__form=allocation_round.form,
            partnerships__collaboration__partners__organisation__in=allocation_round.schools.all(),
        )
        .exclude(round_places__round=allocation_round)
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class ResultRow:
    student: RoundStudent
    place: RoundPlace | None
    rank: int | None  # the place's position in the student's choices; None: not chosen
    explanation: str
    manual: bool


@dataclass(frozen=True)
class Review:
    rows: list[ResultRow]
    blocking: list[tuple[str, str]]  # student name, place name
    manual: int


def _rows(students: QuerySet[RoundStudent], places: dict[int, RoundPlace]) -> list[ResultRow]:
    names = {place_key(pk): str(place) for pk, place in places.items()}
    students = students.select_related("assignment").prefetch_related("preferences")
    names |= {student_key(s.pk): s.name for s in students}
    rows = []
    for student in students:
        assignment: Assignment | None = getattr(student, "assignment", None)
        place = places.get(assignment.place_id) if assignment and assignment.place_id else None
        ranks = {p.place_id: p.rank for p in student.preferences.all()}
        rows.append(
            ResultRow(
                student=student,
                place=place,
                rank=ranks.get(place.pk) if place else None,
                explanation=explanation_text(
                    assignment.code, assignment.params, assignment.text, names.__getitem__
                )
                if assignment
                else "",
                manual=bool(assignment and assignment.manual),
            )
        )
    return rows


def _places(allocation_round: AllocationRound) -> dict[int, RoundPlace]:
    return {p.pk: p for p in allocation_round.places.select_related("organisation")}


def result_rows(allocation_round: AllocationRound) -> list[ResultRow]:
    return _rows(allocation_round.students.all(), _places(allocation_round))


def round_review(allocation_round: AllocationRound) -> Review:
    places = _places(allocation_round)
    rows = _rows(allocation_round.students.all(), places)
    assignment = {
        student_key(row.student.pk): place_key(row.place.pk) if row.place else None for row in rows
    }
    names = {student_key(row.student.pk): row.student.name for row in rows}
    pairs: list[Blocking] = blocking_pairs(problem_for(allocation_round), assignment)
    return Review(
        rows=rows,
        blocking=[(names[p.student], str(places[pk_of(p.place)])) for p in pairs],
        manual=sum(row.manual for row in rows),
    )


def hosted_students(allocation_round: AllocationRound, organisation_id: int) -> list[ResultRow]:
    """Only what a host needs: who comes, in which group, to which place."""
    places = {
        p.pk: p
        for p in allocation_round.places.filter(organisation_id=organisation_id).select_related(
            "organisation"
        )
    }
    students = allocation_round.students.filter(assignment__place__in=list(places))
    return _rows(students.order_by("assignment__place", "group", "name"), places)


def student_by_link(key_hash: str) -> RoundStudent | None:
    return (
        RoundStudent.objects.select_related("round", "assignment__place__organisation")
        .filter(link_hash=key_hash)
        .exclude(link_hash="")
        .first()
    )
