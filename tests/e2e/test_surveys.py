"""A survey in Chromium: a contact answers through their personal link — saves, comes back,
submits, and cannot submit twice — and the coordinator reads the results with charts."""

import re

import pytest

from tests.e2e.test_login_and_home import _log_in
from verbindt.core.secrets import secret_hash
from verbindt.demo.services import seed_demo
from verbindt.surveys.demo import seed_surveys

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
KEY = "e2e-" + "k" * 40


def test_a_contact_answers_through_the_link_and_the_coordinator_sees_the_results(
    page, new_page, live_server, screenshot
):
    seed_demo()
    campaign = seed_surveys()
    recipient = campaign.recipients.filter(saved_at__isnull=True).first()
    recipient.link_hash = secret_hash(KEY)
    recipient.save()
    link = f"{live_server.url}/surveys/r/{KEY}/"

    contact = new_page(viewport={"width": 390, "height": 800})  # a phone
    contact.goto(link)
    contact.get_by_role("heading", name=campaign.title).wait_for()
    group = contact.get_by_role("group", name="1. In welke groep valt jullie samenwerking?")
    group.get_by_label(re.compile("Structureel: een plan")).check()
    contact.get_by_label("Gastles", exact=True).check()
    contact.get_by_label("Buddyproject", exact=True).check()
    contact.get_by_role("group", name=re.compile("^3. Hoe tevreden")).get_by_label(
        "4", exact=True
    ).check()
    contact.get_by_label("4. Wat werkt goed in jullie samenwerking?").fill("Vaste contactpersoon.")
    contact.get_by_role("button", name="Opslaan en later verdergaan").click()
    contact.get_by_text("Je antwoorden zijn opgeslagen").wait_for()

    # Later, through the same link: the answers are still there.
    later = new_page(viewport={"width": 1280, "height": 860})
    later.goto(link)
    assert later.get_by_label(re.compile("Structureel: een plan")).is_checked()
    assert later.get_by_label("Buddyproject", exact=True).is_checked()
    assert later.get_by_label("4. Wat werkt goed in jullie samenwerking?").input_value() == (
        "Vaste contactpersoon."
    )
    screenshot(later, "survey-questionnaire-nl")
    later.get_by_label(re.compile("6. Wat zou helpen")).fill("Uren voor begeleiding.")
    later.get_by_role("button", name="Mijn antwoorden versturen").click()
    later.get_by_role("heading", name="Bedankt voor je antwoorden").wait_for()
    assert later.problems == []

    # The phone still shows the form: sending from there is refused.
    contact.get_by_role("button", name="Mijn antwoorden versturen").click()
    contact.get_by_text("Je hebt je antwoorden al verstuurd").wait_for()
    assert [p.split()[0] for p in contact.problems] == ["409"]
    recipient.refresh_from_db()
    assert recipient.submitted_at is not None
    assert recipient.answers.filter(value="Uren voor begeleiding.").exists()

    _log_in(page, live_server, "platform")
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/surveys/")
    page.get_by_role("link", name=campaign.title).click()
    page.get_by_role("link", name="Uitkomsten").click()
    page.get_by_role("heading", name="Respons per soort organisatie").wait_for()
    page.wait_for_function(
        "document.querySelectorAll('canvas').length > 0 && "
        "[...document.querySelectorAll('canvas')].every(c => c.width > 0)"
    )
    assert page.get_by_text("Vaste contactpersoon.").is_visible()
    screenshot(page, "survey-results-nl")
    assert page.problems == []
