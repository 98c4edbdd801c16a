"""Collaborations and sessions of one region: 2,000 collaborations, 50,000 sessions.

Run from the project root (it makes its own SQLite database in a temporary folder and serves
it with gunicorn and the product's settings file, 2 workers, on 127.0.0.1:8732; see server.py):

    .venv/bin/python bench/bench_collaborations.py [--collaborations 2000] [--sessions 50000]
        [--requests 200]

Region "oost" gets 60 vmbo locations, 10 mbo colleges and 300 institutions; every
collaboration has a vmbo location and one or two other partners and one or two forms, and the
sessions are spread over the school days of the current school year. Two collaborations are
made through the services (plans, agreements, sessions and their edits, so they have history);
the rest is bulk-created. It times the pages as two users: the regional coordinator of "oost"
(sees every collaboration) and the school coordinator of one vmbo location (sees about 35).

It prints the queries per page for both users at two data sizes (a tenth of the data, then all
of it; they should be equal) and p50/p95/max latency beside /healthz (one SELECT 1). Slow
pages (a warm-up median over 100 ms) get a tenth of the requests. Figures go in
bench/README.md.
"""

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from server import COLUMNS, bench_env, fill, login, serve, summary, timed

PORT = 8732
PASSWORD = "bench-password-123"
USERS = {"regional": "bench-regional", "school": "bench-school"}


def _school_days(start_year: int) -> list[dt.date]:
    """Weekdays from 1 September to 10 July, without the Christmas holiday (roughly)."""
    day, last = dt.date(start_year, 9, 1), dt.date(start_year + 1, 7, 10)
    christmas = (dt.date(start_year, 12, 19), dt.date(start_year + 1, 1, 4))
    days = []
    while day <= last:
        if day.weekday() < 5 and not christmas[0] <= day <= christmas[1]:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _month_to_show(today: dt.date, start_year: int) -> str:
    """This month when it falls in the filled school months, else March."""
    if dt.date(start_year, 9, 1) <= today <= dt.date(start_year + 1, 6, 30):
        return today.strftime("%Y-%m")
    return f"{start_year + 1}-03"


