"""Collaborations at each level for the named actors' schools (see tests/conftest.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from verbindt.collaborations import services
from verbindt.collaborations.models import Session
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.services import school_year_for_date


@pytest.fixture
def year():
    return school_year_for_date()


def session_on(collaboration, day: dt.date, **extra) -> Session:
    starts = dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone())
    return Session.objects.create(
        collaboration=collaboration,
        form="guest_lesson",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        **extra,
    )


def quarterly(collaboration, year, **extra) -> list[Session]:
    """One session in each quarter of the school year."""
    return [
        session_on(
            collaboration,
            year.start.replace(month=m, day=10) if m >= 8 else year.end.replace(month=m, day=10),
            **extra,
        )
        for m in (9, 11, 2, 5)
    ]


def agree_plan(collaboration, year, agreements=("Elke week vier leerlingen",)):
    plan = services.plan_get_or_create(collaboration=collaboration, school_year=year)
    for what in agreements:
        services.agreement_save(plan=plan, data={"what": what}, version=plan.version)
    for partner in collaboration.partners.all():
        partner.confirmations.create(plan=plan, version=plan.version)
    return plan


def collaborate(year, school, *others, form="guest_lesson", status="active"):
    """A collaboration of ``school`` (initiator) with ``others`` (hosts) in ``year``."""
    return services.collaboration_create(
        title=f"{form} {school.name}",  # e.g. "joint_teaching IJsselborg vmbo Deventer"
        forms=[form],
        partners=[
            PartnerSpec(school, "initiator"),
            *(PartnerSpec(other, "host") for other in others),
        ],
        school_years=[year],
        status=status,
    )


@pytest.fixture
def line(world, year):
    """School A's continuous learning line with the mbo college and the institution."""
    c = collaborate(
        year, world.school_a, world.mbo_college, world.institution, form="joint_teaching"
    )
    agree_plan(c, year)
    quarterly(c, year, joint_teaching=True)
    for aspect in ("content", "pedagogy", "didactics"):
        services.alignment_set(collaboration=c, aspect=aspect, status="aligned")
    services.meeting_add(
        collaboration=c,
        date=year.start.replace(month=10, day=14),
        participants=[world.school_a, world.mbo_college],
    )
    return c


@pytest.fixture
def incidental(world, year):
    """School B's one guest lesson, without a plan."""
    c = collaborate(year, world.school_b, world.institution)
    session_on(c, year.start.replace(month=10, day=1))
    return c
