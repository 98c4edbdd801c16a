"""Dutch by default, English on request, and every string translated."""

from pathlib import Path

import polib

import verbindt

LOCALE = Path(verbindt.__file__).parent / "locale"


def test_the_interface_speaks_dutch_by_default(world, login):
    page = login(world.school).get("/").content.decode()
    assert '<html lang="nl">' in page
    assert "Welkom, School" in page
    assert "Naar de inhoud" in page


def test_an_english_browser_still_gets_dutch_until_the_user_chooses(world, login):
    page = login(world.school).get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Welkom, School" in page.content.decode()


def test_the_language_switch_turns_the_interface_to_english_and_back(world, login):
    client = login(world.school)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Welcome, School" in page
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "Welkom" in client.get("/").content.decode()


def test_the_login_page_switches_language_before_logging_in(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in to Verbindt" in client.get("/accounts/login/").content.decode()


def test_every_dutch_string_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.percent_translated() == 100


def test_the_catalogue_covers_every_string_in_the_templates():
    import re

    msgids = {
        entry.msgid for entry in polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    }
    templates = Path(verbindt.__file__).parent.glob("*/templates/**/*.html")
    missing = {
        text
        for template in templates
        for text in re.findall(r'{% translate "([^"]+)"', template.read_text())
        if text not in msgids
    }
    assert missing == set(), "run `make messages` and translate the new strings"
