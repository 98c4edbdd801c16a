"""A national-scale dataset for the monitor: 700 vmbo locations, 70 mbo colleges, 20,000
institutions, 15,000 collaborations and 300,000 sessions over the school years 2021-2022 to
2025-2026, seeded, so two runs with the same seed and scale make the same data.

Run from the project root on an empty database (it migrates first; it refuses a database that
already holds organisations, so it never mixes with real data):

    .venv/bin/python bench/national_data.py --db /tmp/national.sqlite3 [--scale 0.05] [--seed 2026]
    DATABASE_URL=postgres://user:pw@host/verbindt_bench .venv/bin/python bench/national_data.py

Without ``--db`` it fills the database named by DATABASE_URL and refuses to start when that is
not set (the default settings would point at the developer's own SQLite file). ``--scale``
shrinks every count but the regions and the school years (0.05: 35 schools, 750
collaborations, 15,000 sessions). Other scripts import ``fill`` after ``django.setup()`` and
``migrate`` (see bench_monitor.py).

What it makes, besides the counts above: the Platform's five regions; every organisation with
a region and a main location around one of 51 Dutch town centres (weighted by size, a fifth
spread wider over the countryside), contacts with e-mail for the schools and colleges, DUO
exam-candidate counts per school and year; collaborations of one vmbo school with one or two
of another school / an mbo college / an institution (every combination occurs), with a status
mix and its status changes, origin, bottlenecks, forms and one to three school years, year
plans with agreements and budget hours for about four in ten collaborations a year, confirmed
by every partner for most, sessions with students, groups and hours (joint teaching mostly
where an mbo college takes part), end-of-year evaluations with student enthusiasm, contact
logs (also for outreach still without agreement), alignment and regional consultations for
some mbo collaborations. Everything is bulk-created, bypassing the services (no history rows);
the maturity levels of every school and year are then stored with ``levels_recompute``.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

YEARS = range(2021, 2026)  # start years: 2021-2022 … 2025-2026
FULL = {
    "vmbo": 700,
    "mbo": 70,
    "institutions": 20_000,
    "collaborations": 15_000,
    "sessions": 300_000,
}
TZ = ZoneInfo("Europe/Amsterdam")
BATCH = 5000  # objects per bulk_create call; Django splits it further for SQLite's 999 params

# (town, latitude, longitude, province, first PC4 of the town, weight ~ inhabitants / 10,000)
TOWNS = [
    ("Amsterdam", 52.3728, 4.8936, "noord-holland", 1011, 90),
    ("Rotterdam", 51.9225, 4.4792, "zuid-holland", 3011, 65),
    ("Den Haag", 52.0786, 4.2886, "zuid-holland", 2511, 55),
    ("Utrecht", 52.0907, 5.1214, "utrecht", 3511, 37),
    ("Eindhoven", 51.4416, 5.4697, "noord-brabant", 5611, 24),
    ("Groningen", 53.2194, 6.5665, "groningen", 9711, 24),
    ("Tilburg", 51.5555, 5.0913, "noord-brabant", 5038, 22),
    ("Almere", 52.3508, 5.2647, "flevoland", 1315, 22),
    ("Breda", 51.5719, 4.7683, "noord-brabant", 4811, 19),
    ("Nijmegen", 51.8426, 5.8528, "gelderland", 6511, 18),
    ("Apeldoorn", 52.2112, 5.9699, "gelderland", 7311, 17),
    ("Arnhem", 51.9851, 5.8987, "gelderland", 6811, 17),
    ("Haarlem", 52.3874, 4.6462, "noord-holland", 2011, 16),
    ("Enschede", 52.2215, 6.8937, "overijssel", 7511, 16),
    ("Amersfoort", 52.1561, 5.3878, "utrecht", 3811, 16),
    ("Zaandam", 52.4420, 4.8292, "noord-holland", 1506, 15),
    ("'s-Hertogenbosch", 51.6978, 5.3037, "noord-brabant", 5211, 15),
    ("Zwolle", 52.5168, 6.0830, "overijssel", 8011, 13),
    ("Leiden", 52.1601, 4.4970, "zuid-holland", 2311, 12),
    ("Maastricht", 50.8514, 5.6910, "limburg", 6211, 12),
    ("Dordrecht", 51.8133, 4.6901, "zuid-holland", 3311, 12),
    ("Zoetermeer", 52.0575, 4.4931, "zuid-holland", 2711, 12),
    ("Leeuwarden", 53.2012, 5.7999, "friesland", 8911, 12),
    ("Emmen", 52.7792, 6.9069, "drenthe", 7811, 11),
    ("Ede", 52.0402, 5.6649, "gelderland", 6711, 12),
    ("Deventer", 52.2551, 6.1639, "overijssel", 7411, 10),
    ("Venlo", 51.3704, 6.1724, "limburg", 5911, 10),
    ("Heerlen", 50.8882, 5.9795, "limburg", 6411, 9),
    ("Middelburg", 51.4988, 3.6136, "zeeland", 4331, 5),
    ("Goes", 51.5040, 3.8880, "zeeland", 4461, 4),
    ("Terneuzen", 51.3355, 3.8281, "zeeland", 4531, 5),
    ("Assen", 52.9928, 6.5642, "drenthe", 9401, 7),
    ("Den Helder", 52.9563, 4.7601, "noord-holland", 1781, 6),
    ("Alkmaar", 52.6324, 4.7534, "noord-holland", 1811, 11),
    ("Hoorn", 52.6424, 5.0597, "noord-holland", 1621, 7),
    ("Lelystad", 52.5185, 5.4714, "flevoland", 8232, 8),
    ("Sneek", 53.0330, 5.6590, "friesland", 8601, 5),
    ("Heerenveen", 52.9600, 5.9200, "friesland", 8441, 5),
    ("Drachten", 53.1070, 6.0990, "friesland", 9201, 5),
    ("Roermond", 51.1942, 5.9870, "limburg", 6041, 6),
    ("Helmond", 51.4793, 5.6570, "noord-brabant", 5701, 9),
    ("Roosendaal", 51.5308, 4.4653, "noord-brabant", 4701, 8),
    ("Oss", 51.7650, 5.5180, "noord-brabant", 5341, 9),
    ("Gouda", 52.0115, 4.7105, "zuid-holland", 2801, 7),
    ("Doetinchem", 51.9650, 6.2890, "gelderland", 7001, 6),
    ("Hengelo", 52.2658, 6.7931, "overijssel", 7551, 8),
    ("Almelo", 52.3570, 6.6625, "overijssel", 7607, 7),
    ("Harderwijk", 52.3420, 5.6210, "gelderland", 3841, 5),
    ("Winterswijk", 51.9720, 6.7200, "gelderland", 7101, 3),
    ("Stadskanaal", 52.9893, 6.9500, "groningen", 9501, 3),
    ("Delfzijl", 53.3300, 6.9180, "groningen", 9934, 3),
]
HOLIDAY_REGION = {
    **dict.fromkeys(
        ["groningen", "friesland", "drenthe", "overijssel", "flevoland", "noord-holland"], "noord"
    ),
    **dict.fromkeys(["utrecht", "zuid-holland", "gelderland"], "midden"),
    **dict.fromkeys(["zeeland", "noord-brabant", "limburg"], "zuid"),
}
LAT, LON = (50.8, 53.4), (3.5, 7.1)

SCHOOL_NAMES = ["Stedelijk College", "Vakcollege", "De Brug", "Het Baken", "Maerlant", "Da Vinci"]
SCHOOL_NAMES += ["Comenius", "Het Kompas", "De Rietlanden", "Sint-Jozef", "Montessori", "Lyceum"]
MBO_NAMES = ["ROC", "Zorgcollege", "Albeda", "Summa", "Graafschap College", "Noorderpoort"]
SECTORS = {  # sector → (weight, name prefixes)
    "elderly_care": (25, ["Woonzorgcentrum", "Verpleeghuis"]),
    "disability_care": (12, ["Zorgboerderij", "Woongroep"]),
    "childcare": (18, ["Kinderopvang", "Kinderdagverblijf"]),
    "hospital": (5, ["Ziekenhuis", "Revalidatiecentrum"]),
    "mental_health": (6, ["GGZ"]),
    "youth_care": (6, ["Jeugdzorg"]),
    "home_care": (10, ["Thuiszorg"]),
    "welfare": (8, ["Buurtteam", "Welzijn"]),
    "sport": (5, ["Sportcentrum"]),
    "beauty": (4, ["Kapsalon", "Schoonheidssalon"]),
    "other": (1, ["Stichting"]),
}
NAMES = ["De Linde", "Het Anker", "De Es", "Zonnehof", "De Horst", "Het Baken", "De Wilgen"]
NAMES += ["Avondrood", "De Regenboog", "'t Vlindertje", "De Eik", "Het Palet", "De Zonnebloem"]
STREETS = ["Schoolstraat", "Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Parklaan"]
STREETS += ["Julianalaan", "Beatrixstraat", "Nieuwe Markt", "Zuidwal", "Ringweg", "Hoofdstraat"]
FIRST = ["Anouk", "Bram", "Chantal", "Dirk", "Esra", "Fleur", "Gijs", "Hanna", "Ilias", "Joke"]
FIRST += ["Kees", "Lotte", "Mohamed", "Noor", "Oscar", "Priya", "Ruud", "Sanne", "Tim", "Yara"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
LAST += ["Yilmaz", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "El Amrani", "Kramer"]

# Who takes part beside the vmbo school that initiates: (kinds of the others, weight).
COMBINATIONS = [
    (("institution",), 42),
    (("mbo",), 18),
    (("mbo", "institution"), 20),
    (("vmbo",), 7),
    (("vmbo", "institution"), 7),
    (("vmbo", "mbo"), 6),
]
STATUSES = [  # (status, weight): the path runs idea → … → the status (stopped: from anywhere)
    ("idea", 5),
    ("contact_sought", 8),
    ("in_talks", 10),
    ("agreed", 12),
    ("active", 45),
    ("evaluated", 12),
    ("stopped", 8),
]
PATH = ["idea", "contact_sought", "in_talks", "agreed", "active", "evaluated"]
WITH_WORK = {"agreed", "active", "evaluated", "stopped"}  # statuses that have plans and sessions
FORMS_FIELD = ["internship", "guest_lesson", "weekly_support", "pamper_day", "buddy_project"]
FORMS_MBO = ["elective_exchange", "joint_teaching", "experience_week", "regional_consultation"]
START_WEIGHTS = [12, 16, 20, 24, 28]  # more collaborations start in later years (a trend)
SLOTS = [dt.time(8, 30), dt.time(10, 15), dt.time(11, 30), dt.time(13, 0), dt.time(14, 30)]
HALF = Decimal("0.5")


@dataclass
class Org:
    pk: int
    kind: str
    region: int
    location: int = 0
    contact: int | None = None


@dataclass
class Made:
    """What later steps need about one collaboration, without its model instance."""

    pk: int
    status: str
    years: list[int]  # start years it is linked to
    forms: list[str]
    partners: list[tuple[int, Org]]  # (partner pk, organisation)
    created: dt.datetime
    mbo: bool
    work: bool  # an institution takes part
    deep: bool  # aims at a learning line: aligned, joint teaching, regional consultation


def school_days(start_year: int) -> list[dt.date]:
    """Weekdays from 1 September to 10 July without the Christmas holiday (roughly)."""
    day, last = dt.date(start_year, 9, 1), dt.date(start_year + 1, 7, 10)
    christmas = (dt.date(start_year, 12, 21), dt.date(start_year + 1, 1, 4))
    days = []
    while day <= last:
        if day.weekday() < 5 and not christmas[0] <= day <= christmas[1]:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def sizes(scale: float) -> dict[str, int]:
    floors = {"vmbo": 10, "mbo": 5, "institutions": 50, "collaborations": 50, "sessions": 500}
    return {key: max(round(n * scale), floors[key]) for key, n in FULL.items()}


@contextmanager
def given_times(*fields: object) -> Iterator[None]:
    """bulk_create stamps auto_now(_add) fields with the present moment; five school years of
    history need their own dates, so the flags are off while these rows are written."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f, _, _ in saved:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _near(lat: float, lon: float, spread: float, rng: random.Random) -> tuple[float, float]:
    """A point around (lat, lon) within the country's bounding box (drawn again, not clamped,
    so no points pile up on its edges)."""
    for _ in range(20):
        # A degree of longitude is about 0.6 of a degree of latitude here.
        y, x = rng.gauss(lat, spread), rng.gauss(lon, spread * 1.6)
        if LAT[0] <= y <= LAT[1] and LON[0] <= x <= LON[1]:
            return y, x
    return lat, lon


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.choice((0, 15, 30))), TZ)


