"""A small, fully known picture for the monitor's tests, and its figures counted by hand.

Region Oost: school A (learning line) and school B (incidental, whose outreach to the mbo
college stalls); region Zuid: the outsider's school (incidental). Counting is done here from
the records as written, not by the selectors under test.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from verbindt.collaborations.models import (
    Collaboration,
    CollaborationForm,
    ContactLogEntry,
    Evaluation,
    Partner,
    Session,
    YearPlan,
)
from verbindt.core.models import SchoolYear
from verbindt.maturity.models import SchoolLevel


def _collaboration(title, year, partners, form, *, status="active", bottlenecks=()):
    c = Collaboration.objects.create(title=title, status=status, bottlenecks=list(bottlenecks))
    c.school_years.add(year)
    CollaborationForm.objects.create(collaboration=c, form=form)
    for i, organisation in enumerate(partners):
        Partner.objects.create(
            collaboration=c, organisation=organisation, role="initiator" if i == 0 else "host"
        )
    return c


def _sessions(c, year, form, students, count, *, hours_teacher=0):
    tz = timezone.get_current_timezone()
    for i in range(count):
        start = dt.datetime.combine(year.start + dt.timedelta(days=40 + 7 * i), dt.time(10), tz)
        Session.objects.create(
            collaboration=c,
            form=form,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            students=students,
            hours_teacher=hours_teacher,
        )


def build(world, year: SchoolYear, previous: SchoolYear) -> SimpleNamespace:
    w = world
    w.institution.sector = "elderly_care"
    w.institution.save()
    w.institution_zuid.sector = "home_care"
    w.institution_zuid.save()
    c1 = _collaboration(
        "Lunch helpers",
        year,
        [w.school_a, w.institution],
        "weekly_support",
        bottlenecks=["communication"],
    )
    _sessions(c1, year, "weekly_support", 4, 3, hours_teacher=2)
    YearPlan.objects.create(collaboration=c1, school_year=year, budget_teacher_hours=10)
    c2 = _collaboration(
        "Learning line care",
        year,
        [w.school_a, w.mbo_college, w.institution],
        "joint_teaching",
        bottlenecks=["time_for_consultation", "communication"],
    )
    _sessions(c2, year, "joint_teaching", 10, 2)
    for c, score in ((c1, "4.0"), (c2, "5.0")):
        Evaluation.objects.create(
            collaboration=c,
            school_year=year,
            moment="year_end",
            student_enthusiasm=score,
            student_responses=10,
            went_well="De leerlingen waren trots op wat ze deden.",
        )
    c3 = _collaboration(
        "Guest lesson swap", year, [w.school_b, w.school_a], "guest_lesson", status="agreed"
    )
    _sessions(c3, year, "guest_lesson", 20, 1)
    c4 = _collaboration(
        "Experience week wanted",
        year,
        [w.school_b, w.mbo_college],
        "experience_week",
        status="contact_sought",
    )
    for day in (10, 20):
        ContactLogEntry.objects.create(
            collaboration=c4,
            date=year.start + dt.timedelta(days=60 + day),
            channel="email",
            summary="No answer yet",
            bottlenecks=["getting_contact"],
        )
    c5 = _collaboration(
        "Block internship Venlo",
        year,
        [w.outsider_school, w.institution_zuid],
        "internship",
        bottlenecks=["transport"],
    )
    _sessions(c5, year, "internship", 5, 1)
    c6 = _collaboration(
        "Last year's guest lesson", previous, [w.school_a, w.institution], "guest_lesson"
    )
    _sessions(c6, previous, "guest_lesson", 25, 1)
    for school, level in (
        (w.school_a, "learning_line"),
        (w.school_b, "incidental"),
        (w.outsider_school, "incidental"),
    ):
        SchoolLevel.objects.update_or_create(
            organisation=school, school_year=year, defaults={"level": level}
        )
    SchoolLevel.objects.update_or_create(
        organisation=w.school_a, school_year=previous, defaults={"level": "incidental"}
    )
    return SimpleNamespace(
        collaborations=[c1, c2, c3, c4, c5, c6],
        levels={"oost": {"learning_line": 1, "incidental": 1}, "zuid": {"incidental": 1}},
        forms={  # form: (collaborations, sessions, students) in the current year
            "weekly_support": (1, 3, 12),
            "joint_teaching": (1, 2, 20),
            "guest_lesson": (1, 1, 20),
            "experience_week": (1, 0, 0),
            "internship": (1, 1, 5),
        },
        combinations={"vmbo_vmbo": 1, "vmbo_mbo": 1, "vmbo_work_field": 2, "all_three": 1},
        bottlenecks={
            "communication": 2,
            "time_for_consultation": 1,
            "getting_contact": 1,
            "transport": 1,
        },
        facilitated_teacher=10.0,
        spent_teacher=6.0,
        stalled={w.school_b.pk: 2},
        enthusiasm=4.5,
    )
