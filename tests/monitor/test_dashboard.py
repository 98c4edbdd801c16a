"""The monitor's pages: who may see what, the figures on the dashboard against counts
computed here from the data the test made, the exports read back, the lists behind the
figures, a school's own page, and a query count that does not grow with the data."""

import datetime as dt
import html
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from verbindt.collaborations.models import ContactLogEntry, Evaluation, Session, YearPlan
from verbindt.collaborations.services import PartnerSpec, collaboration_create
from verbindt.core.models import Region, SchoolYear
from verbindt.core.services import school_year_for_date
from verbindt.maturity.models import SchoolLevel
from verbindt.network.models import Location, Organisation, OrganisationKind

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LEVELS = ["none", "incidental", "structural", "learning_line"]
NOT_AGREED = {"idea", "contact_sought", "in_talks", "stopped"}


@dataclass
class Spec:
    """One collaboration and everything the figures count of it."""

    title: str
    partners: list[str]  # attributes of the world
    form: str
    status: str
    combination: str
    bottlenecks: list[str] = field(default_factory=list)
    log: list[list[str]] = field(default_factory=list)  # contact-log entries this year
    sessions: list[tuple[int, int, int, int]] = field(default_factory=list)  # students, hours
    budget: tuple[int, int, int] = (0, 0, 0)
    enthusiasm: tuple[str, int] | None = None  # average, students who answered
    last_year: bool = False  # linked to last school year instead of this one


SPECS = [
    Spec(
        "Lunchhulp De Linde",
        ["school_a", "mbo_college", "institution"],
        "weekly_support",
        "active",
        "all_three",
        bottlenecks=["communication"],
        sessions=[(10, 2, 1, 1), (12, 2, 1, 0)],
        budget=(40, 10, 5),
        enthusiasm=("4.50", 20),
    ),
    Spec(
        "Gastles tussen scholen",
        ["school_a", "school_b"],
        "guest_lesson",
        "agreed",
        "vmbo_vmbo",
        log=[["time_for_supervision", "communication"]],
        sessions=[(25, 1, 0, 0)],
        budget=(6, 0, 0),
        enthusiasm=("3.50", 10),
    ),
    Spec(
        "Stage gezocht",
        ["school_b", "institution"],
        "internship",
        "contact_sought",
        "vmbo_work_field",
        log=[["getting_contact"], ["getting_contact", "professional_time"]],
    ),
    Spec(
        "Verwendag Venlo",
        ["outsider_school", "institution_zuid"],
        "pamper_day",
        "in_talks",
        "vmbo_work_field",
        log=[["getting_contact"]],
        sessions=[(8, 3, 0, 2)],
        enthusiasm=("2.00", 5),
    ),
    Spec(
        "Ervaringsweek vorig jaar",
        ["school_a", "mbo_college"],
        "experience_week",
        "evaluated",
        "vmbo_mbo",
        last_year=True,
    ),
]
LEVEL_THIS_YEAR = {
    "school_a": "structural",
    "school_b": "incidental",
    "outsider_school": "learning_line",
}
LEVEL_LAST_YEAR = {"school_a": "incidental"}


def _years():
    this = school_year_for_date()
    last, _ = SchoolYear.objects.get_or_create(start_year=this.start_year - 1)
    return this, last


def _at(year: SchoolYear, days: int) -> dt.datetime:
    return dt.datetime.combine(year.start + dt.timedelta(days=days), dt.time(10), AMSTERDAM)


