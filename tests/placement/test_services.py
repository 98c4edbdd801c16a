"""Setting up a round: every bad input is refused with a message naming it, nothing half-written."""

import pytest
from django.core.exceptions import ValidationError

from verbindt.core.secrets import secret_hash
from verbindt.core.services import school_year_for_date
from verbindt.placement import services
from verbindt.placement.models import Preference, RoundStatus, RoundStudent


def _field_error(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def test_a_round_belongs_to_vmbo_schools_only(world):
    with pytest.raises(ValidationError) as excinfo:
        services.round_create(
            title="x",
            school_year=school_year_for_date(),
            form="internship",
            schools=[world.institution],
        )
    assert "vmbo-scholen" in _field_error(excinfo, "schools")


def test_a_place_is_at_an_institution_or_a_college_not_a_school(plan, world):
    with pytest.raises(ValidationError) as excinfo:
        services.place_add(allocation_round=plan.round, organisation=world.school_b, capacity=2)
    assert "organisation" in excinfo.value.message_dict


def test_the_import_names_the_bad_line_and_writes_nothing(plan):
    before = RoundStudent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.students_import(allocation_round=plan.round, text="L05;3B;3\n\nL06;3B;7\nL07;3B;2")
    assert _field_error(excinfo, "text").startswith("Regel 3:")
    assert "7" in _field_error(excinfo, "text")
    assert RoundStudent.objects.count() == before


@pytest.mark.parametrize(
    ("text", "line"),
    [("L09;3B", "1"), (";3B;3", "1"), ("L09;3B;3\nL01;3A;3", "2"), ("L09;3B;3\nL09;3B;3", "2")],
)
def test_the_import_refuses_missing_cells_and_names_already_there(plan, text, line):
    with pytest.raises(ValidationError) as excinfo:
        services.students_import(allocation_round=plan.round, text=text)
    assert _field_error(excinfo, "text").startswith(f"Regel {line}:")
    assert not RoundStudent.objects.filter(name="L09").exists()


def test_a_place_chosen_twice_is_refused_on_that_choice(plan):
    student = plan.students[0]
    with pytest.raises(ValidationError) as excinfo:
        services.preferences_save(
            student=student, place_ids=[plan.tuesday.pk, plan.tuesday.pk, None]
        )
    assert "twee keer" in _field_error(excinfo, "choice_2")
    assert list(student.preferences.values_list("rank", flat=True)) == [1, 2]  # unchanged


def test_a_place_of_another_round_is_refused(plan, world):
    other = services.round_create(
        title="Stage",
        school_year=plan.round.school_year,
        form="internship",
        schools=[world.school_a],
    )
    foreign = services.place_add(allocation_round=other, organisation=world.institution, capacity=1)
    with pytest.raises(ValidationError) as excinfo:
        services.preferences_save(student=plan.students[0], place_ids=[foreign.pk])
    assert "choice_1" in excinfo.value.message_dict


def test_more_choices_than_the_round_allows_are_refused(plan):
    with pytest.raises(ValidationError):
        services.preferences_save(student=plan.students[0], place_ids=[None, None, None, None])


def test_empty_choices_close_up_so_ranks_stay_one_two_three(plan):
    services.preferences_save(
        student=plan.students[0], place_ids=[None, plan.roc.pk, plan.tuesday.pk]
    )
    assert [(p.rank, p.place) for p in plan.students[0].preferences.all()] == [
        (1, plan.roc),
        (2, plan.tuesday),
    ]


def test_a_student_chooses_through_the_link_only_while_the_round_is_open(plan):
    with pytest.raises(ValidationError):
        services.preferences_save(
            student=plan.students[0], place_ids=[plan.roc.pk], by_student=True
        )
    services.round_open(allocation_round=plan.round)
    services.preferences_save(student=plan.students[0], place_ids=[plan.roc.pk], by_student=True)
    assert plan.students[0].preferences.get().place == plan.roc


def test_the_personal_link_is_kept_as_a_hash_and_stops_working_when_revoked(plan):
    student = plan.students[0]
    key = services.student_link_create(student=student)
    student.refresh_from_db()
    assert key not in student.link_hash and student.link_hash == secret_hash(key)
    services.student_link_revoke(student=student)
    assert RoundStudent.objects.get(pk=student.pk).link_hash == ""


def test_a_duo_is_set_on_both_partners_and_a_new_one_frees_the_old_partner(plan):
    a, b, c = plan.students[:3]
    services.student_update(student=a, data={"duo_with": b})
    b.refresh_from_db()
    assert b.duo_with == a
    services.student_update(student=c, data={"duo_with": a})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.duo_with == c and b.duo_with is None


def test_running_a_round_without_students_says_so(world, plan):
    empty = services.round_create(
        title="Leeg",
        school_year=plan.round.school_year,
        form="internship",
        schools=[world.school_a],
    )
    with pytest.raises(ValidationError) as excinfo:
        services.round_run_start(allocation_round=empty)
    assert excinfo.value.messages == ["Voeg eerst leerlingen toe voordat je de ronde uitvoert."]
    empty.refresh_from_db()
    assert empty.status == RoundStatus.DRAFT


def test_every_change_to_a_student_is_in_the_history(plan):
    student = plan.students[0]
    services.student_update(student=student, data={"group": "3C", "guardian_consent": True})
    kinds = list(student.history.order_by("history_date").values_list("history_type", "group"))
    assert kinds == [("+", "3B"), ("~", "3C")]
    assert Preference.history.filter(student_id=student.pk).count() >= 2


def test_places_and_students_are_fixed_once_the_result_is_published(ran):
    services.round_publish(allocation_round=ran.round)
    with pytest.raises(ValidationError):
        services.student_add(allocation_round=ran.round, name="L99", study_year=3)
