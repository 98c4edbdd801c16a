"""The monitor in Chromium: the platform coordinator reads the dashboard's charts and map,
filters on a region and follows a figure to the list behind it; the dashboard fits a phone;
a regional coordinator has the printed report made and downloads it; a school coordinator
compares their school with the averages — with screenshots."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.test_login_and_home import _log_in
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _watch_errors(page):
    """Script errors and console errors too, beside the fixture's CSP and HTTP problems."""
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and page.problems.append(message.text),
    )


def _wait_for_charts(page, count: int) -> None:
    """Until ``count`` canvases hold a drawn chart (a timeout fails the test): Chart.js draws
    after the page has loaded, later still on a busy machine."""
    page.wait_for_function(
        "count => Array.from(document.querySelectorAll('canvas[data-chart]'))"
        ".filter(c => window.Chart && Chart.getChart(c) && c.width > 0).length === count",
        arg=count,
    )


def _open_the_monitor(page, live_server, username: str, area: str) -> None:
    """With the demo data, log in and open the monitor from the menu."""
    seed_demo()
    _watch_errors(page)
    _log_in(page, live_server, username)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Monitor").click()
    page.get_by_role("heading", name=re.compile(rf"^Monitor: {area}")).wait_for()


def test_the_platform_coordinator_reads_filters_and_follows_a_figure(page, live_server, screenshot):
    _open_the_monitor(page, live_server, "platform", "Nederland")
    assert page.locator("canvas[data-chart]").count() == 7
    _wait_for_charts(page, 7)
    page.locator("#level-map .leaflet-pane").first.wait_for(state="attached")
    assert page.get_by_role("table", name=re.compile("Knelpunten genoemd")).is_visible()
    screenshot(page, "monitor-dashboard-nl")

    page.get_by_label("Regio", exact=True).select_option(label="Oost")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("heading", name=re.compile(r"^Monitor: Oost")).wait_for()
    assert "region=oost" in page.url
    _wait_for_charts(page, 7)

    # The most named bottleneck: its number leads to exactly that many collaborations.
    bottlenecks = page.get_by_role("table", name=re.compile("Knelpunten genoemd"))
    first = bottlenecks.locator("tbody tr").first
    name = first.locator("th").inner_text()
    link = first.get_by_role("link")
    count = int(link.inner_text())
    assert count > 0
    link.click()
    page.get_by_role("heading", name=re.compile(r"^Samenwerkingen: knelpunt")).wait_for()
    assert name.lower() in page.locator("h1").inner_text().lower()
    assert page.locator("tbody tr").count() == min(count, 50)
    assert "Oost" in page.locator(".scope-line").inner_text()
    screenshot(page, "monitor-collaborations-nl")
    assert page.problems == []


def test_the_dashboard_fits_a_phone(new_page, live_server, screenshot):
    seed_demo()
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _watch_errors(page)
    _log_in(page, live_server, "regio")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Open de monitor van je regio").click()
    page.get_by_role("heading", name=re.compile(r"^Monitor: Oost")).wait_for()
    _wait_for_charts(page, 7)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    # A regional coordinator's region filter offers their own region only.
    assert page.get_by_label("Regio", exact=True).locator("option").all_inner_texts() == ["Oost"]
    screenshot(page, "monitor-dashboard-phone-nl")
    page.get_by_role(
        "link", name=re.compile(r"^\d+\s+scholen bij wie het contact niet lukt")
    ).click()
    page.get_by_role("heading", name="Scholen bij wie het contact niet lukt").wait_for()
    assert page.problems == []


def test_a_school_coordinator_compares_their_school(page, live_server, screenshot):
    seed_demo()
    _watch_errors(page)
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role(
        "link", name="Vergelijk de cijfers van je school met de regio en Nederland"
    ).click()
    page.get_by_role("heading", name="Cijfers van IJsselborg vmbo Deventer").wait_for()
    _wait_for_charts(page, 1)
    table = page.get_by_role("table", name=re.compile("De cijfers van je school"))
    assert table.locator("tbody tr").count() == 5
    assert page.get_by_role("navigation").get_by_role("link", name="Monitor").count() == 0
    screenshot(page, "monitor-school-nl")
    assert page.problems == []


def test_a_regional_coordinator_has_the_report_made_and_downloads_it(page, live_server, screenshot):
    _open_the_monitor(page, live_server, "regio", "Oost")
    page.get_by_role("button", name="Rapport maken (pdf)").click()

    page.get_by_role("heading", name="Stand van de samenwerking").wait_for()
    assert page.get_by_text("Wachten op een verwerker…").is_visible()
    assert page.get_by_role("progressbar", name=re.compile(r"^Stap 0 van")).is_visible()
    screenshot(page, "monitor-report-progress-nl")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    # The page asks for the progress every second and shows the download once it is done.
    page.get_by_role("heading", name="Je rapport is klaar").wait_for(timeout=15_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het rapport (pdf)").click()
    assert re.fullmatch(
        r"stand-van-de-samenwerking-oost-\d{4}-\d{4}\.pdf", download.value.suggested_filename
    )
    pdf = Path(download.value.path())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert "Oost" in text.decode()
    assert page.problems == []
