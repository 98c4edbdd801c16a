"""The maturity classifier at national scale: 700 schools, 15,000 collaborations, 300,000
sessions in one school year.

    .venv/bin/python bench/bench_maturity.py [--schools 700] [--collaborations 15000]
        [--sessions 300000] [--skip-db]

Part 1 times the pure rules (``maturity.rules.classify_school``) on plain data, built by a
seeded generator: every collaboration has one school and one or two partners (an mbo college
in one of six), a year plan for four in ten (nine in ten of those confirmed by all), a weekly
series for one in five, alignment and regional consultations for one in twenty, and the
sessions spread at random over the school days.

Part 2 puts the same data in a temporary SQLite database with the product's settings and
times ``levels_recompute`` for the year — what ``verbindt recompute_levels`` and the
background task do: load the facts in a fixed number of queries, classify, store the levels
and their history — first with nothing stored, then again with nothing changed. Figures go in
bench/README.md.
"""

import argparse
import datetime as dt
import os
import random
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from verbindt.maturity import rules  # pure: no settings needed

START_YEAR = 2025
START = dt.date(START_YEAR, 8, 1)
ASPECTS = ("content", "pedagogy", "didactics")


def school_days() -> list[dt.date]:
    day, last, days = dt.date(START_YEAR, 9, 1), dt.date(START_YEAR + 1, 7, 10), []
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def generate(schools: int, collaborations: int, sessions: int, seed: int = 5) -> list[dict]:
    """Plain rows, one per collaboration, that both parts turn into their own records."""
    rng = random.Random(seed)
    days = school_days()
    rows = []
    per = sessions // collaborations
    for c in range(collaborations):
        mbo = c % 6 == 0
        rows.append(
            {
                "id": c + 1,
                "school": c % schools,
                "mbo": mbo,
                "status": rng.choice(["active"] * 6 + ["agreed", "evaluated", "idea", "stopped"]),
                "plan": rng.random() < 0.4,
                "confirmed_all": rng.random() < 0.9,
                "agreements": rng.randint(0, 4),
                "series": rng.random() < 0.2,
                "aligned": [a for a in ASPECTS if mbo and rng.random() < 0.5],
                "meetings": [rng.choice(days) for _ in range(rng.randint(0, 2))] if mbo else [],
                "sessions": sorted(rng.choice(days) for _ in range(per)),
                "joint": mbo and rng.random() < 0.5,
            }
        )
    return rows


def facts(rows: list[dict]) -> dict[int, list[rules.Collaboration]]:
    per_school: dict[int, list[rules.Collaboration]] = defaultdict(list)
    session_id = 0
    for row in rows:
        sessions = []
        for day in row["sessions"]:
            session_id += 1
            sessions.append(rules.Session(session_id, day, row["joint"] and session_id % 7 == 0))
        partners = 3 if row["mbo"] else 2
        per_school[row["school"]].append(
            rules.Collaboration(
                id=row["id"],
                status=row["status"],
                in_year=True,
                partner_kinds=frozenset(
                    {"vmbo_location", "institution", *(["mbo_college"] if row["mbo"] else [])}
                ),
                alignment={aspect: "aligned" for aspect in row["aligned"]},
                plan=rules.Plan(
                    row["id"],
                    row["agreements"],
                    partners,
                    partners if row["confirmed_all"] else 1,
                )
                if row["plan"]
                else None,
                sessions=tuple(sessions),
                series=(rules.Series(row["id"], 1, dt.date(2025, 9, 15), dt.date(2026, 6, 30)),)
                if row["series"]
                else (),
                meetings=tuple(rules.Meeting(i, day) for i, day in enumerate(row["meetings"])),
            )
        )
    return per_school


def pure(rows: list[dict]) -> None:
    per_school = facts(rows)
    best = []
    for _ in range(5):
        started = time.perf_counter()
        results = {
            school: rules.classify_school(cs, year_start=START) for school, cs in per_school.items()
        }
        best.append(time.perf_counter() - started)
    tracemalloc.start()
    for cs in per_school.values():
        rules.classify_school(cs, year_start=START)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    levels = defaultdict(int)
    for result in results.values():
        levels[result.level.code] += 1
    print(
        f"pure rules: {len(per_school)} schools, {len(rows)} collaborations, "
        f"{sum(len(r['sessions']) for r in rows)} sessions: best of 5 {min(best):.3f} s, "
        f"median {sorted(best)[2]:.3f} s, peak extra memory {peak / 2**20:.1f} MiB"
    )
    print("   levels:", dict(sorted(levels.items())))


