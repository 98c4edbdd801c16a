"""The registry in Chromium: live search, the map with its own outline, the detail page."""

import pytest
from django.core.management import call_command

from tests.e2e.test_login_and_home import _log_in
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_live_search_narrows_the_list_while_typing(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "regio")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Organisaties").first.click()
    page.get_by_role("searchbox", name="Zoeken").fill("Deventer")
    page.wait_for_url("**q=Deventer**")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 3
    assert all("Deventer" in text for text in rows.all_inner_texts())
    screenshot(page, "organisations-search-nl")
    assert page.problems == []


def test_the_map_draws_the_netherlands_and_a_dot_per_organisation(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/organisations/map/")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane canvas').length > 0")
    page.wait_for_timeout(500)  # the outline arrives with a second request
    screenshot(page, "organisations-map-nl")
    assert page.problems == []
    # Click the middle of the first school's dot: its popup links to the organisation.
    point = page.evaluate("JSON.parse(document.getElementById('map-points').textContent)[0]")
    assert point["name"]
    assert page.get_by_text("organisaties op de kaart").is_visible()


def test_the_detail_page_shows_address_electives_and_contacts(page, live_server, screenshot):
    seed_demo()
    _log_in(page, live_server, "school")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/organisations/?q=IJsselborg")
    page.get_by_role("link", name="IJsselborg vmbo Deventer").click()
    assert page.get_by_role("heading", name="Locaties").is_visible()
    assert page.get_by_role("heading", name="Contactpersonen").is_visible()
    assert page.locator("#contacts table").is_visible()  # own school: contacts shown
    screenshot(page, "organisation-detail-nl")
    assert page.problems == []


def test_an_import_shows_progress_and_then_its_report_without_a_reload(
    page, live_server, screenshot, tmp_path
):
    seed_demo()
    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Importeren").click()
    upload = tmp_path / "vestigingen.csv"
    upload.write_text(
        "PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;"
        "HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;"
        "TELEFOONNUMMER;INTERNETADRES;ONDERWIJSSTRUCTUUR;VAKANTIEREGIO\n"
        "Overijssel;1;99ZZ;99ZZ00;Het Testcollege;Schoolstraat;1;7411 HP;DEVENTER;0150;DEVENTER;"
        "Openbaar; ; ;VBO/MAVO;Noord\n",
        encoding="utf-8",
    )
    page.get_by_label("Bestand", exact=True).set_input_files(str(upload))
    page.get_by_label("Alleen controleren").uncheck()
    page.get_by_role("button", name="Starten").click()
    assert page.get_by_role("progressbar").is_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    page.get_by_role("heading", name="Geïmporteerd").wait_for(timeout=10_000)
    assert page.locator(".stat").first.inner_text() == "1"
    screenshot(page, "import-report-nl")
    assert page.problems == []
