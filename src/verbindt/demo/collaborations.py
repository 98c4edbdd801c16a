"""Demo collaborations in the three groups the national day found (see PRODUCT.md):

- a continuous learning line: IJsselborg (Deventer) teaches with ROC IJsselvallei and De Linde
  once a month, has aligned content, pedagogy and didactics, and meets in regional
  consultation;
- structural: a plan agreed by all partners with sessions all year (Vechtdal Ommen and about a
  third of the other schools);
- incidental: internships and guest lessons without a plan; some outreach that stalls; and one
  school with nothing yet. Created once; existing collaborations are left as they are.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from verbindt.accounts.models import User
from verbindt.collaborations import services
from verbindt.collaborations.models import (
    ActionItem,
    Alignment,
    Collaboration,
    ConsultationMeeting,
    LearningLink,
    Session,
)
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.models import SchoolYear
from verbindt.network.models import Elective, Organisation, OrganisationKind

TZ = timezone.get_current_timezone()


def _make(
    title: str,
    forms: list[str],
    partners: list[tuple[Organisation, str]],
    year: SchoolYear,
    *,
    status: str,
    origin: str = "chance",
    by: User | None = None,
) -> Collaboration | None:
    if Collaboration.objects.filter(title=title).exists():
        return None
    return services.collaboration_create(
        title=title,
        forms=forms,
        partners=[PartnerSpec(org, role, list(org.contacts.all()[:1])) for org, role in partners],
        school_years=[year],
        origin=origin,
        status=status,
        by=by,
    )


def _agreed_plan(
    collaboration: Collaboration, year: SchoolYear, goals: str, agreements: list[str]
) -> None:
    plan = services.plan_get_or_create(collaboration=collaboration, school_year=year)
    services.plan_save(
        plan=plan,
        data={
            "goals": goals,
            "budget_teacher_hours": 40,
            "budget_supervisor_hours": 20,
            "budget_professional_hours": 30,
        },
        version=plan.version,
    )
    for what in agreements:
        services.agreement_save(
            plan=plan, data={"what": what, "hours": Decimal(2)}, version=plan.version
        )
    for partner in collaboration.partners.all():
        # The demo stands in for each partner's own confirmation.
        partner.confirmations.create(plan=plan, version=plan.version)


def _weekly(collaboration: Collaboration, year: SchoolYear, weekday: int, students: int) -> None:
    services.series_create(
        collaboration=collaboration,
        weekday=weekday,
        start_time=dt.time(11, 30),
        end_time=dt.time(13, 30),
        first_date=year.start.replace(month=9, day=15),
        last_date=year.end.replace(month=6, day=30),
        session_data={
            "students": students,
            "groups": 1,
            "hours_teacher": Decimal(2),
            "hours_professional": Decimal(1),
        },
    )


def _once(collaboration: Collaboration, day: dt.date, form: str, students: int) -> None:
    Session.objects.create(
        collaboration=collaboration,
        form=form,
        students=students,
        groups=1,
        starts_at=dt.datetime.combine(day, dt.time(9), TZ),
        ends_at=dt.datetime.combine(day, dt.time(12), TZ),
        hours_teacher=Decimal(3),
        hours_professional=Decimal(3),
    )


def seed_collaborations(*, year: SchoolYear, school_user: User | None) -> None:
    org = {o.name: o for o in Organisation.objects.all()}
    ijsselborg, linde, roc = (
        org["IJsselborg vmbo Deventer"],
        org["Woonzorgcentrum De Linde Deventer"],
        org["ROC IJsselvallei Deventer"],
    )
    line = _make(
        "Doorlopende leerlijn Zorg & Welzijn Deventer",
        ["joint_teaching", "regional_consultation", "experience_week"],
        [(ijsselborg, "initiator"), (roc, "participant"), (linde, "host")],
        year,
        status="active",
        origin="plan",
        by=school_user,
    )
    if line:
        _agreed_plan(
            line,
            year,
            "Vmbo, mbo en De Linde geven samen les in de keuzevakken en stemmen af.",
            [
                "Elke maand een gezamenlijke les op het ROC",
                "Ervaringsweek in maart",
                "Overleg per kwartaal",
            ],
        )
        _weekly(line, year, weekday=3, students=12)
        for aspect in ("content", "pedagogy", "didactics"):
            Alignment.objects.create(collaboration=line, aspect=aspect, status="aligned")
        # The monthly joint lesson at the ROC: the first session of every month.
        first_of_month: dict[tuple[int, int], int] = {}
        for pk, starts_at in line.sessions.values_list("pk", "starts_at"):
            first_of_month.setdefault((starts_at.year, starts_at.month), pk)
        line.sessions.filter(pk__in=first_of_month.values()).update(joint_teaching=True)
        for elective in Elective.objects.filter(
            name__in=["Welzijn volwassenen en ouderen", "Assisteren in de gezondheidszorg"]
        ):
            for qualification in roc.qualifications.all()[:2]:
                LearningLink.objects.create(
                    collaboration=line, elective=elective, qualification=qualification
                )
        for month in (10, 1):
            meeting = ConsultationMeeting.objects.create(
                collaboration=line,
                date=(year.start if month > 7 else year.end).replace(month=month, day=14),
                minutes="Afstemming leerlijn; rooster gezamenlijke lessen.",
            )
            meeting.participants.set([ijsselborg, roc, linde])
            ActionItem.objects.create(
                meeting=meeting,
                description="Rooster delen met de mentoren",
                owner=roc.contacts.first(),
                due_date=meeting.date + dt.timedelta(days=14),
                done=month == 10,
            )
    weekly = _make(
        "Lunchhulp in De Linde",
        ["weekly_support"],
        [(ijsselborg, "initiator"), (linde, "host")],
        year,
        status="active",
        origin="plan",
        by=school_user,
    )
    if weekly:
        _agreed_plan(
            weekly,
            year,
            "Elke week helpen vier leerlingen bij de lunch.",
            ["Dinsdag 11:30–13:30, 4 leerlingen"],
        )
        _weekly(weekly, year, weekday=1, students=4)
    schools = list(
        Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION)
        .exclude(pk=ijsselborg.pk)
        .order_by("name")
    )
    for index, school in enumerate(schools):
        nearby = list(
            Organisation.objects.filter(
                kind=OrganisationKind.INSTITUTION, region=school.region
            ).order_by("name")
        )
        if index == len(schools) - 1 or not nearby:
            continue  # one school without any collaboration yet
        host = nearby[index % len(nearby)]
        place = school.name.rsplit(" ", 1)[-1]
        if index % 3 == 0:  # structural
            c = _make(
                f"Verwendagen {place}",
                ["pamper_day", "buddy_project"],
                [(school, "initiator"), (host, "participant")],
                year,
                status="active",
                origin="plan",
            )
            if c:
                _agreed_plan(
                    c,
                    year,
                    "Elke maand een verwendag voor ouderen uit de wijk.",
                    ["Eerste vrijdag van de maand"],
                )
                _weekly(c, year, weekday=4, students=8)
        else:  # incidental
            c = _make(
                f"Blokstage {host.name}",
                ["internship", "guest_lesson"],
                [(school, "initiator"), (host, "host")],
                year,
                status="active",
            )
            if c:
                _once(c, year.start.replace(month=11, day=3 + index), "guest_lesson", 25)
                _once(c, year.end.replace(month=3, day=9 + index), "internship", 6)
                services.log_entry_add(
                    collaboration=c,
                    by=None,
                    data={  # type: ignore[arg-type]
                        "date": year.start.replace(month=10, day=1 + index),
                        "channel": "phone",
                        "summary": "Begeleiding tijdens de stage is krap.",
                        "bottlenecks": ["time_for_supervision", "professional_time"],
                    },
                )
        if index % 4 == 1:  # outreach that has not worked yet
            _make(
                f"Contact gezocht met {nearby[-1].name}",
                ["guest_lesson"],
                [(school, "initiator"), (nearby[-1], "participant")],
                year,
                status="contact_sought",
            )
    _make(
        "Keuzevak Haarverzorging met Knip",
        ["elective_exchange"],
        [
            (org["Vechtdal vmbo Ommen"], "initiator"),
            (org["Kapsalon & Beautystudio Knip Deventer"], "host"),
        ],
        year,
        status="agreed",
        origin="plan",
    )
    stopped = _make(
        "Buddyproject Vechtdal",
        ["buddy_project"],
        [(org["Vechtdal vmbo Ommen"], "initiator"), (org["Verpleeghuis Het Anker Ommen"], "host")],
        year,
        status="idea",
    )
    if stopped:
        services.collaboration_set_status(
            collaboration=stopped,
            status="stopped",
            reason="Geen uren voor begeleiding van de buddy's.",
        )