class Generator:
    def __init__(self, scale: float, seed: int, say: Callable[[str], None]) -> None:
        self.n = sizes(scale)
        self.rng = random.Random(seed)
        self.say = say
        self.days = {year: school_days(year) for year in YEARS}
        self.hours = [Decimal(h) / 2 for h in range(0, 13)]  # 0, 0.5 … 6 (reused objects)

    def _bulk(self, model: type, rows: list, batch: int = BATCH) -> list:
        made = []
        for start in range(0, len(rows), batch):
            made += model.objects.bulk_create(rows[start : start + batch])
        return made

    # --- organisations ---------------------------------------------------------------------

    def organisations(self) -> None:
        from verbindt.core.regions import PLATFORM_REGION_PROVINCES
        from verbindt.core.services import regions_ensure_defaults, school_year_get_or_create
        from verbindt.network.models import Contact, Location, Organisation, ZwCandidateCount

        rng = self.rng
        regions = regions_ensure_defaults()
        region_of = {
            province: regions[code]
            for code, provinces in PLATFORM_REGION_PROVINCES.items()
            for province in provinces
        }
        self.years = {y: school_year_get_or_create(start_year=y) for y in YEARS}
        weights = [town[5] for town in TOWNS]
        sector_names = list(SECTORS)
        sector_weights = [SECTORS[s][0] for s in sector_names]
        specs = []  # (kind, name, sector, town)
        for i, town in enumerate(rng.choices(TOWNS, weights, k=self.n["vmbo"])):
            specs.append(("vmbo_location", f"{SCHOOL_NAMES[i % 12]} {town[0]}", "", town))
        for i, town in enumerate(rng.choices(TOWNS, weights, k=self.n["mbo"])):
            specs.append(("mbo_college", f"{MBO_NAMES[i % 6]} {town[0]}", "", town))
        towns = rng.choices(TOWNS, weights, k=self.n["institutions"])
        sectors = rng.choices(sector_names, sector_weights, k=self.n["institutions"])
        for town, sector in zip(towns, sectors, strict=True):
            prefix = rng.choice(SECTORS[sector][1])
            specs.append(("institution", f"{prefix} {rng.choice(NAMES)} {town[0]}", sector, town))
        organisations = []
        for i, (kind, name, sector, town) in enumerate(specs):
            code = _base36(i, 3)
            organisations.append(
                Organisation(
                    kind=kind,
                    name=name,
                    sector=sector,
                    region=region_of[town[3]],
                    brin=f"3{code}" if kind != "institution" else "",
                    duo_code=f"3{code}00" if kind == "vmbo_location" else "",
                    kvk_number=f"{50_000_000 + i}" if kind == "institution" else "",
                    website=f"https://www.org{i:05d}.nl",
                    phone=f"0{rng.randint(100_000_000, 999_999_999)}",
                    sbb_recognised=kind == "institution" and rng.random() < 0.7,
                    offers_bb=kind == "vmbo_location" and rng.random() < 0.8,
                    offers_kb=kind == "vmbo_location" and rng.random() < 0.85,
                    offers_gl_tl=kind == "vmbo_location" and rng.random() < 0.4,
                    teaches_zw=kind == "vmbo_location",
                )
            )
        organisations = self._bulk(Organisation, organisations)
        locations = []
        for o, (_, _, _, town) in zip(organisations, specs, strict=True):
            # A fifth lies in the countryside around a town rather than in it.
            spread = 0.22 if rng.random() < 0.2 else 0.05
            lat, lon = _near(town[1], town[2], spread, rng)
            pc4 = min(town[4] + rng.randint(0, 40), 9999)
            letters = chr(65 + rng.randint(0, 25)) + chr(65 + rng.randint(0, 25))
            locations.append(
                Location(
                    organisation=o,
                    name="Hoofdlocatie",
                    street=rng.choice(STREETS),
                    house_number=str(rng.randint(1, 250)),
                    postcode=f"{pc4} {letters}",
                    place=town[0],
                    municipality_name=town[0],
                    province=town[3],
                    holiday_region=HOLIDAY_REGION[town[3]],
                    latitude=round(lat, 5),
                    longitude=round(lon, 5),
                    is_main=True,
                )
            )
        locations = self._bulk(Location, locations)
        contacts, owners = [], []
        functions = {
            "vmbo_location": ["internship_coordinator", "teacher"],
            "mbo_college": ["mbo_teacher", "coordinator"],
            "institution": ["practice_supervisor"],
        }
        for i, o in enumerate(organisations):
            # Every school and college has two contacts; every third institution one.
            if o.kind == "institution" and i % 3:
                continue
            for function in functions[o.kind]:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                mail = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
                contacts.append(
                    Contact(
                        organisation=o,
                        name=f"{first} {last}",
                        function=function,
                        email=f"{mail}@org{i:05d}.nl",
                        hours_per_week=self.hours[rng.randint(2, 12)],
                    )
                )
                owners.append(o.pk)
        contacts = self._bulk(Contact, contacts)
        first_contact = {}
        for pk, contact in zip(owners, contacts, strict=True):
            first_contact.setdefault(pk, contact.pk)
        self.orgs = [
            Org(o.pk, o.kind, o.region_id, loc.pk, first_contact.get(o.pk))
            for o, loc in zip(organisations, locations, strict=True)
        ]
        counts = []
        for o, org in zip(organisations, self.orgs, strict=True):
            if org.kind != "vmbo_location":
                continue
            tracks = [t for t, on in (("bb", o.offers_bb), ("kb", o.offers_kb)) if on]
            for year in YEARS:
                for track in tracks:
                    n = rng.randint(1, 60)
                    counts.append(
                        ZwCandidateCount(
                            organisation=o,
                            school_year=self.years[year],
                            track=track,
                            candidates=max(n, 4),
                            under_five=n < 5,
                        )
                    )
        self._bulk(ZwCandidateCount, counts)
        self.by_kind: dict[str, list[Org]] = defaultdict(list)
        self.by_region: dict[tuple[str, int], list[Org]] = defaultdict(list)
        for org in self.orgs:
            self.by_kind[org.kind].append(org)
            self.by_region[org.kind, org.region].append(org)
        self.say(f"organisations: {len(organisations)}, contacts: {len(contacts)}")

    # --- collaborations --------------------------------------------------------------------

    def _partner(self, kind: str, near: Org, taken: set[int]) -> Org:
        """Mostly from the school's own region; anywhere when the region has none free."""
        rng = self.rng
        pool = self.by_region.get((kind, near.region)) if rng.random() < 0.9 else None
        for candidates in (pool, self.by_kind[kind]):
            if not candidates:
                continue
            for _ in range(5):
                org = rng.choice(candidates)
                if org.pk not in taken:
                    return org
        return next(o for o in self.by_kind[kind] if o.pk not in taken)

    def collaborations(self) -> None:
        from verbindt.collaborations.models import (
            Bottleneck,
            Collaboration,
            CollaborationForm,
            Partner,
            StatusChange,
        )

        rng = self.rng
        n = self.n["collaborations"]
        schools = self.by_kind["vmbo_location"]
        # Some schools do much, most little, about one in sixteen nothing at all.
        activity = [0.0 if rng.random() < 0.06 else rng.lognormvariate(0, 1.1) for _ in schools]
        initiators = rng.choices(schools, activity, k=n)
        kinds = {"vmbo": "vmbo_location", "mbo": "mbo_college", "institution": "institution"}
        bottlenecks = Bottleneck.values
        rows, made = [], []
        for i, school in enumerate(initiators):
            others = rng.choices([c for c, _ in COMBINATIONS], [w for _, w in COMBINATIONS])[0]
            status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
            first = rng.choices(YEARS, START_WEIGHTS)[0]
            span = rng.choice((1, 1, 2, 2, 3)) if status in WITH_WORK else 1
            years = [y for y in range(first, first + span) if y in YEARS]
            mbo, work = "mbo" in others, "institution" in others
            pool = (FORMS_MBO if mbo else []) + (FORMS_FIELD if work or not mbo else [])
            forms = sorted(set(rng.sample(pool, rng.choice((1, 1, 2)))))
            created = _moment(dt.date(first, 8, 1) + dt.timedelta(days=rng.randint(0, 75)), rng)
            partners = [school]
            taken = {school.pk}
            for other in others:
                org = self._partner(kinds[other], school, taken)
                partners.append(org)
                taken.add(org.pk)
            # More learning lines in later years: the trend the monitor should show.
            deep = mbo and rng.random() < 0.15 + 0.06 * (first - YEARS[0])
            made.append(
                Made(0, status, years, forms, [(0, o) for o in partners], created, mbo, work, deep)
            )
            rows.append(
                Collaboration(
                    title=f"{forms[0].replace('_', ' ').capitalize()} {i + 1:05d}",
                    description="Samen werken aan de doorlopende leerlijn zorg en welzijn.",
                    origin="plan" if rng.random() < 0.4 else "chance",
                    status=status,
                    stopped_reason="Te weinig tijd bij de partners" if status == "stopped" else "",
                    bottlenecks=sorted(
                        rng.sample(bottlenecks, rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0])
                    ),
                    created_at=created,
                    updated_at=created + dt.timedelta(days=rng.randint(30, 300 * len(years))),
                )
            )
        created_field = Collaboration._meta.get_field("created_at")
        updated_field = Collaboration._meta.get_field("updated_at")
        with given_times(created_field, updated_field):
            rows = self._bulk(Collaboration, rows)
        for c, row in zip(made, rows, strict=True):
            c.pk = row.pk
        self.made = made
        through = Collaboration.school_years.through
        self._bulk(
            through,
            [
                through(collaboration_id=c.pk, schoolyear_id=self.years[y].pk)
                for c in made
                for y in c.years
            ],
        )
        self._bulk(
            CollaborationForm,
            [CollaborationForm(collaboration_id=c.pk, form=f) for c in made for f in c.forms],
        )
        roles = {"vmbo_location": "participant", "mbo_college": "participant"}
        partners = [
            Partner(
                collaboration_id=c.pk,
                organisation_id=org.pk,
                role="initiator" if n == 0 else roles.get(org.kind, "host"),
            )
            for c in made
            for n, (_, org) in enumerate(c.partners)
        ]
        partners = iter(self._bulk(Partner, partners))
        for c in made:
            c.partners = [(next(partners).pk, org) for _, org in c.partners]
        links = Partner.contacts.through
        self._bulk(
            links,
            [
                links(partner_id=pk, contact_id=org.contact)
                for c in made
                for pk, org in c.partners
                if org.contact
            ],
        )
        changes = []
        for c in made:
            path = PATH[: PATH.index(c.status) + 1] if c.status != "stopped" else []
            if c.status == "stopped":
                path = [*PATH[: rng.randint(1, 5)], "stopped"]
            at = c.created
            for old, new in zip(["", *path], path, strict=False):
                changes.append(StatusChange(collaboration_id=c.pk, old_status=old, new_status=new))
                changes[-1].at = at
                at += dt.timedelta(days=rng.randint(5, 40))
        with given_times(StatusChange._meta.get_field("at")):
            self._bulk(StatusChange, changes)
        self.say(
            f"collaborations: {len(made)}, partners: {sum(len(c.partners) for c in made)}, "
            f"status changes: {len(changes)}"
        )

    # --- plans -----------------------------------------------------------------------------

    def plans(self) -> None:
        from verbindt.collaborations.models import Agreement, PlanConfirmation, YearPlan

        rng = self.rng
        rows, owners = [], []
        for c in self.made:
            for y in c.years:
                # About half the linked years of working collaborations (and a few still in
                # talks): some 4 in 10 of a year's collaborations.
                talks = c.status == "in_talks" and rng.random() < 0.2
                if (c.status not in WITH_WORK and not talks) or rng.random() > 0.5:
                    continue
                at = _moment(dt.date(y, 10, 1) + dt.timedelta(days=rng.randint(0, 60)), rng)
                rows.append(
                    YearPlan(
                        collaboration_id=c.pk,
                        school_year=self.years[y],
                        goals="Leerlingen maken kennis met het werkveld en de vervolgopleiding.",
                        budget_teacher_hours=Decimal(rng.randint(4, 80)),
                        budget_supervisor_hours=Decimal(rng.randint(0, 40)),
                        budget_professional_hours=Decimal(rng.randint(0, 40)),
                        version=rng.choice((1, 1, 1, 2, 3)),
                        updated_at=at,
                    )
                )
                owners.append(c)
        with given_times(YearPlan._meta.get_field("updated_at")):
            plans = self._bulk(YearPlan, rows)
        agreements, confirmations = [], []
        states = ["open", "on_track", "done", "dropped"]
        for plan, c in zip(plans, owners, strict=True):
            current = plan.school_year.start_year == YEARS[-1]
            for k in range(rng.choices((0, 1, 2, 3, 4), (8, 25, 35, 22, 10))[0]):
                agreements.append(
                    Agreement(
                        plan=plan,
                        what=f"Afspraak {k + 1}: gastles en begeleiding",
                        when=rng.choice(("wekelijks", "maandelijks", "in blok 2", "voorjaar")),
                        hours=self.hours[rng.randint(2, 12)],
                        evaluation_moment="einde schooljaar",
                        status=rng.choices(states, (5, 5, 1, 0) if current else (1, 2, 6, 1))[0],
                    )
                )
            # Most plans are confirmed by every partner in their latest version; some by one
            # partner, some only in an older version (an edit after confirming asks again).
            kind = rng.choices(("all", "one", "older", "none"), (75, 10, 8, 7))[0]
            if kind == "none":
                continue
            chosen = c.partners if kind != "one" else c.partners[:1]
            version = plan.version if kind != "older" or plan.version == 1 else plan.version - 1
            for partner_pk, _ in chosen:
                confirmations.append(
                    PlanConfirmation(plan=plan, partner_id=partner_pk, version=version)
                )
                confirmations[-1].at = plan.updated_at
        self._bulk(Agreement, agreements)
        with given_times(PlanConfirmation._meta.get_field("at")):
            self._bulk(PlanConfirmation, confirmations)
        self.plan_count = len(plans)
        self.say(
            f"year plans: {len(plans)}, agreements: {len(agreements)}, "
            f"confirmations: {len(confirmations)}"
        )

    # --- sessions, evaluations -------------------------------------------------------------

    def sessions(self) -> None:
        from verbindt.collaborations.models import Evaluation, Session

        rng = self.rng
        pairs = [(c, y) for c in self.made if c.status in WITH_WORK for y in c.years]
        weights = [
            rng.lognormvariate(0, 1.1) * (0.3 if c.status == "stopped" else 1) for c, _ in pairs
        ]
        per_pair = Counter(rng.choices(range(len(pairs)), weights, k=self.n["sessions"]))
        batch, total = [], 0
        for index in sorted(per_pair):
            c, y = pairs[index]
            locations = [org.location for _, org in c.partners]
            host = [org.location for _, org in c.partners if org.kind != "vmbo_location"]
            joint_share = (0.6 if c.deep else 0.1) if c.mbo else 0.02
            days = self.days[y]
            if not c.deep and rng.random() < 0.4:
                # A block (an experience week, a pamper day): a fortnight, not the whole year.
                first = rng.randrange(len(days) - 10)
                days = days[first : first + 10]
            for day in rng.choices(days, k=per_pair[index]):
                starts = dt.datetime.combine(day, rng.choice(SLOTS), TZ)
                half_hours = rng.randint(2, 8)
                hours = self.hours[half_hours]
                batch.append(
                    Session(
                        collaboration_id=c.pk,
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(minutes=30 * half_hours),
                        location_id=rng.choice(host or locations),
                        form=rng.choice(c.forms),
                        students=rng.randint(4, 30),
                        groups=rng.randint(1, 3),
                        hours_teacher=hours,
                        hours_supervisor=hours if c.work and rng.random() < 0.7 else self.hours[0],
                        hours_professional=self.hours[rng.randint(0, half_hours)],
                        joint_teaching=rng.random() < joint_share,
                    )
                )
            if len(batch) >= 20_000:  # bounded memory: 300,000 instances would take ~1 GB
                total += len(self._bulk(Session, batch))
                batch = []
        total += len(self._bulk(Session, batch))
        evaluations = []
        for index in sorted(per_pair):
            c, y = pairs[index]
            if rng.random() > 0.35:
                continue
            for moment in ("year_end", "after_session")[: rng.choice((1, 1, 2))]:
                enthusiasm = min(max(rng.gauss(3.7, 0.6), 1.0), 5.0)
                day = dt.date(y + 1, 6, 20) if moment == "year_end" else rng.choice(self.days[y])
                partner_pk, _ = rng.choice(c.partners)
                evaluations.append(
                    Evaluation(
                        collaboration_id=c.pk,
                        school_year=self.years[y],
                        moment=moment,
                        partner_id=partner_pk,
                        student_enthusiasm=Decimal(f"{enthusiasm:.2f}"),
                        student_responses=rng.randint(5, 60),
                        partner_satisfaction=rng.choice((None, 3, 4, 4, 5)),
                        went_well="De leerlingen waren betrokken.",
                        to_improve="Eerder plannen.",
                    )
                )
                evaluations[-1].at = _moment(day, rng)
        with given_times(Evaluation._meta.get_field("at")):
            self._bulk(Evaluation, evaluations)
        self.say(f"sessions: {total}, evaluations: {len(evaluations)}")

    # --- contact log, alignment, consultations ---------------------------------------------

    def contacts_and_consultations(self) -> None:
        from verbindt.collaborations.models import (
            Alignment,
            Bottleneck,
            ConsultationMeeting,
            ContactLogEntry,
        )

        rng = self.rng
        channels = ["email", "phone", "meeting", "visit", "video", "other"]
        outreach = {"contact_sought", "in_talks"}
        entries, aligned, meetings, present = [], [], [], []
        for c in self.made:
            # Outreach without agreement always has a log; others sometimes.
            if c.status in outreach:
                count = rng.randint(1, 4)
            else:
                count = rng.randint(1, 3) if rng.random() < 0.4 else 0
            day = c.created.date()
            for k in range(count):
                day += dt.timedelta(days=rng.randint(3, 30))
                open_end = c.status in outreach and k == count - 1
                entries.append(
                    ContactLogEntry(
                        collaboration_id=c.pk,
                        date=day,
                        channel=rng.choice(channels),
                        people="Coördinator en praktijkbegeleider",
                        summary="Kennismaking en mogelijkheden besproken.",
                        follow_up_date=day + dt.timedelta(days=14) if open_end else None,
                        bottlenecks=sorted(rng.sample(Bottleneck.values, rng.choice((0, 0, 1, 2)))),
                    )
                )
            if not c.mbo:
                continue
            aspects = ["content", "pedagogy", "didactics"]
            if c.deep:
                for aspect in aspects:
                    status = "aligned" if rng.random() < 0.85 else "in_progress"
                    aligned.append(Alignment(collaboration_id=c.pk, aspect=aspect, status=status))
            elif rng.random() < 0.5:
                for aspect in rng.sample(aspects, rng.randint(1, 2)):
                    status = rng.choices(("aligned", "in_progress", "not_started"), (4, 3, 3))[0]
                    aligned.append(Alignment(collaboration_id=c.pk, aspect=aspect, status=status))
            if rng.random() < (0.8 if c.deep else 0.2):
                for y in c.years:
                    for _ in range(rng.randint(1, 2)):
                        meetings.append(
                            ConsultationMeeting(
                                collaboration_id=c.pk,
                                date=rng.choice(self.days[y]),
                                minutes="Afstemming vmbo, mbo en werkveld.",
                            )
                        )
                        present.append([org.pk for _, org in c.partners])
        self._bulk(ContactLogEntry, entries)
        self._bulk(Alignment, aligned)
        meetings = self._bulk(ConsultationMeeting, meetings)
        through = ConsultationMeeting.participants.through
        self._bulk(
            through,
            [
                through(consultationmeeting_id=m.pk, organisation_id=org)
                for m, orgs in zip(meetings, present, strict=True)
                for org in orgs
            ],
        )
        self.say(
            f"contact log entries: {len(entries)}, alignments: {len(aligned)}, "
            f"consultations: {len(meetings)}"
        )


