"""Collaborations: partners, the status pipeline, year plans with confirmations, sessions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from verbindt.collaborations import selectors, services
from verbindt.collaborations.models import Agreement, Session, Status, YearPlan
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.services import school_year_get_or_create
from verbindt.network.models import Location
from verbindt.planning.services import holidays_ensure_built_in

TZ = timezone.get_current_timezone()


@pytest.fixture
def year(db):
    holidays_ensure_built_in()
    return school_year_get_or_create(start_year=2026)


@pytest.fixture
def weekly(world, year):
    """School A's students help at the institution every week: two partners, one plan."""
    Location.objects.create(organisation=world.school_a, place="Deventer", holiday_region="midden")
    return services.collaboration_create(
        title="Lunchhulp in De Linde",
        forms=["weekly_support"],
        partners=[
            PartnerSpec(world.school_a, "initiator"),
            PartnerSpec(world.institution, "host"),
        ],
        school_years=[year],
        by=world.school,
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TZ)


def _code(error):
    return next(iter(error.value.error_dict.values()))[0].code


def test_a_collaboration_needs_two_different_partners_and_a_form(world, year):
    one = [PartnerSpec(world.school_a, "initiator")]
    create = services.collaboration_create
    with pytest.raises(ValidationError) as error:
        create(title="X", forms=["guest_lesson"], partners=one, school_years=[year])
    assert _code(error) == "too_few"
    twice = [*one, PartnerSpec(world.school_a, "host")]
    with pytest.raises(ValidationError) as error:
        create(title="X", forms=["guest_lesson"], partners=twice, school_years=[year])
    assert _code(error) == "duplicate"
    two = [*one, PartnerSpec(world.institution, "host")]
    with pytest.raises(ValidationError) as error:
        create(title="X", forms=[], partners=two, school_years=[year])
    assert _code(error) == "no_form"


def test_every_status_change_is_kept_and_stopping_needs_a_reason(weekly, world):
    services.collaboration_set_status(collaboration=weekly, status=Status.IN_TALKS, by=world.school)
    with pytest.raises(ValidationError):
        services.collaboration_set_status(
            collaboration=weekly, status=Status.STOPPED, by=world.school
        )
    services.collaboration_set_status(
        collaboration=weekly, status=Status.STOPPED, reason="Geen begeleiding meer", by=world.docent
    )
    changes = [(c.old_status, c.new_status, c.by) for c in weekly.status_changes.all()]
    assert changes == [
        ("", "idea", world.school),
        ("idea", "in_talks", world.school),
        ("in_talks", "stopped", world.docent),
    ]
    assert weekly.stopped_reason == "Geen begeleiding meer"


def test_a_plan_is_agreed_only_when_every_partner_confirmed_the_current_version(
    weekly, world, year
):
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    services.plan_save(plan=plan, data={"goals": "Elke week lunchhulp"}, version=1)
    services.agreement_save(plan=plan, data={"what": "Elke dinsdag 4 leerlingen"}, version=2)
    school = weekly.partners.get(organisation=world.school_a)
    institution = weekly.partners.get(organisation=world.institution)
    services.plan_confirm(plan=plan, partner=school, version=3, by=world.school)
    assert not selectors.plan_state(plan).agreed
    services.plan_confirm(plan=plan, partner=institution, version=3, by=world.instelling)
    assert selectors.plan_state(plan).agreed

    services.plan_save(plan=plan, data={"goals": "Elke week lunchhulp, ook in juni"}, version=3)
    assert not selectors.plan_state(plan).agreed  # a later edit asks for confirmation again


def test_only_a_member_of_a_partner_confirms_for_it(weekly, world, year):
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    institution = weekly.partners.get(organisation=world.institution)
    with pytest.raises(PermissionDenied):
        services.plan_confirm(plan=plan, partner=institution, version=1, by=world.school)
    with pytest.raises(PermissionDenied):
        services.plan_confirm(plan=plan, partner=institution, version=1, by=world.platform)