def make(specs: list[Spec], orgs: dict[str, Organisation], levels: dict, old_levels: dict):
    """Create the collaborations of ``specs`` (services for the collaboration itself, the ORM
    for what hangs on it) and store the schools' levels."""
    this, last = _years()
    for spec in specs:
        year = last if spec.last_year else this
        collaboration = collaboration_create(
            title=spec.title,
            forms=[spec.form],
            partners=[
                PartnerSpec(orgs[name], "initiator" if i == 0 else "participant")
                for i, name in enumerate(spec.partners)
            ],
            school_years=[year],
            status=spec.status,
        )
        collaboration.bottlenecks = spec.bottlenecks
        collaboration.save(update_fields=["bottlenecks"])
        for i, bottlenecks in enumerate(spec.log):
            ContactLogEntry.objects.create(
                collaboration=collaboration,
                date=year.start + dt.timedelta(days=20 + i),
                channel="email",
                summary="Gemaild",
                bottlenecks=bottlenecks,
            )
        for i, (students, teacher, supervisor, professional) in enumerate(spec.sessions):
            Session.objects.create(
                collaboration=collaboration,
                starts_at=_at(year, 40 + i),
                ends_at=_at(year, 40 + i) + dt.timedelta(hours=2),
                form=spec.form,
                students=students,
                hours_teacher=teacher,
                hours_supervisor=supervisor,
                hours_professional=professional,
            )
        if any(spec.budget):
            YearPlan.objects.create(
                collaboration=collaboration,
                school_year=year,
                budget_teacher_hours=spec.budget[0],
                budget_supervisor_hours=spec.budget[1],
                budget_professional_hours=spec.budget[2],
            )
        if spec.enthusiasm:
            Evaluation.objects.create(
                collaboration=collaboration,
                school_year=year,
                moment="year_end",
                student_enthusiasm=Decimal(spec.enthusiasm[0]),
                student_responses=spec.enthusiasm[1],
            )
    for levels_, school_year in ((levels, this), (old_levels, last)):
        for name, level in levels_.items():
            SchoolLevel.objects.update_or_create(
                organisation=orgs[name], school_year=school_year, defaults={"level": level}
            )


@pytest.fixture
def data(world):
    orgs = {name: getattr(world, name) for name in vars(world) if not name.startswith("_")}
    make(SPECS, orgs, LEVEL_THIS_YEAR, LEVEL_LAST_YEAR)
    this, last = _years()
    return type("Data", (), {"world": world, "orgs": orgs, "this": this, "last": last})


def grow(world, copies: int) -> None:
    """``copies`` more schools per region, each in collaborations of every kind, with
    sessions, contact attempts, plans and evaluations: more of everything the page counts."""
    orgs = {name: getattr(world, name) for name in vars(world) if not name.startswith("_")}
    for i in range(copies):
        for region in (world.oost, world.zuid):
            school = Organisation.objects.create(
                name=f"Extra vmbo {region.code} {i}",
                kind=OrganisationKind.VMBO_LOCATION,
                region=region,
            )
            Location.objects.create(
                organisation=school, place="Ergens", latitude=52 + i / 100, longitude=6.0
            )
            key = f"extra_{region.code}_{i}"
            orgs[key] = school
            specs = [
                Spec(
                    f"{s.title} {key}",
                    [key, *s.partners[1:]] if s.combination != "vmbo_vmbo" else [key, "school_a"],
                    s.form,
                    s.status,
                    s.combination,
                    s.bottlenecks,
                    s.log,
                    s.sessions,
                    s.budget,
                    s.enthusiasm,
                    s.last_year,
                )
                for s in SPECS
            ]
            make(specs, orgs, {key: LEVELS[i % 4]}, {key: "incidental"})


# --- Reading the page back ---------------------------------------------------------------


def _normal(href: str) -> tuple[str, frozenset]:
    parts = urlsplit(html.unescape(href))
    return parts.path, frozenset(parse_qsl(parts.query))


def links(response) -> set[tuple[tuple[str, frozenset], str]]:
    """Every (address, text) of a plain link on the page."""
    text = response.content.decode()
    return {
        (_normal(href), html.unescape(label).strip())
        for href, label in re.findall(r'<a href="([^"]+)">([^<]*)</a>', text)
    }