def _base36(n: int, width: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(width):
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


def fill(
    *, scale: float = 1.0, seed: int = 2026, say: Callable[[str], None] = print
) -> dict[str, float]:
    """Fill the (migrated, empty) database; returns the seconds each part took."""
    from django.db import transaction

    from verbindt.core.models import SchoolYear
    from verbindt.maturity.services import levels_recompute
    from verbindt.network.models import Organisation

    if Organisation.objects.exists():
        raise SystemExit(
            "national_data: this database already holds organisations; fill an empty one"
        )
    generator = Generator(scale, seed, say)
    took: dict[str, float] = {}
    started = time.perf_counter()
    # One transaction: on SQLite every bulk_create would otherwise commit (and sync) alone.
    with transaction.atomic():
        for step in ("organisations", "collaborations", "plans", "sessions"):
            begin = time.perf_counter()
            getattr(generator, step)()
            took[step] = time.perf_counter() - begin
        begin = time.perf_counter()
        generator.contacts_and_consultations()
        took["contact log, alignment, consultations"] = time.perf_counter() - begin
    took["data"] = time.perf_counter() - started
    for year in SchoolYear.objects.filter(start_year__in=YEARS):
        begin = time.perf_counter()
        levels_recompute(school_years=[year])
        took[f"levels {year.label}"] = time.perf_counter() - begin
        say(f"levels {year.label}: {took[f'levels {year.label}']:.1f} s")
    took["total"] = time.perf_counter() - started
    return took


def counts() -> dict[str, int]:
    from django.db.models import Count

    from verbindt.collaborations import models as c
    from verbindt.core.models import Region, SchoolYear
    from verbindt.maturity.models import SchoolLevel
    from verbindt.network.models import Contact, Location, Organisation, ZwCandidateCount

    result: dict[str, int] = {"regions": Region.objects.count()}
    result["school years"] = SchoolYear.objects.count()
    for kind, n in Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by():
        result[f"organisations: {kind}"] = n
    for label, model in [
        ("locations", Location),
        ("contacts", Contact),
        ("exam candidate counts", ZwCandidateCount),
        ("collaborations", c.Collaboration),
        ("collaboration forms", c.CollaborationForm),
        ("partners", c.Partner),
        ("status changes", c.StatusChange),
        ("year plans", c.YearPlan),
        ("agreements", c.Agreement),
        ("plan confirmations", c.PlanConfirmation),
        ("sessions", c.Session),
        ("evaluations", c.Evaluation),
        ("contact log entries", c.ContactLogEntry),
        ("alignments", c.Alignment),
        ("consultation meetings", c.ConsultationMeeting),
        ("school levels", SchoolLevel),
    ]:
        result[label] = model.objects.count()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national size")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", type=Path, help="a SQLite file (else DATABASE_URL)")
    args = parser.parse_args()
    if args.db:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("national_data: give --db PATH or set DATABASE_URL")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbindt.config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    took = fill(scale=args.scale, seed=args.seed)
    for step, seconds in took.items():
        print(f"{step:40} {seconds:7.1f} s")
    for label, n in counts().items():
        print(f"{label:40} {n:9,}")


if __name__ == "__main__":
    main()