def test_a_second_save_from_an_old_version_is_a_conflict_and_loses_nothing(weekly, year):
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    services.plan_save(plan=plan, data={"goals": "Eerste versie van Sanne"}, version=1)
    with pytest.raises(services.PlanConflict) as conflict:
        services.plan_save(plan=plan, data={"goals": "Tegelijk door Daan"}, version=1)
    assert conflict.value.current.goals == "Eerste versie van Sanne"
    plan.refresh_from_db()
    assert (plan.goals, plan.version) == ("Eerste versie van Sanne", 2)


def test_last_years_plan_is_copied_into_a_new_school_year(weekly, year):
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    services.plan_save(
        plan=plan, data={"goals": "Lunchhulp", "budget_teacher_hours": 40}, version=1
    )
    services.agreement_save(plan=plan, data={"what": "Dinsdag", "status": "done"}, version=2)
    services.agreement_save(plan=plan, data={"what": "Oud", "status": "dropped"}, version=3)
    copy = services.plan_copy(plan=plan, school_year=school_year_get_or_create(start_year=2027))
    assert (copy.goals, copy.budget_teacher_hours, copy.version) == ("Lunchhulp", Decimal(40), 1)
    assert list(copy.agreements.values_list("what", "status")) == [("Dinsdag", "open")]
    with pytest.raises(ValidationError):
        services.plan_copy(plan=plan, school_year=copy.school_year)


def test_hours_spent_are_summed_from_the_sessions_of_the_school_year(weekly, year):
    for day in (dt.date(2026, 10, 6), dt.date(2026, 10, 13)):
        Session.objects.create(
            collaboration=weekly,
            form="weekly_support",
            starts_at=_at(day, 11),
            ends_at=_at(day, 13),
            hours_teacher=2,
            hours_professional=Decimal("1.5"),
        )
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    assert selectors.plan_state(plan).spent == {
        "teacher": Decimal(4),
        "supervisor": Decimal(0),
        "professional": Decimal(3),
    }


def test_a_session_that_ends_before_it_starts_is_refused(weekly):
    day = dt.date(2026, 10, 6)
    with pytest.raises(ValidationError, match="na de begintijd"):
        services.session_save(
            collaboration=weekly,
            data={"form": "weekly_support", "starts_at": _at(day, 13), "ends_at": _at(day, 11)},
        )
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("day", "warning"),
    [
        (dt.date(2027, 9, 7), "buiten de schooljaren"),
        (dt.date(2026, 12, 22), "in een schoolvakantie"),
    ],
)
def test_a_session_outside_the_years_or_in_a_holiday_needs_confirmation(weekly, day, warning):
    data = {"form": "weekly_support", "starts_at": _at(day, 11), "ends_at": _at(day, 13)}
    with pytest.raises(services.SessionWarning) as raised:
        services.session_save(collaboration=weekly, data=data)
    assert warning in " ".join(raised.value.messages)
    assert not Session.objects.exists()
    services.session_save(collaboration=weekly, data=data, confirmed=True)
    assert Session.objects.count() == 1


def test_negative_hours_are_refused(weekly):
    day = dt.date(2026, 10, 6)
    with pytest.raises(ValidationError):
        services.session_save(
            collaboration=weekly,
            data={
                "form": "weekly_support",
                "starts_at": _at(day, 11),
                "ends_at": _at(day, 13),
                "hours_teacher": Decimal(-2),
            },
        )