def figure(response, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', response.content.decode())
    assert match, name
    return match.group(1)


def charts(response) -> dict:
    match = re.search(
        r'<script id="monitor-charts" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def url(name: str, **query) -> tuple[str, frozenset]:
    return reverse(name), frozenset((k, str(v)) for k, v in query.items())


# --- Who may see what --------------------------------------------------------------------

PAGES = ["monitor_dashboard", "monitor_collaborations", "monitor_stalled"]


@pytest.mark.parametrize("name", PAGES)
def test_coordinators_see_the_pages_and_others_do_not(world, login, name):
    assert login(world.platform).get(reverse(name)).status_code == 200
    assert login(world.regio).get(reverse(name)).status_code == 200
    for user in (world.school, world.docent, world.mbo, world.instelling, world.outsider):
        assert login(user).get(reverse(name)).status_code == 403, user


@pytest.mark.parametrize("name", PAGES)
def test_a_regional_coordinator_gets_no_other_region(world, login, name):
    client = login(world.regio)
    assert client.get(reverse(name), {"region": "zuid"}).status_code == 403
    assert client.get(reverse(name), {"region": "oost"}).status_code == 200
    assert login(world.platform).get(reverse(name), {"region": "zuid"}).status_code == 200


@pytest.mark.parametrize("table", ["levels", "bottlenecks", "stalled"])
def test_a_regional_coordinator_exports_no_other_region(world, login, table):
    client = login(world.regio)
    export = reverse("monitor_export", args=(table, "csv"))
    assert client.get(export, {"region": "zuid"}).status_code == 403
    assert client.get(export).status_code == 200
    assert login(world.school).get(export).status_code == 403


@pytest.mark.parametrize(
    "query",
    [{"region": "atlantis"}, {"year": "1999"}, {"year": "twintig"}, {"form": "x"}, {"sector": "x"}],
)
def test_unknown_values_are_not_found(world, login, query):
    client = login(world.platform)
    assert client.get(reverse("monitor_dashboard"), query).status_code == 404
    assert client.get(reverse("monitor_stalled"), query).status_code == 404


def test_an_unknown_combination_or_bottleneck_is_not_found(world, login):
    client = login(world.platform)
    page = reverse("monitor_collaborations")
    assert client.get(page, {"combination": "vmbo_alone"}).status_code == 404
    assert client.get(page, {"bottleneck": "weather"}).status_code == 404


def test_a_school_sees_its_own_figures_only(world, login):
    own = reverse("monitor_school", args=(world.school_a.pk,))
    other = reverse("monitor_school", args=(world.school_b.pk,))
    for user in (world.school, world.docent):
        client = login(user)
        assert client.get(own).status_code == 200
        assert client.get(other).status_code == 403
    assert login(world.outsider).get(own).status_code == 403
    assert login(world.regio).get(own).status_code == 200
    assert (
        login(world.regio)
        .get(reverse("monitor_school", args=(world.outsider_school.pk,)))
        .status_code
        == 403
    )
    assert login(world.platform).get(own).status_code == 200


def test_the_school_page_is_only_for_vmbo_locations(world, login):
    client = login(world.platform)
    assert client.get(reverse("monitor_school", args=(world.mbo_college.pk,))).status_code == 404
    assert client.get(reverse("monitor_school", args=(999_999,))).status_code == 404
    own = reverse("monitor_school", args=(world.school_a.pk,))
    assert client.get(own, {"year": "1999"}).status_code == 404


def test_the_menu_and_the_home_pages_lead_to_the_monitor(world, login):
    dashboard = reverse("monitor_dashboard")
    for user in (world.platform, world.regio):
        page = login(user).get(reverse("home")).content.decode()
        assert page.count(f'href="{dashboard}"') >= 2  # the menu and the next steps
    school_page = reverse("monitor_school", args=(world.school_a.pk,))
    for user in (world.school, world.docent):
        page = login(user).get(reverse("home")).content.decode()
        assert f'href="{dashboard}"' not in page
        assert f'href="{school_page}"' in page


# --- The figures ---------------------------------------------------------------------------


def _vmbo_levels(data) -> dict[str, Counter]:
    """Schools per region code and level, from the levels the test stored."""
    stored = {data.orgs[name].pk: level for name, level in LEVEL_THIS_YEAR.items()}
    counts: dict[str, Counter] = defaultdict(Counter)
    for school in Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION):
        counts[school.region.code][stored.get(school.pk, "none")] += 1
    return counts


def _in_region(spec: Spec, data, region: str | None) -> bool:
    return region is None or any(data.orgs[p].region.code == region for p in spec.partners)


def _this_year(data, region=None) -> list[Spec]:
    return [s for s in SPECS if not s.last_year and _in_region(s, data, region)]


@pytest.mark.parametrize(("user", "region"), [("platform", None), ("regio", "oost")])
def test_the_level_figures_match_the_schools(data, login, user, region):
    response = login(getattr(data.world, user)).get(reverse("monitor_dashboard"))
    expected = _vmbo_levels(data)
    found = links(response)
    year = data.this.start_year
    regions = [region] if region else [r.code for r in Region.objects.all()]
    for code in regions:
        for level in LEVELS:
            n = expected[code][level]
            target = url("level_list", year=year, region=code, level=level)
            assert (target, str(n)) in found, (code, level, n)
    total = sum(sum(expected[code].values()) for code in regions)
    assert figure(response, "schools") == str(total)
    advanced = sum(expected[c]["structural"] + expected[c]["learning_line"] for c in regions)
    assert figure(response, "advanced") == f"{round(100 * advanced / total)}%"
    if region:  # a regional coordinator's chart has their region only
        assert charts(response)["levels"]["labels"] == [data.world.oost.name]
    else:
        assert len(charts(response)["levels"]["labels"]) == len(regions)


@pytest.mark.parametrize(
    "query",
    [
        {"form": "guest_lesson"},
        {"form": "weekly_support", "region": "oost"},
        {"sector": "elderly_care"},
        {"form": "weekly_support", "sector": "elderly_care"},
    ],
)
def test_a_level_count_with_a_form_or_sector_leads_to_exactly_its_schools(data, login, query):
    data.world.institution.sector = "elderly_care"
    data.world.institution.save()
    client = login(data.world.platform)
    response = client.get(reverse("monitor_dashboard"), query)
    schools = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION).count()
    assert 0 < int(figure(response, "schools")) < schools  # narrowed, and not to nothing
    page = response.content.decode()
    table = re.escape(reverse("level_list"))
    counts = re.findall(rf'<a href="({table}\?[^"]+)">(\d+)</a>', page)
    assert counts
    for href, n in counts:
        listed = client.get(html.unescape(href))
        assert listed.context["page"].paginator.count == int(n), href


