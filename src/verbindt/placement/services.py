"""Writes for allocation rounds: set-up, preferences, personal links, the run, adjustments."""

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from verbindt.accounts.models import User
from verbindt.core.models import SchoolYear
from verbindt.core.secrets import secret_hash
from verbindt.engines.allocation import AllocationInputError, Result, allocate
from verbindt.network.models import Organisation, OrganisationKind
from verbindt.placement.explanations import MANUAL
from verbindt.placement.models import (
    AllocationRound,
    Assignment,
    Preference,
    RoundPlace,
    RoundStatus,
    RoundStudent,
)
from verbindt.placement.problem import pk_of, place_key, problem_for, student_key
from verbindt.placement.stability import blocking_pairs

HOSTS = (OrganisationKind.INSTITUTION, OrganisationKind.MBO_COLLEGE)
RUNNABLE = (RoundStatus.DRAFT, RoundStatus.OPEN, RoundStatus.REVIEW)
EDITABLE = (RoundStatus.DRAFT, RoundStatus.OPEN)  # places and students change before a run


def _saved(instance: Any) -> Any:
    instance.full_clean()
    instance.save()
    return instance


def _require_status(allocation_round: AllocationRound, allowed: Iterable[str]) -> None:
    if allocation_round.status not in allowed:
        raise ValidationError(
            _("Not possible while the round is “%(status)s”.")
            % {"status": allocation_round.get_status_display()},
            code="status",
        )


# --- The round ---------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    title: str,
    school_year: SchoolYear,
    form: str,
    schools: Sequence[Organisation],
    mode: str = "stable",
    max_km: int | None = None,
    seed: int = 1,
    max_choices: int = 3,
    by: User | None = None,
) -> AllocationRound:
    if not schools or any(s.kind != OrganisationKind.VMBO_LOCATION for s in schools):
        raise ValidationError({"schools": _("Choose one or more vmbo schools.")}, code="schools")
    allocation_round = _saved(
        AllocationRound(
            title=title,
            school_year=school_year,
            form=form,
            mode=mode,
            max_km=max_km,
            seed=seed,
            max_choices=max_choices,
            created_by=by,
        )
    )
    allocation_round.schools.set(schools)
    return allocation_round


@transaction.atomic
def round_update(*, allocation_round: AllocationRound, data: dict[str, Any]) -> AllocationRound:
    _require_status(allocation_round, RUNNABLE)
    for field in ("title", "mode", "max_km", "seed", "max_choices"):
        if field in data:
            setattr(allocation_round, field, data[field])
    return _saved(allocation_round)


@transaction.atomic
def round_open(*, allocation_round: AllocationRound) -> AllocationRound:
    """Open the round for preferences: the students' personal links start to work."""
    _require_status(allocation_round, (RoundStatus.DRAFT, RoundStatus.REVIEW))
    allocation_round.status = RoundStatus.OPEN
    return _saved(allocation_round)


@transaction.atomic
def round_publish(*, allocation_round: AllocationRound) -> AllocationRound:
    """Students and hosts see the result from now on."""
    _require_status(allocation_round, (RoundStatus.REVIEW,))
    allocation_round.status = RoundStatus.PUBLISHED
    return _saved(allocation_round)


# --- Places and students -----------------------------------------------------------------


@transaction.atomic
def place_add(
    *,
    allocation_round: AllocationRound,
    organisation: Organisation,
    capacity: int,
    label: str = "",
    requires_guardian_consent: bool = False,
) -> RoundPlace:
    _require_status(allocation_round, EDITABLE)
    if organisation.kind not in HOSTS:
        raise ValidationError(
            {"organisation": _("A place is at an institution or an mbo college.")}, code="kind"
        )
    return _saved(
        RoundPlace(
            round=allocation_round,
            organisation=organisation,
            capacity=capacity,
            label=label,
            requires_guardian_consent=requires_guardian_consent,
        )
    )


@transaction.atomic
def place_remove(*, place: RoundPlace) -> None:
    _require_status(place.round, EDITABLE)
    place.delete()  # with the preferences for it


@transaction.atomic
def student_add(
    *,
    allocation_round: AllocationRound,
    name: str,
    study_year: int,
    group: str = "",
    guardian_consent: bool = False,
) -> RoundStudent:
    _require_status(allocation_round, EDITABLE)
    return _saved(
        RoundStudent(
            round=allocation_round,
            name=name.strip(),
            group=group.strip(),
            study_year=study_year,
            guardian_consent=guardian_consent,
        )
    )