def test_a_weekly_series_skips_the_school_holidays_of_the_schools_region(weekly):
    series, skipped = services.series_create(
        collaboration=weekly,
        weekday=1,
        start_time=dt.time(11, 30),
        end_time=dt.time(13, 30),
        first_date=dt.date(2026, 10, 1),
        last_date=dt.date(2027, 6, 30),
    )
    days = [timezone.localtime(s.starts_at).date() for s in series.sessions.all()]
    assert all(day.weekday() == 1 for day in days)
    assert dt.date(2026, 12, 22) not in days and dt.date(2026, 12, 22) in skipped
    assert len(days) + len(skipped) == 39  # every Tuesday from 6 Oct 2026 to 29 Jun 2027
    assert timezone.localtime(series.sessions.first().starts_at).time() == dt.time(11, 30)


def test_a_series_without_any_session_is_refused(weekly):
    with pytest.raises(ValidationError, match="geen bijeenkomsten"):
        services.series_create(
            collaboration=weekly,
            weekday=1,
            start_time=dt.time(11),
            end_time=dt.time(12),
            first_date=dt.date(2026, 12, 21),
            last_date=dt.date(2027, 1, 1),
        )
    assert not Session.objects.exists()


def test_bottlenecks_in_the_log_count_for_the_collaboration(weekly, world):
    services.log_entry_add(
        collaboration=weekly,
        data={
            "date": dt.date(2026, 11, 2),
            "channel": "phone",
            "summary": "Geen begeleider",
            "bottlenecks": ["time_for_supervision"],
        },
        by=world.school,
    )
    weekly.refresh_from_db()
    assert weekly.bottlenecks == ["time_for_supervision"]


def test_partners_see_each_others_contacts(weekly, world):
    from verbindt.network.models import Contact

    Contact.objects.create(
        organisation=world.institution, name="Ria Kok", function="practice_supervisor"
    )
    assert world.docent.has_perm("network.view_contacts", world.institution)
    assert not world.mbo.has_perm("network.view_contacts", world.institution)


def test_the_audit_trail_says_who_changed_what_from_what_to_what(weekly, year, world):
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    services.plan_save(plan=plan, data={"goals": "Lunchhulp"}, version=1)
    services.plan_save(plan=plan, data={"goals": "Lunchhulp en spelletjes"}, version=2)
    goals = str(YearPlan._meta.get_field("goals").verbose_name)
    changed = [
        (f, old, new) for change in selectors.audit_trail(weekly) for f, old, new in change.fields
    ]
    assert (goals, "Lunchhulp", "Lunchhulp en spelletjes") in changed
    assert Agreement.history.count() == 0


def test_the_evaluation_summary_weighs_enthusiasm_by_the_students_who_answered(weekly, world, year):
    for enthusiasm, responses, satisfaction in ((Decimal(4), 30, 4), (Decimal(2), 10, 2)):
        services.evaluation_add(
            collaboration=weekly,
            data={
                "school_year": year,
                "moment": "after_session",
                "student_enthusiasm": enthusiasm,
                "student_responses": responses,
                "partner_satisfaction": satisfaction,
            },
            by=world.school,
        )
    (summary,) = selectors.evaluation_summary(weekly)
    assert summary.school_year == "2026-2027"
    assert summary.student_enthusiasm == Decimal("3.5")  # (4×30 + 2×10) / 40
    assert (summary.students, summary.partner_satisfaction, summary.evaluations) == (
        40,
        Decimal(3),
        2,
    )


def test_enthusiasm_outside_one_to_five_is_refused(weekly, world, year):
    with pytest.raises(ValidationError):
        services.evaluation_add(
            collaboration=weekly,
            data={"school_year": year, "moment": "year_end", "student_enthusiasm": Decimal(6)},
            by=world.school,
        )


def test_planned_sessions_do_not_count_as_hours_spent(weekly, year):
    future = timezone.localdate() + dt.timedelta(days=7)
    Session.objects.create(
        collaboration=weekly,
        form="weekly_support",
        starts_at=_at(future, 11),
        ends_at=_at(future, 13),
        hours_teacher=2,
    )
    plan = services.plan_get_or_create(collaboration=weekly, school_year=year)
    assert selectors.plan_state(plan).spent["teacher"] == 0
