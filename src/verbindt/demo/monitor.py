"""Demo data for the monitor: earlier school years in which collaboration grew, evaluations
with the students' enthusiasm, outreach that stalls, and schools working with an mbo college
or with each other. Created once; existing records are left as they are."""

import datetime as dt
from decimal import Decimal

from verbindt.collaborations import services
from verbindt.collaborations.models import Collaboration, ContactLogEntry, Evaluation
from verbindt.core.models import SchoolYear
from verbindt.core.services import school_year_get_or_create
from verbindt.demo.collaborations import _agreed_plan, _make, _once
from verbindt.network.models import Organisation, OrganisationKind

HISTORY_YEARS = 3
QUOTES = [
    "De leerlingen waren trots dat ze echt iets betekenden voor de bewoners.",
    "Door het vaste rooster wisten de begeleiders precies wanneer de groep kwam.",
    "Samen lesgeven met het mbo maakte de overstap voor leerlingen heel concreet.",
    "Blijven bellen loont: na drie pogingen hadden we een vaste contactpersoon.",
    "De verwendag bracht jong en oud echt met elkaar in gesprek.",
]


def _schools() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION).order_by("name"))


def seed_history(*, year: SchoolYear) -> None:
    """Each earlier year fewer schools collaborated, and fewer on a plan: a rising trend."""
    schools = _schools()
    for back in range(HISTORY_YEARS, 0, -1):
        earlier = school_year_get_or_create(start_year=year.start_year - back)
        active = schools[: len(schools) * (HISTORY_YEARS + 1 - back) // (HISTORY_YEARS + 1)]
        for index, school in enumerate(active):
            host = (
                Organisation.objects.filter(kind=OrganisationKind.INSTITUTION, region=school.region)
                .order_by("name")
                .first()
            )
            if host is None:
                continue
            c = _make(
                f"Gastlessen {school.name} {earlier.label}",
                ["guest_lesson"],
                [(school, "initiator"), (host, "host")],
                earlier,
                status="evaluated",
            )
            if c is None:
                continue
            planned = index % 3 == 0 and back == 1  # the first schools to work on a plan
            for month in (9, 11, 2, 5) if planned else (10, 3):
                day = (earlier.start if month > 7 else earlier.end).replace(month=month, day=6)
                _once(c, day + dt.timedelta(days=index % 5), "guest_lesson", 20 + index)
            if planned:
                _agreed_plan(c, earlier, "Vaste gastlessen.", ["Vier gastlessen per jaar"])


def seed_monitor(*, year: SchoolYear) -> None:
    seed_history(year=year)
    schools = _schools()
    colleges = {
        o.region_id: o for o in Organisation.objects.filter(kind=OrganisationKind.MBO_COLLEGE)
    }
    for index, school in enumerate(schools[1::3]):
        college = colleges.get(school.region_id)
        if college is None:
            continue
        c = _make(
            f"Meeloopdagen {college.name} voor {school.name}",
            ["experience_week"],
            [(school, "initiator"), (college, "host")],
            year,
            status="active",
        )
        if c:
            _once(c, year.end.replace(month=2, day=10 + index), "experience_week", 30)
    by_region: dict[int | None, list[Organisation]] = {}
    for school in schools:
        by_region.setdefault(school.region_id, []).append(school)
    for first, second, *_rest in (group for group in by_region.values() if len(group) > 1):
        _make(
            f"Gastlessen uitwisselen {first.name} en {second.name}",
            ["guest_lesson"],
            [(first, "initiator"), (second, "participant")],
            year,
            status="agreed",
        )
    _evaluations(year)
    _stalled_outreach(year)


def _evaluations(year: SchoolYear) -> None:
    running = Collaboration.objects.filter(school_years=year, status="active").order_by("pk")
    for index, collaboration in enumerate(running):
        if Evaluation.objects.filter(collaboration=collaboration, school_year=year).exists():
            continue
        services.evaluation_add(
            collaboration=collaboration,
            by=None,  # type: ignore[arg-type]
            data={
                "school_year": year,
                "moment": "after_session",
                "student_enthusiasm": Decimal("3.4") + Decimal(index % 5) * Decimal("0.35"),
                "student_responses": 12 + index % 9,
                "partner_satisfaction": 3 + index % 3,
                "went_well": QUOTES[index % len(QUOTES)],
            },
        )


def _stalled_outreach(year: SchoolYear) -> None:
    """The schools that reach out but hear nothing back: a few calls and mails each."""
    for collaboration in Collaboration.objects.filter(
        school_years=year, status="contact_sought", title__startswith="Contact gezocht"
    ):
        if ContactLogEntry.objects.filter(collaboration=collaboration).exists():
            continue
        for days, channel, summary in (
            (20, "email", "Mail gestuurd met het voorstel voor gastlessen."),
            (34, "phone", "Teruggebeld, voicemail ingesproken."),
            (55, "email", "Herinnering gestuurd; nog geen reactie."),
        ):
            services.log_entry_add(
                collaboration=collaboration,
                by=None,  # type: ignore[arg-type]
                data={
                    "date": year.start + dt.timedelta(days=days),
                    "channel": channel,
                    "summary": summary,
                    "bottlenecks": ["getting_contact"],
                },
            )
