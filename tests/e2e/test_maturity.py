"""Maturity levels in Chromium: a school reads its level, the evidence and its next step,
fills in the self-scan with the keyboard and the mouse, and a regional coordinator filters
the table of schools — with screenshots."""

import pytest

from tests.e2e.test_login_and_home import _log_in
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_school_reads_its_level_and_fills_in_the_self_scan(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Bekijk het samenwerkingsniveau van je school").click()
    page.get_by_role("heading", name="Samenwerkingsniveau van IJsselborg vmbo Deventer").wait_for()
    assert page.locator(".level-big").inner_text() == "doorlopende leerlijn"
    assert page.get_by_role(
        "link", name="Doorlopende leerlijn Zorg & Welzijn Deventer"
    ).first.is_visible()
    screenshot(page, "school-level-nl")

    page.get_by_role("link", name="Vul de zelfscan in").click()
    page.get_by_role("heading", name="Zelfscan").wait_for()
    page.get_by_label("wekelijkse ondersteuning").check()
    page.get_by_label("zorg- of welzijnsinstellingen").check()
    plan = page.get_by_role("group", name="Is er met minstens één partner een jaarplan")
    plan.get_by_label("ja, door alle partners afgesproken").check()
    # Radio groups work from the keyboard: focus the first option, arrow to the last.
    frequency = page.get_by_role("group", name="Hoe vaak doen leerlingen mee")
    frequency.get_by_label("één of een paar keer per jaar").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert frequency.get_by_label("wekelijks of vaker").is_checked()
    screenshot(page, "self-scan-nl")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Je antwoorden zijn opgeslagen").wait_for()
    assert page.get_by_text(
        "Je gegevens laten doorlopende leerlijn zien, meer dan je antwoordde (structureel)"
    ).is_visible()
    assert page.problems == []


def test_a_regional_coordinator_finds_the_incidental_schools(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "regio")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Niveaus").first.click()
    page.get_by_role("heading", name="Samenwerkingsniveaus").wait_for()
    page.get_by_role("link", name="incidenteel").click()
    rows = page.locator("tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 1
    assert all("incidenteel" in rows.nth(i).inner_text() for i in range(rows.count()))
    screenshot(page, "levels-table-nl")
    rows.first.get_by_role("link").click()
    page.get_by_role("heading", name="Je volgende stap").wait_for()
    assert page.get_by_text("Maak met één partner een jaarplan met afspraken").first.is_visible()
    screenshot(page, "school-level-next-step-nl")
    assert page.problems == []


def test_the_level_page_fits_a_phone(new_page, live_server, screenshot):
    seed_demo()
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _log_in(page, live_server, "docent")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Bekijk het samenwerkingsniveau van je school").click()
    page.locator(".level-big").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    screenshot(page, "school-level-phone-nl")


def test_the_platform_coordinator_reads_and_sets_the_thresholds(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Niveaus").first.click()
    page.get_by_role("link", name="Drempels").click()
    quarters = page.get_by_label("kwartalen met bijeenkomsten")
    assert quarters.input_value() == "3"
    assert page.get_by_text("Aug–Oct").count() == 0  # the help text is Dutch too
    assert page.get_by_text("aug–okt, nov–jan, feb–apr, mei–jul").is_visible()
    screenshot(page, "maturity-thresholds-nl")
    quarters.fill("2")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De drempels zijn opgeslagen").wait_for()
    assert page.problems == []
