"""Placement in Chromium: the teacher's round page, a student's personal link, the run with its
progress bar, the review and publishing — with screenshots."""

import pytest
from django.core.management import call_command

from tests.e2e.test_login_and_home import _log_in
from verbindt.demo.services import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_round_from_the_students_choices_to_the_published_result(
    page, new_page, live_server, screenshot
):
    seed_demo()
    _log_in(page, live_server, "docent")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Plaatsingen").first.click()
    page.get_by_role("link", name="Wekelijkse ondersteuning 3e klassen").click()
    page.get_by_role("heading", name="Keuzes en plaatsen").wait_for()
    assert page.get_by_text("12 van 12 leerlingen hebben gekozen").is_visible()
    screenshot(page, "placement-round-nl")
    assert page.problems == []

    coordinator = new_page(viewport={"width": 1280, "height": 860})
    _log_in(coordinator, live_server, "school")
    coordinator.wait_for_url(live_server.url + "/")
    coordinator.goto(page.url)
    coordinator.get_by_role("button", name="Openen voor keuzes").click()
    coordinator.get_by_role("button", name="Persoonlijke link L01").click()
    link = coordinator.locator("code.token").first.inner_text()

    student = new_page(viewport={"width": 390, "height": 800})  # a phone
    student.goto(link)
    student.get_by_label("Keuze 1").select_option(
        label="ROC IJsselvallei Deventer – Meeloopmiddag zorg"
    )
    student.get_by_label("Keuze 2").select_option(
        label="Woonzorgcentrum De Linde Deventer – Activiteiten woensdag"
    )
    student.get_by_label("Keuze 3").select_option(label="— geen keuze —")
    student.get_by_role("button", name="Mijn keuzes opslaan").click()
    student.get_by_text("Je keuzes zijn opgeslagen").wait_for()
    screenshot(student, "placement-student-link-nl")
    assert student.problems == []

    coordinator.get_by_role("button", name="Opnieuw plaatsen").click()
    assert coordinator.get_by_role("progressbar", name="0% klaar").is_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    coordinator.get_by_role("link", name="Bekijk de uitkomst").click()
    coordinator.get_by_role("heading", name="In cijfers").wait_for()
    row = coordinator.locator("tr", has_text="L01")
    assert "Meeloopmiddag zorg" in row.inner_text()
    assert "Geplaatst bij" in row.inner_text()
    screenshot(coordinator, "placement-review-nl")
    coordinator.get_by_role("button", name="Publiceren").click()
    coordinator.get_by_text("De uitkomst is gepubliceerd").wait_for()
    assert coordinator.problems == []

    student.reload()
    assert student.get_by_role("heading", name="Jouw plaatsing").is_visible()
    assert student.get_by_text("Meeloopmiddag zorg").is_visible()
