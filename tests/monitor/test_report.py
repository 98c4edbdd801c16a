"""The printed report *Stand van de samenwerking*: its text read back from the PDF against the
picture of tests/monitor/figures.py, its charts, the quotes without names, the pages that ask
for it and the worker that makes it, and who may ask for, watch and download which report."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from verbindt.accounts.models import Role
from verbindt.accounts.services import membership_create, user_create
from verbindt.collaborations.models import Evaluation
from verbindt.monitor.models import Report
from verbindt.monitor.report import (
    STEPS,
    evaluation_quotes,
    report_context,
    report_filename,
    report_html,
    report_pdf,
)
from verbindt.monitor.selectors import Scope
from verbindt.monitor.services import report_create
from verbindt.network.models import Contact


@pytest.fixture
def zuid_coordinator(world):
    user = user_create(
        username="regio_zuid", email="regio_zuid@example.org", password="a-long-pass-42"
    )
    membership_create(
        user=user,
        organisation=world.platform_org,
        role=Role.REGIONAL_COORDINATOR,
        region=world.zuid,
    )
    return user


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    # Words as they appear, one space between them, whatever the layout put between.
    return len(reader.pages), " ".join(
        " ".join(page.extract_text() for page in reader.pages).split()
    )


def test_the_national_report_in_dutch_names_its_key_figures(world, years, known):
    steps = []
    pdf = report_pdf(Scope(years[0]), progress=lambda done, total: steps.append((done, total)))
    assert pdf.startswith(b"%PDF")
    pages, text = pdf_text(pdf)
    assert pages >= 3
    assert "Stand van de samenwerking" in text
    assert "Nederland · schooljaar 2025-2026" in text
    # Key figures: 3 schools, 5 collaborations, 7 sessions reaching 57 students.
    assert "3 vmbo-scholen in Nederland." in text
    assert "Dit schooljaar liepen 5 samenwerkingen." in text
    figures = re.search(r"2025-2026 Gemaakt op .*? Zo lees je dit rapport", text).group()
    for value, label in [
        ("3", "vmbo-scholen"),
        ("5", "samenwerkingen dit schooljaar"),
        ("7", "gehouden bijeenkomsten"),
        ("57", "bereikte leerlingen"),
        ("33%", "van de scholen structureel of verder"),
        ("4,5", "enthousiasme van leerlingen (1–5)"),
    ]:  # a key figure's value and label are on lines of their own: no space between them
        assert re.search(rf" {re.escape(value)} ?{re.escape(label)}", figures), (value, figures)
    # Schools per level and region: none, incidental, structural, learning line, all, share.
    assert "Oost 0 1 0 1 2 50%" in text
    assert "Zuid 0 1 0 0 1 0%" in text
    assert "Nederland 0 2 0 1 3 33%" in text
    assert "Het vaakst genoemd: communicatie, bij 2 samenwerkingen." in text
    assert "“De leerlingen waren trots op wat ze deden.”" in text
    assert "Zo lees je dit rapport" in text and "Over deze cijfers" in text
    # The progress callback counted every step, the last one when the PDF was written.
    assert steps == [(n, STEPS) for n in range(1, STEPS)] + [(STEPS, STEPS)]


def test_the_charts_are_inline_svg_with_their_text_as_text(world, years, known):
    with translation.override("nl"):
        context = report_context(Scope(years[0]))
        html = report_html(Scope(years[0]))
    assert set(context["charts"]) == {"levels", "forms", "bottlenecks", "trends"}
    assert all(chart and chart.startswith("<svg") for chart in context["charts"].values())
    assert html.count("<svg") == 4
    assert "http" not in "".join(re.findall(r"<svg.*?</svg>", html, re.S)).replace(
        "http://www.w3.org/", ""
    ), "a chart refers to something outside the document"
    assert ">Oost</text>" in context["charts"]["levels"]
    assert ">Communicatie</text>" in context["charts"]["bottlenecks"]


def test_a_regional_report_shows_only_its_region(world, years, known):
    with translation.override("en"):
        context = report_context(Scope(years[0], world.oost))
    assert [row["name"] for row in context["level_rows"]] == ["Oost"]
    assert context["level_total"] is None
    assert context["schools"] == 2
    assert context["board"].collaborations == 4  # the Venlo internship is Zuid's
    assert context["area"] == "Oost"


def test_a_region_without_data_renders_without_dividing_by_zero(world, years):
    with translation.override("en"):
        context = report_context(Scope(years[0], world.zuid))
    assert context["charts"]["forms"] is None and context["charts"]["bottlenecks"] is None
    pages, text = pdf_text(report_pdf(Scope(years[0], world.zuid), language="en"))
    assert "State of collaboration" in text
    assert "Zuid · school year 2025-2026" in text
    assert "No bottlenecks were named this school year." in text
    assert "No open answers were recorded this school year." in text
    assert pages >= 2


def test_an_empty_database_region_has_no_schools_and_no_charts(years, db):
    from verbindt.core.services import regions_ensure_defaults

    midden = regions_ensure_defaults()["midden"]
    with translation.override("en"):
        context = report_context(Scope(years[0], midden))
    assert context["schools"] == 0
    assert set(context["charts"].values()) == {None}
    assert context["key_figures"][4].value == "—"  # no share of no schools


def test_quotes_never_carry_names_of_people_or_schools(world, years, known):
    Contact.objects.create(organisation=world.institution, name="Anna de Vries", function="x")
    Evaluation.objects.create(
        collaboration=known.collaborations[0],
        school_year=years[0],
        moment="year_end",
        went_well="Woonzorgcentrum De Linde Deventer en Anna de Vries van IJsselborg vmbo "
        "Deventer maakten het mogelijk.",
        by=world.docent,
    )
    Evaluation.objects.create(
        collaboration=known.collaborations[0],
        school_year=years[0],
        moment="year_end",
        went_well="Docent Docent regelde alles.",
        by=world.docent,
    )
    quotes = evaluation_quotes(Scope(years[0]), 6)
    assert "[…] en […] van […] maakten het mogelijk." in quotes
    assert "[…] […] regelde alles." in quotes
    assert not any("Linde" in q or "Anna" in q or "IJsselborg" in q for q in quotes)
    # The same words twice are quoted once; another school year's are not quoted.
    assert quotes.count("De leerlingen waren trots op wat ze deden.") == 1


def test_open_answers_of_the_surveys_are_quoted_first(world, years, known, monkeypatch):
    asked = []

    def open_answer_quotes(*, school_year, region=None, limit=6):
        asked.append((school_year, region, limit))
        return ["Mooi om te zien hoe leerlingen groeien."]

    monkeypatch.setattr("verbindt.monitor.report.open_answer_quotes", open_answer_quotes)
    with translation.override("en"):
        context = report_context(Scope(years[0], world.oost))
    assert asked == [(years[0], world.oost, 4)]
    assert context["quotes"][0] == "Mooi om te zien hoe leerlingen groeien."
    assert "De leerlingen waren trots op wat ze deden." in context["quotes"]


def test_the_file_name_names_area_year_and_filters(world, years):
    assert report_filename(Scope(years[0])) == "stand-van-de-samenwerking-nederland-2025-2026.pdf"
    assert (
        report_filename(Scope(years[0], world.oost, form="weekly_support"))
        == "stand-van-de-samenwerking-oost-2025-2026-weekly-support.pdf"
    )


# --- The pages and the worker ------------------------------------------------------------------


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# The worker claims tasks in transactions of its own: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_asked_for_on_the_page_made_by_the_worker_and_downloaded(world, login, years, known):
    client = login(world.regio)
    response = client.post(reverse("monitor_report"), {"year": "2025-2026", "form": ""})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("monitor_report_status", args=[report.pk])
    # A regional coordinator who names no region gets their own.
    assert (report.region, report.school_year, report.requested_by) == (
        world.oost,
        years[0],
        world.regio,
    )
    assert (report.status, report.language) == ("queued", "nl")

    page = client.get(response.url)
    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' in page.content.decode()
    assert "Wachten op een verwerker" in page.content.decode()
    not_yet = client.get(reverse("monitor_report_download", args=[report.pk]))
    assert not_yet.status_code == 404

    run_worker()

    report.refresh_from_db()
    assert (report.status, report.done, report.total, report.error) == ("done", STEPS, STEPS, "")
    fragment = client.get(response.url, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert "hx-trigger" not in body and "<html" not in body
    download_url = reverse("monitor_report_download", args=[report.pk])
    assert download_url in body
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="stand-van-de-samenwerking-oost-2025-2026.pdf"'
    )
    assert download.content.startswith(b"%PDF")
    assert "Oost · schooljaar 2025-2026" in pdf_text(download.content)[1]


@pytest.mark.django_db(transaction=True)
def test_a_report_that_breaks_says_so(world, years, monkeypatch):
    report = report_create(scope=Scope(years[0]), by=world.platform, language="en")

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("verbindt.monitor.services.report_pdf", broken)
    run_worker()
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.error == "The report could not be made because of an unexpected error."
    assert not report.pdf


def test_the_posted_scope_is_checked_like_the_dashboards(world, login, years, zuid_coordinator):
    url = reverse("monitor_report")
    regio = login(world.regio)
    assert regio.post(url, {"year": "2025", "region": "zuid"}).status_code == 403
    assert regio.post(url, {"year": "2025", "region": "atlantis"}).status_code == 404
    assert regio.post(url, {"year": "1999"}).status_code == 404
    assert regio.post(url, {"year": "2025", "form": "juggling"}).status_code == 404
    assert regio.post(url, {"year": "2025", "sector": "space"}).status_code == 404
    assert regio.get(url + "?year=2025").status_code == 405
    for user in (world.school, world.docent, world.outsider, world.instelling):
        assert login(user).post(url, {"year": "2025"}).status_code == 403, user
    assert not Report.objects.exists()
    platform = login(world.platform)
    assert platform.post(url, {"year": "2025", "region": "zuid"}).status_code == 302
    # The scope may also come in the address, as the dashboard's own links carry it.
    assert platform.post(url + "?year=2025&region=oost").status_code == 302
    assert [(r.region.code if r.region else None) for r in Report.objects.order_by("pk")] == [
        "zuid",
        "oost",
    ]


def test_only_the_asker_and_the_coordinators_over_it_see_a_report(
    world, login, years, zuid_coordinator
):
    oost = Report.objects.create(
        school_year=years[0],
        region=world.oost,
        requested_by=world.regio,
        status="done",
        pdf=b"%PDF",
    )
    national = Report.objects.create(
        school_year=years[0], requested_by=world.platform, status="done", pdf=b"%PDF"
    )

    def statuses(user, report):
        client = login(user)
        return (
            client.get(reverse("monitor_report_status", args=[report.pk])).status_code,
            client.get(reverse("monitor_report_download", args=[report.pk])).status_code,
        )

    assert statuses(world.regio, oost) == (200, 200)
    assert statuses(world.platform, oost) == (200, 200)
    assert statuses(world.platform, national) == (200, 200)
    assert statuses(zuid_coordinator, oost) == (403, 403)
    assert statuses(world.regio, national) == (403, 403)  # the nation is beyond a region
    for user in (world.school, world.outsider, world.docent, world.mbo):
        assert statuses(user, oost) == (403, 403), user
    assert login(world.platform).get(reverse("monitor_report_status", args=[999])).status_code == (
        404
    )
