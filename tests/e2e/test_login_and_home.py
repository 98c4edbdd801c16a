"""A school coordinator logs in in a real browser and lands on the Dutch home page."""

import pytest

from verbindt.demo.data import DEMO_PASSWORD
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_the_school_coordinator_logs_in_and_sees_the_dutch_home_page(page, live_server, screenshot):
    seed_demo()
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="Inloggen bij Verbindt").is_visible()
    screenshot(page, "login-nl")

    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Sanne"
    assert page.get_by_role("link", name="Alle samenwerkingen").is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.get_by_label("Wissel van rol").is_visible()
    assert page.problems == []
    # The stylesheet applies: the skip link waits off-screen until it gets focus.
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == (
        "absolute"
    )
    screenshot(page, "home-school-nl")


def test_the_first_tab_reaches_the_skip_link_and_it_leads_to_the_content(page, live_server):
    seed_demo()
    _log_in(page, live_server, "docent")
    page.wait_for_url(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_switching_role_and_language_in_the_browser(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.get_by_label("Wissel van rol").select_option(label="docent · Vechtdal vmbo Ommen")
    page.locator(".switch-membership").get_by_role("button").click()
    assert page.get_by_text("Je werkt als docent bij Vechtdal vmbo Ommen").first.is_visible()

    page.get_by_label("Taal").select_option("en")
    page.locator("form.language").get_by_role("button").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Sanne"
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("username", ["platform", "school"])
def test_the_home_page_fits_a_phone(new_page, live_server, screenshot, username):
    seed_demo()
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _log_in(page, live_server, username)
    page.wait_for_url(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    assert page.problems == []
    screenshot(page, f"home-{username}-phone-nl")


def test_a_token_made_on_the_profile_page_is_shown_once(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Sanne Bakker").click()
    page.get_by_label("Naam van het nieuwe token").fill("exportscript")
    page.get_by_role("button", name="Token aanmaken").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("vbt_")
    assert page.get_by_role("cell", name="exportscript", exact=True).is_visible()
    screenshot(page, "profile-token-nl")
    page.reload()
    assert page.locator("#new-token").count() == 0
    assert page.problems == []


def test_the_api_documentation_works_under_the_content_security_policy(page, live_server):
    seed_demo()
    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/api/v1/docs")
    page.get_by_text("/api/v1/me").first.wait_for()
    assert page.problems == []


def test_the_platform_coordinator_manages_regions_in_the_administration(
    page, live_server, screenshot
):
    seed_demo()
    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Regio's").first.click()
    page.get_by_role("link", name="Oost").wait_for()
    screenshot(page, "admin-regions-nl")
    assert page.problems == []