@pytest.mark.parametrize(("user", "region"), [("platform", None), ("regio", "oost")])
def test_the_collaboration_figures_match_the_data(data, login, user, region):
    response = login(getattr(data.world, user)).get(reverse("monitor_dashboard"))
    specs = _this_year(data, region)
    year = data.this.start_year
    scope = {"year": year, **({"region": region} if region else {})}
    found = links(response)
    assert figure(response, "collaborations") == str(len(specs))

    # Forms: collaborations (linked to their list), sessions and students.
    per_form = Counter(s.form for s in specs)
    for form, n in per_form.items():
        assert (url("monitor_collaborations", **scope, form=form), str(n)) in found
    chart = charts(response)
    forms = dict(zip(chart["forms"]["labels"], chart["forms"]["datasets"][1]["data"], strict=True))
    assert sum(forms.values()) == sum(len(s.sessions) for s in specs)
    students = sum(students for s in specs for students, *_ in s.sessions)
    assert figure(response, "students") == str(students)

    # Partner combinations.
    combinations = Counter(s.combination for s in specs)
    for code in ("vmbo_vmbo", "vmbo_mbo", "vmbo_work_field", "all_three"):
        target = url("monitor_collaborations", **scope, combination=code)
        assert (target, str(combinations[code])) in found, code

    # Bottlenecks: each collaboration counts once per bottleneck it names anywhere.
    named = Counter(b for s in specs for b in set(s.bottlenecks) | {b for e in s.log for b in e})
    for code, n in named.items():
        assert (url("monitor_collaborations", **scope, bottleneck=code), str(n)) in found
    bars = chart["bottlenecks"]["datasets"][0]["data"]
    assert bars == sorted(bars, reverse=True) and bars[0] == max(named.values())

    # Hours facilitated and spent, per kind.
    facilitated = [sum(s.budget[k] for s in specs) for k in range(3)]
    spent = [sum(session[1 + k] for s in specs for session in s.sessions) for k in range(3)]
    assert chart["hours"]["datasets"][0]["data"] == facilitated
    assert chart["hours"]["datasets"][1]["data"] == spent

    # Enthusiasm: the average of the evaluations.
    rated = [Decimal(s.enthusiasm[0]) for s in specs if s.enthusiasm]
    average = sum(rated) / len(rated)
    assert figure(response, "enthusiasm") == f"{average:.1f}".replace(".", ",")

    # Stalled outreach: vmbo partners of not-agreed collaborations with contact attempts.
    stalled = Counter()
    for s in specs:
        if s.status in NOT_AGREED and s.log:
            for p in s.partners:
                org = data.orgs[p]
                if org.kind == OrganisationKind.VMBO_LOCATION and region in (None, org.region.code):
                    stalled[org.name] += len(s.log)
    assert figure(response, "stalled") == str(len(stalled))
    assert [(s.name, s.attempts) for s in response.context["board"].stalled] == sorted(
        stalled.items(), key=lambda item: (-item[1], item[0])
    )


