"""The coordinators' pages per role, and the personal link without an account."""

import pytest
from django.urls import reverse

from verbindt.core.secrets import secret_hash
from verbindt.surveys import services
from verbindt.surveys.models import Campaign, Recipient

from .conftest import question, respondent, sent


@pytest.fixture
def oost_campaign(world, year):
    return services.campaign_create(
        title="Oost vraagt",
        school_year=year,
        region=world.oost,
        by=world.regio,
        from_template=True,
    )


@pytest.fixture
def zuid_campaign(world, year):
    return services.campaign_create(
        title="Zuid vraagt", school_year=year, region=world.zuid, by=None, from_template=True
    )


PAGES = [
    "campaign_detail",
    "campaign_edit",
    "question_add",
    "recipients_choose",
    "campaign_results",
]


@pytest.mark.parametrize("name", PAGES)
def test_the_platform_coordinator_opens_every_campaign(world, login, zuid_campaign, name):
    assert login(world.platform).get(reverse(name, args=[zuid_campaign.pk])).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_a_regional_coordinator_opens_their_regions_campaign(world, login, oost_campaign, name):
    assert login(world.regio).get(reverse(name, args=[oost_campaign.pk])).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_a_regional_coordinator_gets_403_for_another_region_and_the_national_one(
    world, login, zuid_campaign, campaign, name
):
    client = login(world.regio)
    assert client.get(reverse(name, args=[zuid_campaign.pk])).status_code == 403
    assert client.get(reverse(name, args=[campaign.pk])).status_code == 403


@pytest.mark.parametrize("table", ["results", "open-answers", "response-rate", "recipients"])
def test_a_regional_coordinator_exports_nothing_of_another_region(
    world, login, zuid_campaign, table
):
    url = reverse("campaign_export", args=[zuid_campaign.pk, table, "csv"])
    assert login(world.regio).get(url).status_code == 403


@pytest.mark.parametrize("actor", ["school", "docent", "mbo", "instelling", "outsider"])
def test_schools_and_partners_see_no_campaigns(world, login, oost_campaign, actor):
    client = login(getattr(world, actor))
    assert client.get(reverse("campaign_list")).status_code == 403
    assert client.get(reverse("campaign_create")).status_code == 403
    assert client.get(reverse("campaign_detail", args=[oost_campaign.pk])).status_code == 403


def test_an_unknown_campaign_is_404(world, login):
    assert login(world.platform).get(reverse("campaign_detail", args=[999999])).status_code == 404


def test_the_list_shows_each_role_its_campaigns_with_the_response_rate(
    world, login, oost_campaign, zuid_campaign
):
    sent(oost_campaign)
    for _ in range(3):
        respondent(oost_campaign)
    done = respondent(oost_campaign)
    services.response_save(
        recipient=done, answers={question(oost_campaign, "group").pk: "structural"}, submit=True
    )
    page = login(world.regio).get(reverse("campaign_list")).content.decode()
    assert "Oost vraagt" in page and "Zuid vraagt" not in page
    assert "1 van 4" in page and "25%" in page
    page = login(world.platform).get(reverse("campaign_list")).content.decode()
    assert "Oost vraagt" in page and "Zuid vraagt" in page


def test_a_regional_coordinator_creates_a_campaign_for_their_own_region(world, login, year):
    response = login(world.regio).post(
        reverse("campaign_create"),
        {
            "title": "Oost 2026",
            "intro": "",
            "school_year": year.pk,
            "start": "template",
            "region": world.zuid.pk,
        },  # ignored: a regional campaign is the coordinator's region
    )
    campaign = Campaign.objects.get(title="Oost 2026")
    assert response.status_code == 302 and campaign.region == world.oost
    assert campaign.questions.count() == 6


def test_the_builder_shows_a_bad_question_with_the_fields_message(world, login, campaign):
    response = login(world.platform).post(
        reverse("question_add", args=[campaign.pk]),
        {"kind": "single", "text": "Kies", "choices": "Alleen deze"},
    )
    assert response.status_code == 400
    assert "Geef minstens twee keuzes, één per regel." in response.content.decode()


def test_choosing_organisations_reports_those_without_email(world, login, campaign, contacts):
    client = login(world.platform)
    response = client.post(
        reverse("recipients_choose", args=[campaign.pk]),
        {"organisation": [world.school_a.pk, world.outsider_school.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 contactpersoon is toegevoegd." in page
    assert "niet uitgenodigd: Maasoever vmbo Venlo" in page


def test_a_regional_coordinator_cannot_add_another_regions_organisation(
    world, login, oost_campaign, contacts
):
    response = login(world.regio).post(
        reverse("recipients_choose", args=[oost_campaign.pk]),
        {"organisation": [world.institution_zuid.pk]},
    )
    assert response.status_code == 400 and not oost_campaign.recipients.exists()
    listing = login(world.regio).get(reverse("recipients_choose", args=[oost_campaign.pk]))
    assert "Thuiszorg Dichtbij Venlo" not in listing.content.decode()
    assert "Vechtdal vmbo Ommen" in listing.content.decode()


# --- The personal link -------------------------------------------------------------------


def _with_link(campaign):
    recipient = respondent(campaign)
    recipient.link_hash = secret_hash("k" * 43)
    recipient.save()
    return recipient, reverse("survey_response", args=["k" * 43])


def test_the_link_saves_a_draft_and_refuses_a_second_submission(client, campaign):
    sent(campaign)
    recipient, url = _with_link(campaign)
    group, works = question(campaign, "group"), question(campaign, "works")
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    assert "<legend" in page.content.decode()
    client.post(url, {works.field_name: "Vaste dag", "save": ""})
    assert "Vaste dag" in client.get(url).content.decode()
    response = client.post(url, {works.field_name: "Vaste dag", "submit": ""})
    assert response.status_code == 400
    assert (
        "Vraag 1 (“In welke groep valt jullie samenwerking?”): deze vraag heeft een antwoord"
        in (response.content.decode())
    )
    client.post(url, {group.field_name: "structural", works.field_name: "Vaste dag", "submit": ""})
    recipient.refresh_from_db()
    assert recipient.submitted_at is not None
    assert "Bedankt voor je antwoorden" in client.get(url).content.decode()
    again = client.post(url, {group.field_name: "incidental", "submit": ""})
    assert again.status_code == 409 and "al verstuurd" in again.content.decode()
    assert recipient.answers.get(question=group).value == "structural"


def test_an_unknown_link_is_a_clear_404(client, db):
    response = client.get(reverse("survey_response", args=["nonsense"]))
    assert response.status_code == 404


def test_a_closed_campaign_shows_a_notice_and_takes_nothing(client, campaign):
    sent(campaign)
    recipient, url = _with_link(campaign)
    services.campaign_close(campaign=campaign)
    assert "gesloten" in client.get(url).content.decode()
    client.post(url, {question(campaign, "works").field_name: "x", "submit": ""})
    assert not Recipient.objects.get(pk=recipient.pk).answers.exists()