class Filler:
    """Runs inside a child process with the bench settings."""

    def __init__(self) -> None:
        from django.utils import timezone

        from verbindt.core.models import Region
        from verbindt.core.services import school_year_for_date, school_year_get_or_create

        self.rng = random.Random(4)
        self.tz = timezone.get_current_timezone()
        self.region = Region.objects.get(code="oost")
        self.year = school_year_for_date()
        self.last_year = school_year_get_or_create(start_year=self.year.start_year - 1)
        self.days = _school_days(self.year.start_year)
        self.made = 0  # bulk collaborations so far

    def organisations(self) -> None:
        from verbindt.network.models import Location, Organisation, OrganisationKind

        places = ["Deventer", "Zwolle", "Apeldoorn", "Enschede", "Arnhem", "Nijmegen", "Ede"]
        specs = (
            [(OrganisationKind.VMBO_LOCATION, f"Vmbo-locatie {i:02d}", "") for i in range(60)]
            + [(OrganisationKind.MBO_COLLEGE, f"ROC {i:02d}", "") for i in range(10)]
            + [(OrganisationKind.INSTITUTION, f"Zorg {i:03d}", "elderly_care") for i in range(300)]
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                kind=kind,
                name=f"{name} {places[i % len(places)]}",
                sector=sector,
                region=self.region,
                teaches_zw=kind == OrganisationKind.VMBO_LOCATION,
            )
            for i, (kind, name, sector) in enumerate(specs)
        )
        locations = Location.objects.bulk_create(
            Location(
                organisation=o,
                street="Dorpsstraat",
                house_number=str(i % 300 + 1),
                postcode=f"{7000 + i % 999} AB",
                place=places[i % len(places)],
                province="overijssel",
                holiday_region="noord",
            )
            for i, o in enumerate(organisations)
        )
        self.location_of = {loc.organisation_id: loc for loc in locations}
        self.vmbo = organisations[:60]
        self.mbo = organisations[60:70]
        self.institutions = organisations[70:]

    def users(self, token_file: Path) -> None:
        from verbindt.accounts.models import Role
        from verbindt.accounts.services import api_token_create, membership_create, user_create
        from verbindt.network.models import Organisation

        office = Organisation.objects.create(name="Platform Oost", kind="other", region=self.region)
        self.regional = user_create(username=USERS["regional"], password=PASSWORD)
        membership_create(
            user=self.regional,
            organisation=office,
            role=Role.REGIONAL_COORDINATOR,
            region=self.region,
        )
        self.school = user_create(username=USERS["school"], password=PASSWORD)
        membership_create(user=self.school, organisation=self.vmbo[0], role=Role.SCHOOL_COORDINATOR)
        tokens = {
            key: api_token_create(user=user, name="bench")[1]
            for key, user in (("regional", self.regional), ("school", self.school))
        }
        token_file.write_text(json.dumps(tokens))

    def rich(self, rounds: int) -> int:
        """A collaboration of the timed school made through the services, with ``rounds`` of
        edits: plans, agreements, sessions and their changes, log entries, evaluations."""
        from decimal import Decimal

        from verbindt.collaborations import services
        from verbindt.collaborations.models import Form, PartnerRole, Status

        partners = [
            services.PartnerSpec(self.vmbo[0], PartnerRole.INITIATOR),
            services.PartnerSpec(self.mbo[rounds], PartnerRole.PARTICIPANT),
            services.PartnerSpec(self.institutions[rounds], PartnerRole.HOST),
        ]
        collaboration = services.collaboration_create(
            title=f"Doorlopende leerlijn {rounds}",
            forms=[Form.JOINT_TEACHING, Form.GUEST_LESSON],
            partners=partners,
            school_years=[self.last_year, self.year],
            origin="plan",
            by=self.school,
        )
        for status in (Status.CONTACT_SOUGHT, Status.IN_TALKS, Status.AGREED, Status.ACTIVE):
            services.collaboration_set_status(
                collaboration=collaboration, status=status, by=self.school
            )
        years = [self.year] if rounds == 1 else [self.last_year, self.year]
        for year in years:
            plan = services.plan_get_or_create(collaboration=collaboration, school_year=year)
            for n in range(2 * rounds):
                services.plan_save(
                    plan=plan,
                    data={"goals": f"Doelen, versie {n}", "budget_teacher_hours": 10 + n},
                    version=plan.version,
                )
                agreement = services.agreement_save(
                    plan=plan,
                    data={"what": f"Afspraak {n}", "hours": Decimal(2)},
                    version=plan.version,
                )
                services.agreement_save(
                    plan=plan,
                    data={"what": f"Afspraak {n}", "hours": Decimal(3), "when": "wekelijks"},
                    version=plan.version,
                    agreement=agreement,
                )
        location = self.location_of[self.vmbo[0].pk]
        for n in range(5 * rounds):
            starts = dt.datetime.combine(self.days[n * 7], dt.time(11, 30), self.tz)
            session = services.session_save(
                collaboration=collaboration,
                data={
                    "starts_at": starts,
                    "ends_at": starts + dt.timedelta(hours=2),
                    "form": Form.JOINT_TEACHING,
                    "location": location,
                    "students": 12,
                    "hours_teacher": Decimal(2),
                },
                confirmed=True,
            )
            services.session_save(
                collaboration=collaboration, data={"students": 14}, session=session, confirmed=True
            )
        for n in range(3 * rounds):
            services.log_entry_add(
                collaboration=collaboration,
                data={
                    "date": self.days[n * 5],
                    "channel": "email",
                    "summary": f"Overleg {n}",
                    "bottlenecks": ["time_for_consultation"],
                },
                by=self.school,
            )
            services.evaluation_add(
                collaboration=collaboration,
                data={
                    "school_year": self.year,
                    "moment": "after_session",
                    "student_enthusiasm": Decimal("4.2"),
                    "student_responses": 12,
                    "went_well": "Goed",
                },
                by=self.school,
            )
        return collaboration.pk

    def bulk(self, count: int, sessions: int) -> None:
        """``count`` collaborations with ``sessions`` sessions between them, bulk-created."""
        from decimal import Decimal

        from verbindt.collaborations.models import (
            Collaboration,
            CollaborationForm,
            Form,
            Partner,
            PartnerRole,
            Session,
            Status,
            StatusChange,
            YearPlan,
        )

        forms, statuses = Form.values, Status.values
        first = self.made
        collaborations = Collaboration.objects.bulk_create(
            Collaboration(
                title=f"Samenwerking {i:04d} {forms[i % len(forms)]}",
                status=statuses[i % len(statuses)],
                stopped_reason="Geen tijd" if statuses[i % len(statuses)] == "stopped" else "",
                origin="plan" if i % 3 == 0 else "chance",
                created_by=self.school if i % 60 == 0 else self.regional,
            )
            for i in range(first, first + count)
        )
        uses, partners, years, changes, plans, made = [], [], [], [], [], []
        through = Collaboration.school_years.through
        for i, c in enumerate(collaborations, start=first):
            kinds = sorted({forms[i % len(forms)], forms[(i * 5 + 3) % len(forms)]})
            kinds = kinds if i % 2 == 0 else kinds[:1]
            uses += [CollaborationForm(collaboration=c, form=form) for form in kinds]
            others = [self.institutions[(i * 7) % 300]]
            if i % 2 == 1:
                others.append(self.mbo[i % 10])
            partners.append(
                Partner(collaboration=c, organisation=self.vmbo[i % 60], role=PartnerRole.INITIATOR)
            )
            partners += [
                Partner(collaboration=c, organisation=o, role=PartnerRole.HOST) for o in others
            ]
            years.append(through(collaboration_id=c.pk, schoolyear_id=self.year.pk))
            if i % 4 == 0:
                years.append(through(collaboration_id=c.pk, schoolyear_id=self.last_year.pk))
            changes.append(StatusChange(collaboration=c, new_status=c.status))
            if i % 3 == 0:
                plans.append(YearPlan(collaboration=c, school_year=self.year, goals="Stage"))
            made.append((c, kinds, [self.vmbo[i % 60], *others]))
        CollaborationForm.objects.bulk_create(uses)
        Partner.objects.bulk_create(partners)
        through.objects.bulk_create(years)
        StatusChange.objects.bulk_create(changes)
        YearPlan.objects.bulk_create(plans)
        slots = [dt.time(8, 30), dt.time(10, 15), dt.time(11, 30), dt.time(13, 0), dt.time(14, 30)]
        rows = []
        for n, (c, kinds, organisations) in enumerate(made):
            share = sessions // count + (1 if n < sessions % count else 0)
            for day in sorted(self.rng.sample(self.days, share)):
                starts = dt.datetime.combine(day, self.rng.choice(slots), self.tz)
                hours = self.rng.choice((1, 2))
                rows.append(
                    Session(
                        collaboration=c,
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=hours),
                        location=self.location_of[self.rng.choice(organisations).pk],
                        form=self.rng.choice(kinds),
                        students=self.rng.randint(4, 30),
                        groups=self.rng.randint(1, 2),
                        hours_teacher=Decimal(hours),
                        hours_professional=Decimal(hours),
                    )
                )
        Session.objects.bulk_create(rows, batch_size=2000)
        self.made += count


