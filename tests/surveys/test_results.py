"""Results: the response rate, counts per question, open answers and the breakdown — never for
fewer than five responses — on the page and in the CSV and XLSX exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from verbindt.core.models import SchoolYear
from verbindt.network.models import OrganisationKind
from verbindt.surveys import selectors, services

from .conftest import answer, respondent, sent


def rows_of(response):
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def four(campaign):
    sent(campaign)
    for n in range(4):
        answer(campaign, works=f"Antwoord nummer {n}", name=f"School Vier {n}")
    respondent(campaign)
    return campaign


@pytest.fixture
def twelve(campaign):
    """Seven structural, five incidental (shown), none continuous; plus two not answering."""
    sent(campaign)
    for n in range(7):
        answer(
            campaign,
            group="structural",
            satisfaction=4,
            works=f"Structureel werkt {n}",
            bottlenecks=("communication", "time_for_supervision"),
            name=f"Geheim College {n}",
        )
    for n in range(5):
        answer(
            campaign,
            group="incidental",
            satisfaction=2,
            forms=("guest_lesson",),
            bottlenecks=("getting_contact",),
            kind=OrganisationKind.INSTITUTION,
            works=f"Incidenteel werkt {n}",
        )
    respondent(campaign)
    respondent(campaign)
    return campaign


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_fewer_than_five_responses_show_and_export_no_answers(world, login, four, fmt):
    client = login(world.platform)
    page = client.get(reverse("campaign_results", args=[four.pk])).content.decode()
    assert "Minder dan 5 reacties: niet getoond" in page
    assert "Antwoord nummer" not in page and "chart-data" not in page
    assert "4 van de 5" not in page  # the rate is shown as figures
    for table in ("results", "open-answers"):
        rows = rows_of(client.get(reverse("campaign_export", args=[four.pk, table, fmt])))
        flat = " ".join(" ".join(r) for r in rows)
        assert "Minder dan 5 reacties: niet getoond" in flat and "Antwoord nummer" not in flat


def test_the_results_page_shows_rates_charts_open_answers_and_shown_groups(world, login, twelve):
    page = login(world.platform).get(reverse("campaign_results", args=[twelve.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="chart-data"' in html and "chart-4.6.1.umd.min" in html
    assert "Structureel werkt 3" in html and "Incidenteel werkt 4" in html
    assert "Geheim College" not in html  # answers never name who gave them
    assert "86%" in html  # 12 of 14
    assert "Per groep: In welke groep valt jullie samenwerking?" in html
    assert "(n=7)" in html and "(n=5)" in html
    results = selectors.campaign_results(twelve)
    assert [g.code for g in results.shown_groups] == ["incidental", "structural"]
    satisfaction = next(r for r in results.questions if r.question.template_code == "satisfaction")
    assert satisfaction.mean == 3.2
    assert {k.kind: (k.invited, k.responded) for k in results.by_kind} == {
        "vmbo_location": (9, 7),
        "institution": (5, 5),
    }


def test_a_group_below_five_is_not_shown_nor_follows_from_the_total(campaign):
    sent(campaign)
    for _ in range(6):
        answer(campaign, group="structural")
    for _ in range(5):
        answer(campaign, group="incidental")
    for _ in range(2):
        answer(campaign, group="learning_line")
    results = selectors.campaign_results(campaign)
    # Learning line (2) is hidden; then incidental (5) must go too, or 13 - 6 - 5 would give 2.
    assert [g.code for g in results.shown_groups] == ["structural"]
    assert {g.code for g in results.hidden_groups} == {"incidental", "learning_line"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_hold_counts_and_open_answers_without_names(world, login, twelve, fmt):
    client = login(world.platform)
    rows = rows_of(client.get(reverse("campaign_export", args=[twelve.pk, "results", fmt])))
    assert rows[0] == [
        "Nummer",
        "Vraag",
        "Groep in de uitsplitsing",
        "Reacties in groep",
        "Antwoord",
        "Aantal",
        "Percentage",
    ]
    everyone = {(r[0], r[4]): r[5] for r in rows[1:] if r[2] == "Alle"}
    assert everyone[("5", "Communicatie")] == "7" and everyone[("5", "Contact leggen")] == "5"
    groups = {r[2] for r in rows[1:]}
    assert "Incidenteel: stages en gastlessen, toevallig ontstaan en niet vanuit een plan" in groups
    assert not any(r[2].startswith("Doorlopende") and r[5] for r in rows[1:])
    answers = rows_of(client.get(reverse("campaign_export", args=[twelve.pk, "open-answers", fmt])))
    assert answers[0] == ["Nummer", "Vraag", "Antwoord"] and len(answers) == 1 + 12
    flat = " ".join(" ".join(r) for r in rows + answers)
    assert "Geheim College" not in flat and "Persoon" not in flat
    rate = rows_of(client.get(reverse("campaign_export", args=[twelve.pk, "response-rate", fmt])))
    assert rate[-1] == ["Totaal", "14", "12", "86"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_campaign_list_exports(world, login, twelve, fmt):
    rows = rows_of(login(world.platform).get(reverse("campaign_list_export", args=[fmt])))
    assert rows[1][0] == "Samenwerking 2025" and rows[1][4:] == ["14", "12", "86"]


def test_an_unknown_export_is_404(world, login, twelve):
    client = login(world.platform)
    assert (
        client.get(reverse("campaign_export", args=[twelve.pk, "names", "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("campaign_export", args=[twelve.pk, "results", "pdf"])).status_code
        == 404
    )


def test_the_list_and_results_take_the_same_queries_for_more_responses(
    world, login, campaign, django_assert_max_num_queries
):
    client = login(world.platform)
    sent(campaign)
    for _ in range(5):
        answer(campaign)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("campaign_results", args=[campaign.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("campaign_list"))
    for _ in range(15):
        answer(campaign, group="incidental")
        respondent(campaign)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("campaign_results", args=[campaign.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("campaign_list"))


def test_quotes_and_bottleneck_counts_for_the_report(world, twelve):
    year = SchoolYear.objects.get(pk=twelve.school_year_id)
    small = services.campaign_create(
        title="Klein", school_year=year, region=None, by=None, from_template=True
    )
    sent(small)
    for _ in range(4):
        answer(small, bottlenecks=["transport"], works="Dit telt niet mee want te weinig")
    quotes = selectors.open_answer_quotes(school_year=year)
    assert len(quotes) == 6 and all(q.startswith(("Structureel", "Incidenteel")) for q in quotes)
    counts = selectors.bottleneck_answer_counts(school_year=year)
    assert counts["communication"] == 7 and counts["getting_contact"] == 5
    assert counts["transport"] == 0  # the four responses of the small campaign do not count
    assert selectors.bottleneck_answer_counts(school_year=year, region=world.oost) == dict.fromkeys(
        counts, 0
    )
    oost = services.campaign_create(
        title="Oost", school_year=year, region=world.oost, by=None, from_template=True
    )
    sent(oost)
    for n in range(5):
        answer(
            oost,
            works="Een lang antwoord over wat werkt in de regio: " + "heel veel " * 40 + str(n),
        )
    quotes = selectors.open_answer_quotes(school_year=year, region=world.oost, limit=3)
    assert len(quotes) == 3 and all(len(q) <= 201 and q.endswith("…") for q in quotes)