def test_the_trends_count_each_school_year(data, login):
    response = login(data.world.platform).get(reverse("monitor_dashboard"))
    trend = charts(response)["trend_activity"]
    labels = trend["labels"]
    assert labels[-2:] == [data.last.label, data.this.label]
    collaborations = dict(zip(labels, trend["datasets"][0]["data"], strict=True))
    assert collaborations[data.this.label] == len(_this_year(data))
    assert collaborations[data.last.label] == sum(s.last_year for s in SPECS)
    sessions = dict(zip(labels, trend["datasets"][1]["data"], strict=True))
    assert sessions[data.this.label] == sum(len(s.sessions) for s in SPECS)
    levels = charts(response)["trend_levels"]
    by_level = {d["label"]: dict(zip(labels, d["data"], strict=True)) for d in levels["datasets"]}
    schools = Organisation.objects.filter(kind=OrganisationKind.VMBO_LOCATION).count()
    last_year = [by_level[label][data.last.label] for label in by_level]
    assert sum(last_year) == schools
    assert sorted(last_year, reverse=True)[:2] == [schools - 1, 1]  # one incidental, rest none


def test_a_form_filter_narrows_the_figures(data, login):
    response = login(data.world.platform).get(
        reverse("monitor_dashboard"), {"form": "guest_lesson"}
    )
    assert figure(response, "collaborations") == "1"
    assert figure(response, "students") == "25"
    assert [row.code for row in response.context["board"].forms] == ["guest_lesson"]


def test_the_report_button_asks_for_the_report_of_what_the_page_shows(data, login):
    page = login(data.world.platform).get(
        reverse("monitor_dashboard"), {"region": "oost", "form": "guest_lesson"}
    )
    form = re.search(r'<form method="post" action="([^"]+)".*?</form>', page.content.decode(), re.S)
    assert form is not None and form.group(1) == reverse("monitor_report")
    posted = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(0)))
    del posted["csrfmiddlewaretoken"]
    assert posted == {
        "year": str(data.this.start_year),
        "region": "oost",
        "form": "guest_lesson",
    }


def test_each_chart_has_its_table_and_downloads(data, login):
    page = login(data.world.platform).get(reverse("monitor_dashboard")).content.decode()
    for table in ("levels", "forms", "combinations", "bottlenecks", "hours", "trends", "stalled"):
        assert reverse("monitor_export", args=(table, "csv")) in page, table
        assert reverse("monitor_export", args=(table, "xlsx")) in page, table
    assert page.count("<canvas") == 7
    assert page.count("<caption") >= 7
    assert 'style="' not in page  # the CSP allows no inline style


# --- Exports read back ---------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]


def test_the_level_export_matches_the_schools(data, login):
    client = login(data.world.regio)
    export = reverse("monitor_export", args=("levels", "csv"))
    rows = _csv(client.get(export))
    assert len(rows) == 2  # the header and the region
    counts = _vmbo_levels(data)["oost"]
    assert rows[1][1] == data.world.oost.name
    assert [int(n) for n in rows[1][2:6]] == [counts[level] for level in LEVELS]
    assert int(rows[1][6]) == sum(counts.values())

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("monitor_export", args=("levels", "xlsx"))).content)
    ).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[1][2:7]) == [*(counts[level] for level in LEVELS), sum(counts.values())]


def test_the_bottleneck_export_matches_the_data(data, login):
    client = login(data.world.platform)
    specs = _this_year(data)
    named = Counter(b for s in specs for b in set(s.bottlenecks) | {b for e in s.log for b in e})
    rows = _csv(client.get(reverse("monitor_export", args=("bottlenecks", "csv"))))[1:]
    numbers = [int(row[3]) for row in rows]
    assert numbers == sorted(numbers, reverse=True)
    assert sorted(n for n in numbers if n) == sorted(named.values())

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("monitor_export", args=("bottlenecks", "xlsx"))).content)
    ).active
    assert [row[3] for row in list(sheet.iter_rows(values_only=True))[1:]] == numbers


# --- The lists behind the figures ------------------------------------------------------------


def _titles(response) -> set[str]:
    return {c.title for c in response.context["page"].object_list}