def _pages(info: dict) -> list[tuple[str, str, str]]:
    """(label, key, url): the timed pages, with ``key`` the collaboration they need."""
    return [
        ("board", "", "/collaborations/"),
        ("list", "", "/collaborations/?view=list"),
        ("month calendar + upcoming", "", f"/collaborations/sessions/?month={info['month']}"),
        ("detail, bulk-made (1 plan)", "plain", "/collaborations/{pk}/"),
        ("detail, made by services, small", "rich1", "/collaborations/{pk}/"),
        ("detail, made by services, 2x", "rich2", "/collaborations/{pk}/"),
        ("API list, 50 rows", "", "/api/v1/collaborations?page_size=50"),
        ("API sessions, 20 rows", "plain", "/api/v1/collaborations/{pk}/sessions"),
        ("API sessions, 50 rows", "plain", "/api/v1/collaborations/{pk}/sessions?page_size=50"),
    ]


def _count_queries(info: dict, stage: str) -> dict[tuple[str, str], int]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from verbindt.collaborations.models import Session
    from verbindt.collaborations.selectors import collaborations_visible_to

    counts = {}
    for who, username in USERS.items():
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        seen = collaborations_visible_to(get_user_model().objects.get(username=username))
        year, month = (int(part) for part in info["month"].split("-"))
        first = dt.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
        after = (first + dt.timedelta(days=32)).replace(day=1)
        shown = Session.objects.filter(
            collaboration__in=seen, starts_at__gte=first, starts_at__lt=after
        ).count()
        print(f"[{stage}] {who}: sees {seen.count()} collaborations, {shown} sessions that month")
        for label, key, url in _pages(info):
            url = url.format(pk=info.get(key))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.content) // 1024
            print(f"[{stage}] queries {who:8} {label:34} {len(queries):4}   {size:6} KiB")
            counts[who, label] = len(queries)
    return counts


