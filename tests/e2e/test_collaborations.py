"""Collaborations in Chromium: the board, the detail with its timeline, the plan editor in
place (htmx) and the month calendar — with screenshots."""

import pytest

from tests.e2e.test_login_and_home import _log_in
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_school_coordinator_works_through_a_collaboration(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Samenwerkingen").first.click()
    page.get_by_role("heading", name="Mijn samenwerkingen").wait_for()
    assert page.get_by_role("link", name="Lunchhulp in De Linde").is_visible()
    screenshot(page, "collaborations-board-nl")

    page.get_by_role("link", name="Lunchhulp in De Linde").click()
    page.get_by_role("heading", name="Tijdlijn").wait_for()
    assert page.get_by_text("Akkoord van alle partners").first.is_visible()
    screenshot(page, "collaboration-detail-nl")

    page.get_by_role("link", name="Plan 20").first.click()
    goals = "Elke dinsdag vier leerlingen bij de lunch, ook in juni."
    page.get_by_role("textbox", name="Doelen").fill(goals)
    page.get_by_role("button", name="Doelen en begroting opslaan").click()
    # Saved in place: the plan part is replaced, the page is not reloaded.
    page.get_by_text("Nog niet").first.wait_for()
    assert page.get_by_text("Akkoord van alle partners").count() == 0  # confirm again
    page.get_by_role("button", name="Bevestigen namens IJsselborg vmbo Deventer").click()
    page.get_by_text("bevestigd").first.wait_for()
    screenshot(page, "plan-editor-nl")
    assert page.problems == []


def test_the_month_calendar_shows_the_weekly_sessions(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "docent")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Bijeenkomsten").first.click()
    page.get_by_role("heading", name="Binnenkort").wait_for()
    assert (
        page.locator("table.month a.event").count() > 0 or page.locator(".upcoming li").count() > 0
    )
    screenshot(page, "sessions-calendar-nl")
    assert page.problems == []