@transaction.atomic
def students_import(*, allocation_round: AllocationRound, text: str) -> list[RoundStudent]:
    """Lines of ``name;group;year``; one bad line refuses the whole paste, naming the line."""
    _require_status(allocation_round, EDITABLE)
    rows = []
    seen = set(allocation_round.students.values_list("name", flat=True))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.replace("\t", ";").split(";")]
        year = cells[2] if len(cells) == 3 else ""
        problem = None
        if len(cells) != 3 or not cells[0]:
            problem = _("write name;group;year")
        elif year not in ("1", "2", "3", "4"):
            problem = _("the year must be 1, 2, 3 or 4, not “%(year)s”") % {"year": year}
        elif cells[0] in seen:
            problem = _("“%(name)s” is already in the round") % {"name": cells[0]}
        elif len(cells[0]) > 60 or len(cells[1]) > 20:
            problem = _("the name or group is too long")
        if problem:
            raise ValidationError(
                {
                    "text": _("Line %(number)s: %(problem)s.")
                    % {"number": number, "problem": problem}
                },
                code="line",
            )
        seen.add(cells[0])
        rows.append(
            RoundStudent(
                round=allocation_round, name=cells[0], group=cells[1], study_year=int(year)
            )
        )
    if not rows:
        raise ValidationError({"text": _("Paste at least one line.")}, code="empty")
    return bulk_create_with_history(rows, RoundStudent)


@transaction.atomic
def student_update(*, student: RoundStudent, data: dict[str, Any]) -> RoundStudent:
    """Name, group, year, consent and duo partner; a duo is always set on both partners."""
    _require_status(student.round, EDITABLE)
    for field in ("name", "group", "study_year", "guardian_consent"):
        if field in data:
            setattr(student, field, data[field])
    if "duo_with" in data and data["duo_with"] != student.duo_with:
        _duo_set(student, data["duo_with"])
    return _saved(student)


def _duo_set(student: RoundStudent, partner: RoundStudent | None) -> None:
    if partner is not None and (partner.round_id != student.round_id or partner == student):
        raise ValidationError({"duo_with": _("Choose another student of this round.")})
    # Whoever was paired with either of the two is free again.
    for old in RoundStudent.objects.filter(duo_with__in=[p for p in (student, partner) if p]):
        old.duo_with = None
        old.save()
    if partner is not None:
        partner.refresh_from_db()
        partner.duo_with = student
        partner.save()
    student.duo_with = partner


@transaction.atomic
def student_remove(*, student: RoundStudent) -> None:
    _require_status(student.round, EDITABLE)
    student.delete()


# --- Preferences and personal links -----------------------------------------------------


@transaction.atomic
def preferences_save(
    *, student: RoundStudent, place_ids: Sequence[int | None], by_student: bool = False
) -> list[Preference]:
    """``place_ids[i]`` is the choice at rank i + 1 (``None``: no choice there). A student
    chooses only while the round is open; a teacher also in the draft."""
    allocation_round = student.round
    _require_status(allocation_round, (RoundStatus.OPEN,) if by_student else EDITABLE)
    if len(place_ids) > allocation_round.max_choices:
        raise ValidationError(
            _("Choose at most %(n)s places.") % {"n": allocation_round.max_choices}, code="many"
        )
    places = {p.pk: p for p in allocation_round.places.all()}
    chosen: list[RoundPlace] = []
    for position, place_id in enumerate(place_ids, start=1):
        if place_id is None:
            continue
        field = f"choice_{position}"
        if place_id not in places:
            raise ValidationError({field: _("This place is not in the round.")}, code="place")
        if places[place_id] in chosen:
            raise ValidationError(
                {field: _("You chose %(place)s twice.") % {"place": places[place_id]}},
                code="twice",
            )
        chosen.append(places[place_id])
    student.preferences.all().delete()
    return [
        _saved(Preference(student=student, place=place, rank=rank))
        for rank, place in enumerate(chosen, start=1)
    ]


@transaction.atomic
def student_link_create(*, student: RoundStudent) -> str:
    """A new personal link key, to show once; any earlier link stops working."""
    key = secrets.token_urlsafe(24)
    student.link_hash = secret_hash(key)
    _saved(student)
    return key


@transaction.atomic
def student_link_revoke(*, student: RoundStudent) -> None:
    student.link_hash = ""
    _saved(student)


# --- The run -----------------------------------------------------------------------------


@transaction.atomic
def round_run_start(*, allocation_round: AllocationRound) -> AllocationRound:
    """Queue a run for a worker; the page follows its progress."""
    from verbindt.placement.tasks import run_allocation_round  # the task imports this module

    _require_status(allocation_round, RUNNABLE)
    if not allocation_round.students.exists():
        raise ValidationError(_("Add students before running the round."), code="no_students")
    if not allocation_round.places.exists():
        raise ValidationError(_("Add places before running the round."), code="no_places")
    allocation_round.status = RoundStatus.RUNNING
    allocation_round.progress = 0
    allocation_round.run_started_at = allocation_round.run_finished_at = None
    allocation_round.run_error = ""
    _saved(allocation_round)
    run_allocation_round.enqueue(allocation_round.pk)
    return allocation_round


