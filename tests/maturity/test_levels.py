"""Levels stored per school and year: computed from the services' data, recomputed after
changes by a debounced task, kept with their history, and recomputed by a command."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from verbindt.collaborations import services
from verbindt.collaborations.services import PartnerSpec
from verbindt.maturity.models import LevelChange, SchoolLevel, StaleSchool
from verbindt.maturity.services import (
    levels_mark_stale,
    levels_recompute,
    levels_recompute_stale,
    scan_save,
    thresholds_save,
)

from .conftest import agree_plan, collaborate, quarterly


def level_of(organisation, year) -> str:
    return SchoolLevel.objects.get(organisation=organisation, school_year=year).level


def test_recomputing_stores_each_schools_level_with_the_evidence(world, year, line, incidental):
    levels_recompute(school_years=[year])
    assert level_of(world.school_a, year) == "learning_line"
    assert level_of(world.school_b, year) == "incidental"
    assert level_of(world.outsider_school, year) == "none"
    stored = SchoolLevel.objects.get(organisation=world.school_a, school_year=year).assessment
    assert stored["lead"] == line.pk
    assert all(c["met"] for c in stored["criteria"])
    plan = next(c for c in stored["criteria"] if c["code"] == "plan")
    assert plan["evidence"] == [["plan", line.plans.get().pk, line.pk]]
    # Institutions and mbo colleges have no level of their own.
    assert not SchoolLevel.objects.filter(organisation=world.institution).exists()


def test_every_change_through_the_services_marks_the_schools_in_it_stale(world, year):
    c = collaborate(year, world.school_a, world.institution, status="idea")
    assert set(StaleSchool.objects.values_list("organisation_id", flat=True)) == {world.school_a.pk}
    StaleSchool.objects.all().delete()
    services.collaboration_set_status(collaboration=c, status="active")
    assert StaleSchool.objects.filter(organisation=world.school_a).exists()
    StaleSchool.objects.all().delete()
    added = services.partner_add(collaboration=c, spec=PartnerSpec(world.school_b, "participant"))
    assert set(StaleSchool.objects.values_list("organisation_id", flat=True)) == {
        world.school_a.pk,
        world.school_b.pk,
    }
    StaleSchool.objects.all().delete()
    services.partner_remove(partner=added)  # the school that left is recomputed too
    assert world.school_b.pk in set(StaleSchool.objects.values_list("organisation_id", flat=True))


def test_the_level_rises_step_by_step_and_the_history_keeps_each_step(
    world, year, settings, django_capture_on_commit_callbacks
):
    settings.MATURITY_RECOMPUTE_DELAY = 0
    levels_recompute(school_years=[year])
    assert level_of(world.school_a, year) == "none"
    c = collaborate(year, world.school_a, world.institution)
    levels_recompute_stale()
    assert level_of(world.school_a, year) == "incidental"
    agree_plan(c, year)
    quarterly(c, year)  # written directly: no service marked the school
    services.collaboration_set_status(collaboration=c, status="evaluated")
    levels_recompute_stale()
    assert level_of(world.school_a, year) == "structural"
    steps = list(
        LevelChange.objects.filter(organisation=world.school_a, school_year=year)
        .order_by("pk")
        .values_list("previous", "level")
    )
    assert steps == [("", "none"), ("none", "incidental"), ("incidental", "structural")]
    # Recomputing without changes adds no history.
    levels_recompute(school_years=[year])
    assert LevelChange.objects.filter(organisation=world.school_a, school_year=year).count() == 3


def test_a_change_of_thresholds_recomputes_every_school(world, year, line):
    levels_recompute(school_years=[year])
    assert level_of(world.school_a, year) == "learning_line"
    thresholds_save(data={"min_joint_sessions": 5})
    assert set(StaleSchool.objects.values_list("organisation_id", flat=True)) == {
        world.school_a.pk,
        world.school_b.pk,
        world.outsider_school.pk,
    }
    StaleSchool.objects.update(since=timezone.now() - dt.timedelta(minutes=5))
    levels_recompute_stale()
    assert level_of(world.school_a, year) == "structural"


def test_the_command_recomputes_every_school_and_refuses_a_bad_year(world, year, line, capsys):
    call_command("recompute_levels", "--school-year", year.label)
    assert f"{year.label}: 3 level(s) changed" in capsys.readouterr().out
    assert level_of(world.school_a, year) == "learning_line"
    with pytest.raises(CommandError, match="2025-2027"):
        call_command("recompute_levels", "--school-year", "2025-2027")


def test_the_self_scan_is_kept_per_year_and_gives_a_level(world, year, docent_user=None):
    answers = {
        "forms": ["weekly_support"],
        "partners": ["work_field"],
        "plan": "agreed",
        "frequency": "weekly",
        "wish": "",
    }
    scan = scan_save(organisation=world.school_a, school_year=year, answers=answers, by=None)
    assert scan.level == "structural" and "wish" not in scan.answers
    again = scan_save(organisation=world.school_a, school_year=year, answers={"forms": []}, by=None)
    assert again.pk == scan.pk and again.level == "none"
    assert again.history.count() == 2


@pytest.mark.parametrize(
    ("organisation", "answers", "code"),
    [
        ("institution", {}, "not_a_school"),
        ("school_a", {"shoe_size": 42}, "unknown_question"),
    ],
)
def test_the_self_scan_refuses_what_it_cannot_keep(world, year, organisation, answers, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        scan_save(
            organisation=getattr(world, organisation), school_year=year, answers=answers, by=None
        )
    assert error.value.code == code


def test_merging_a_duplicate_school_keeps_one_level_per_year_and_recomputes(world, year, line):
    from verbindt.network.services import organisation_merge

    levels_recompute(school_years=[year])
    levels_mark_stale(organisation_ids=[world.school_a.pk, world.school_b.pk])
    organisation_merge(keep=world.school_b, remove=world.school_a)
    assert SchoolLevel.objects.filter(organisation=world.school_b, school_year=year).count() == 1
    assert list(StaleSchool.objects.values_list("organisation_id", flat=True)) == [
        world.school_b.pk
    ]
    StaleSchool.objects.update(since=timezone.now() - dt.timedelta(minutes=5))
    levels_recompute_stale()
    assert level_of(world.school_b, year) == "learning_line"  # the merged school's line


def test_a_consultation_recorded_elsewhere_counts_when_two_partners_took_part(world, year, line):
    line.meetings.all().delete()
    overleg = collaborate(year, world.school_b, world.mbo_college, form="regional_consultation")
    day = year.start.replace(month=11, day=5)
    services.meeting_add(collaboration=overleg, date=day, participants=[world.school_a])
    levels_recompute(school_years=[year])
    assert level_of(world.school_a, year) == "structural"  # one partner present is not enough
    services.meeting_add(
        collaboration=overleg, date=day, participants=[world.school_a, world.mbo_college]
    )
    levels_recompute(school_years=[year])
    assert level_of(world.school_a, year) == "learning_line"