def database(rows: list[dict], schools: int) -> None:
    import django

    folder = Path(tempfile.mkdtemp(prefix="verbindt-bench-maturity-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="verbindt.config.settings",
        DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}",
        SECRET_KEY="bench-only",
        LOG_LEVEL="WARNING",
    )
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from verbindt.collaborations.models import (
        Agreement,
        Alignment,
        Collaboration,
        ConsultationMeeting,
        Partner,
        PlanConfirmation,
        Session,
        SessionSeries,
        YearPlan,
    )
    from verbindt.core.services import school_year_get_or_create
    from verbindt.maturity.models import SchoolLevel
    from verbindt.maturity.services import levels_recompute
    from verbindt.network.models import Organisation

    call_command("migrate", verbosity=0)
    tz = timezone.get_current_timezone()
    started = time.perf_counter()
    with transaction.atomic():
        year = school_year_get_or_create(start_year=START_YEAR)
        orgs = Organisation.objects.bulk_create(
            [Organisation(name=f"School {i}", kind="vmbo_location") for i in range(schools)]
            + [Organisation(name=f"ROC {i}", kind="mbo_college") for i in range(70)]
            + [Organisation(name=f"Zorg {i}", kind="institution") for i in range(2000)]
        )
        school_orgs, mbo, field = orgs[:schools], orgs[schools : schools + 70], orgs[schools + 70 :]
        made = Collaboration.objects.bulk_create(
            Collaboration(title=f"Samenwerking {row['id']}", status=row["status"]) for row in rows
        )
        Collaboration.school_years.through.objects.bulk_create(
            Collaboration.school_years.through(collaboration_id=c.pk, schoolyear_id=year.pk)
            for c in made
        )
        partners, plans, series, aligned, meetings, sessions = [], [], [], [], [], []
        for row, c in zip(rows, made, strict=True):
            partners.append(
                Partner(collaboration=c, organisation=school_orgs[row["school"]], role="initiator")
            )
            partners.append(
                Partner(collaboration=c, organisation=field[row["id"] % 2000], role="host")
            )
            if row["mbo"]:
                partners.append(
                    Partner(collaboration=c, organisation=mbo[row["id"] % 70], role="participant")
                )
            if row["plan"]:
                plans.append(YearPlan(collaboration=c, school_year=year))
            if row["series"]:
                series.append(
                    SessionSeries(
                        collaboration=c,
                        weekday=1,
                        start_time=dt.time(11),
                        end_time=dt.time(13),
                        first_date=dt.date(2025, 9, 15),
                        last_date=dt.date(2026, 6, 30),
                    )
                )
            aligned += [
                Alignment(collaboration=c, aspect=a, status="aligned") for a in row["aligned"]
            ]
            meetings += [ConsultationMeeting(collaboration=c, date=day) for day in row["meetings"]]
            for n, day in enumerate(row["sessions"]):
                starts = dt.datetime.combine(day, dt.time(10), tz)
                sessions.append(
                    Session(
                        collaboration=c,
                        form="guest_lesson",
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=2),
                        joint_teaching=row["joint"] and n % 7 == 0,
                    )
                )
        Partner.objects.bulk_create(partners, batch_size=2000)
        plans = YearPlan.objects.bulk_create(plans, batch_size=2000)
        SessionSeries.objects.bulk_create(series, batch_size=2000)
        Alignment.objects.bulk_create(aligned, batch_size=2000)
        ConsultationMeeting.objects.bulk_create(meetings, batch_size=2000)
        Session.objects.bulk_create(sessions, batch_size=5000)
        by_collaboration = {row["id"]: row for row in rows}
        first_id = made[0].pk - 1
        plan_partners = defaultdict(list)
        for p in Partner.objects.filter(collaboration__plans__isnull=False):
            plan_partners[p.collaboration_id].append(p)
        agreements, confirmations = [], []
        for plan in plans:
            row = by_collaboration[plan.collaboration_id - first_id]
            agreements += [
                Agreement(plan=plan, what=f"Afspraak {i}") for i in range(row["agreements"])
            ]
            chosen = plan_partners[plan.collaboration_id]
            confirmations += [
                PlanConfirmation(plan=plan, partner=p, version=1)
                for p in (chosen if row["confirmed_all"] else chosen[:1])
            ]
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        PlanConfirmation.objects.bulk_create(confirmations, batch_size=2000)
    print(f"database filled in {time.perf_counter() - started:.1f} s ({folder})")
    for run in ("first run (nothing stored)", "second run (nothing changed)"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            changed = levels_recompute(school_years=[year])
            took = time.perf_counter() - started
        print(
            f"levels_recompute, {run}: {took:.2f} s, {len(queries)} queries, "
            f"{changed} levels changed"
        )
    counts = defaultdict(int)
    for level in SchoolLevel.objects.values_list("level", flat=True):
        counts[level] += 1
    print("   stored levels:", dict(sorted(counts.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=700)
    parser.add_argument("--collaborations", type=int, default=15_000)
    parser.add_argument("--sessions", type=int, default=300_000)
    parser.add_argument("--skip-db", action="store_true", help="only the pure rules")
    args = parser.parse_args()
    rows = generate(args.schools, args.collaborations, args.sessions)
    pure(rows)
    if not args.skip_db:
        database(rows, args.schools)


if __name__ == "__main__":
    main()