def test_the_lists_show_exactly_the_collaborations_behind_a_figure(data, login):
    client = login(data.world.platform)
    page = reverse("monitor_collaborations")
    specs = _this_year(data)
    assert _titles(client.get(page)) == {s.title for s in specs}
    for code in ("vmbo_vmbo", "vmbo_work_field", "all_three", "vmbo_mbo"):
        expected = {s.title for s in specs if s.combination == code}
        assert _titles(client.get(page, {"combination": code})) == expected, code
    expected = {s.title for s in specs if any("getting_contact" in e for e in s.log)}
    assert _titles(client.get(page, {"bottleneck": "getting_contact"})) == expected
    assert _titles(client.get(page, {"form": "internship"})) == {"Stage gezocht"}
    response = client.get(page, {"region": "oost", "bottleneck": "getting_contact"})
    assert _titles(response) == {"Stage gezocht"}
    detail = reverse("collaboration_detail", args=(response.context["page"][0].pk,))
    assert f'href="{detail}"' in response.content.decode()


def test_a_regional_coordinator_may_open_every_collaboration_in_the_list(data, login):
    client = login(data.world.regio)
    for collaboration in client.get(reverse("monitor_collaborations")).context["page"]:
        detail = client.get(reverse("collaboration_detail", args=(collaboration.pk,)))
        assert detail.status_code == 200, collaboration.title


def test_the_stalled_list_shows_exactly_the_stalled_schools(data, login):
    response = login(data.world.platform).get(reverse("monitor_stalled"))
    rows = [(s.name, s.attempts) for s in response.context["page"].object_list]
    w = data.world
    assert rows == [(w.school_b.name, 2), (w.outsider_school.name, 1)]
    assert f'href="{reverse("organisation_detail", args=(w.school_b.pk,))}"' in (
        response.content.decode()
    )
    oost = login(w.regio).get(reverse("monitor_stalled"))
    assert [s.name for s in oost.context["page"].object_list] == [w.school_b.name]


# --- A school's own page ---------------------------------------------------------------------


def test_a_school_sees_its_figures_beside_the_averages_and_no_other_school(data, login):
    w = data.world
    response = login(w.school).get(reverse("monitor_school", args=(w.school_a.pk,)))
    figures = {c.key: c for c in response.context["comparison"]}
    mine = [s for s in _this_year(data) if "school_a" in s.partners]
    assert figures["collaborations"].own == len(mine)
    assert figures["sessions"].own == sum(len(s.sessions) for s in mine)
    assert figures["students"].own == sum(st for s in mine for st, *_ in s.sessions)
    # Region Oost has two schools: A in two collaborations, B in two (one with A).
    oost = [s for s in _this_year(data, "oost")]
    per_school = [sum(name in s.partners for s in oost) for name in ("school_a", "school_b")]
    assert figures["collaborations"].region == sum(per_school) / 2
    page = response.content.decode()
    for other in (w.school_b, w.outsider_school):
        assert other.name not in page
    assert response.context["own_level"] == "structural"
    shares = {row["code"]: row for row in response.context["levels"]}
    assert shares["structural"]["region"] == 50.0  # A structural, B incidental
    assert shares["learning_line"]["nation"] == pytest.approx(33.3)


# --- Query counts that do not grow with the data --------------------------------------------

BOUNDS = {  # measured: a regional coordinator's pages cost a few queries more (the region)
    "dashboard": 32,
    "collaborations": 14,
    "stalled": 12,
    "school": 20,
}


def _visit(client, world):
    return {
        "dashboard": lambda: client.get(reverse("monitor_dashboard")),
        "collaborations": lambda: client.get(reverse("monitor_collaborations")),
        "stalled": lambda: client.get(reverse("monitor_stalled")),
        "school": lambda: client.get(reverse("monitor_school", args=(world.school_a.pk,))),
    }


@pytest.mark.parametrize("user", ["platform", "regio"])
def test_the_query_count_does_not_grow_with_the_data(
    data, login, django_assert_max_num_queries, user
):
    client = login(getattr(data.world, user))
    for copies in (0, 3):
        if copies:
            grow(data.world, copies)
        for page, visit in _visit(client, data.world).items():
            with django_assert_max_num_queries(BOUNDS[page]):
                assert visit().status_code == 200, page
    # The bigger data really is bigger: the pages count the new collaborations.
    response = client.get(reverse("monitor_collaborations"))
    regions = 1 if user == "regio" else 2
    assert response.context["page"].paginator.count >= len(_this_year(data)) + 3 * regions * 4