def _fill(collaborations: int, sessions: int, info_file: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    filler = Filler()
    filler.organisations()
    filler.users(info_file.with_suffix(".tokens"))
    info = {"month": _month_to_show(timezone.localdate(), filler.year.start_year)}
    info["rich1"] = filler.rich(1)
    info["rich2"] = filler.rich(2)
    from verbindt.collaborations.models import Collaboration, Partner, Session

    made = Session.objects.count()
    small = max(collaborations // 10, 2)
    started = time.perf_counter()
    filler.bulk(small - 2, sessions // 10 - made)
    # A bulk-made collaboration of the timed school with a plan (i = 60).
    info["plain"] = (
        Partner.objects.filter(organisation=filler.vmbo[0], collaboration__plans__isnull=False)
        .exclude(collaboration_id__in=[info["rich1"], info["rich2"]])
        .values_list("collaboration_id", flat=True)
        .first()
    )
    before = _count_queries(info, f"{Collaboration.objects.count()} / {Session.objects.count()}")
    filler.bulk(collaborations - small, sessions - sessions // 10)
    print(f"bulk-created in {time.perf_counter() - started:.1f} s")
    after = _count_queries(info, f"{Collaboration.objects.count()} / {Session.objects.count()}")
    grown = [
        f"{who} {label}: {before[who, label]} -> {n}"
        for (who, label), n in after.items()
        if n != before[who, label]
    ]
    print("queries grow with the data: " + ("; ".join(grown) if grown else "none"))
    info_file.write_text(json.dumps(info))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--collaborations", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=50000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fill-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_only:
        _fill(args.collaborations, args.sessions, args.fill_only)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp) / "bench.sqlite3", PORT)
        info_file = Path(tmp) / "info.json"
        started = time.perf_counter()
        fill(
            env,
            __file__,
            str(info_file),
            "--collaborations",
            str(args.collaborations),
            "--sessions",
            str(args.sessions),
        )
        print(f"filled and counted in {time.perf_counter() - started:.1f} s")
        info = json.loads(info_file.read_text())
        tokens = json.loads(info_file.with_suffix(".tokens").read_text())
        with serve(env, PORT):
            print(f"{'what':52} {COLUMNS}")
            anchor = urllib.request.build_opener()
            timed(anchor, PORT, "/healthz", {}, 5)
            times = timed(anchor, PORT, "/healthz", {}, args.requests)
            print(f"{'trivial page /healthz (anchor)':52} {summary(times)}")
            for who, username in USERS.items():
                opener = login(PORT, username, PASSWORD)
                auth = {"Authorization": f"Bearer {tokens[who]}"}
                for label, key, url in _pages(info):
                    url = url.format(pk=info.get(key))
                    headers = auth if url.startswith("/api/") else {}
                    warm = timed(opener, PORT, url, headers, 5)
                    slow = statistics.median(warm) > 100
                    n = max(20, args.requests // 10) if slow else args.requests
                    times = timed(opener, PORT, url, headers, n)
                    print(f"{who + ': ' + label:52} {summary(times)}")
            times = timed(anchor, PORT, "/healthz", {}, args.requests)
            print(f"{'trivial page /healthz (anchor, again)':52} {summary(times)}")
        print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