def _progress(round_id: int, percent: int) -> None:
    # Outside any transaction: the page polling the round sees it at once.
    AllocationRound.objects.filter(pk=round_id).update(progress=percent)


def round_run(*, round_id: int) -> None:
    """Run a queued round: load it, call the engine, store the assignments and metrics."""
    # Claimed with a conditional update so two workers never run the same round.
    claimed = AllocationRound.objects.filter(
        pk=round_id, status=RoundStatus.RUNNING, run_started_at__isnull=True
    ).update(run_started_at=timezone.now(), progress=5)
    if not claimed:
        return
    allocation_round = AllocationRound.objects.get(pk=round_id)
    try:
        problem = problem_for(allocation_round)
        _progress(round_id, 30)
        result = allocate(problem)
        _progress(round_id, 70)
        _store_result(allocation_round, result)
    except AllocationInputError as error:
        why = _readable(str(error), allocation_round)
        _run_failed(allocation_round, _("The round could not run: %(why)s") % {"why": why})
    except Exception:
        _run_failed(allocation_round, _("The run stopped because of an unexpected error."))
        raise


@transaction.atomic
def _store_result(allocation_round: AllocationRound, result: Result) -> None:
    Assignment.objects.filter(student__round=allocation_round).delete()
    bulk_create_with_history(
        [
            Assignment(
                student_id=pk_of(student),
                place_id=pk_of(place) if place else None,
                code=result.explanation[student].code,
                params=dict(result.explanation[student].params),
                text=result.explanation[student].text,
            )
            for student, place in result.assignment.items()
        ],
        Assignment,
    )
    allocation_round.metrics = asdict(result.metrics)
    allocation_round.status = RoundStatus.REVIEW
    allocation_round.progress = 100
    allocation_round.run_finished_at = timezone.now()
    allocation_round.save()


def _readable(message: str, allocation_round: AllocationRound) -> str:
    """The engine names students and places by their engine ids: put the names back."""
    names = {
        student_key(pk): name for pk, name in allocation_round.students.values_list("pk", "name")
    }
    names |= {place_key(place.pk): str(place) for place in allocation_round.places.all()}
    return re.sub(r'"([sp]\d+)"', lambda m: f'"{names.get(m.group(1), m.group(1))}"', message)


def _run_failed(allocation_round: AllocationRound, message: str) -> None:
    ran_before = Assignment.objects.filter(student__round=allocation_round).exists()
    allocation_round.status = RoundStatus.REVIEW if ran_before else RoundStatus.OPEN
    allocation_round.run_error = message
    allocation_round.run_finished_at = timezone.now()
    allocation_round.save()


# --- Review ------------------------------------------------------------------------------


@transaction.atomic
def assignment_move(
    *, student: RoundStudent, place: RoundPlace | None, confirmed: bool = False
) -> Assignment:
    """Put one student at another place (or none). A move that creates a blocking pair — a
    student and a place that would both rather have each other — needs ``confirmed``."""
    allocation_round = student.round
    _require_status(allocation_round, (RoundStatus.REVIEW,))
    if place is not None and place.round_id != allocation_round.pk:
        raise ValidationError({"place": _("This place is not in the round.")}, code="place")
    if place is not None and place.assignments.exclude(student=student).count() >= place.capacity:
        raise ValidationError(
            {"place": _("%(place)s is full: move someone else first.") % {"place": place}},
            code="full",
        )
    assignment = Assignment.objects.filter(student=student).first() or Assignment(student=student)
    problem = problem_for(allocation_round)
    current = {
        student_key(student_id): place_key(place_id) if place_id else None
        for student_id, place_id in Assignment.objects.filter(
            student__round=allocation_round
        ).values_list("student_id", "place_id")
    }
    before = set(blocking_pairs(problem, current))
    current[student_key(student.pk)] = place_key(place.pk) if place else None
    created = [pair for pair in blocking_pairs(problem, current) if pair not in before]
    if created and not confirmed:
        message = ngettext(
            "This move creates a blocking pair: a student and a place that would both rather "
            "have each other. Confirm to keep it anyway.",
            "This move creates %(n)s blocking pairs: students and places that would both rather "
            "have each other. Confirm to keep it anyway.",
            len(created),
        ) % {"n": len(created)}
        raise ValidationError({"confirm": message}, code="blocking_pair")
    assignment.place = place
    assignment.manual = True
    assignment.code, assignment.params, assignment.text = MANUAL, {}, ""
    return _saved(assignment)
