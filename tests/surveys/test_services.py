"""The campaign's services: template, builder, recipients, answers and reminders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from verbindt.collaborations.models import Bottleneck, Form
from verbindt.surveys import services
from verbindt.surveys.models import Answer, CampaignStatus, QuestionKind, Recipient

from .conftest import answer, question, respondent, sent


@pytest.fixture(autouse=True)
def english():
    # The services speak the user's language; these tests read their messages in English.
    with translation.override("en"):
        yield


def messages_of(error):
    return " ".join(error.value.messages)


def test_the_template_asks_what_the_national_day_asked(campaign):
    questions = list(campaign.questions.all())
    assert [q.template_code for q in questions] == [
        "group",
        "forms",
        "satisfaction",
        "works",
        "bottlenecks",
        "helps",
    ]
    group = questions[0]
    assert group.breakdown and group.required and group.kind == QuestionKind.SINGLE
    assert list(group.labels) == ["incidental", "structural", "learning_line"]
    assert list(question(campaign, "forms").labels) == Form.values
    assert list(question(campaign, "bottlenecks").labels) == Bottleneck.values
    assert question(campaign, "works").kind == QuestionKind.OPEN


def test_an_empty_campaign_has_no_questions(world, year):
    campaign = services.campaign_create(title="Leeg", school_year=year, region=world.oost, by=None)
    assert campaign.status == CampaignStatus.DRAFT and not campaign.questions.exists()


def test_a_closing_date_in_the_past_is_refused_naming_the_field(world, year):
    with pytest.raises(ValidationError) as error:
        services.campaign_create(
            title="Oud",
            school_year=year,
            region=None,
            by=None,
            closes_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "closes_on" in error.value.message_dict


def test_the_builder_adds_edits_moves_and_removes_questions(campaign):
    q = services.question_add(
        campaign=campaign,
        kind="single",
        text="Hoe vaak overleg je?",
        choices=["Wekelijks", "Maandelijks", " ", "Nooit"],
        required=True,
    )
    assert q.order == 7 and [c["label"] for c in q.choices] == ["Wekelijks", "Maandelijks", "Nooit"]
    codes = q.labels
    q = services.question_update(
        question=q, data={"choices": ["Nooit", "Wekelijks", "Elk kwartaal"], "text": "Overleg?"}
    )
    renamed = {c["label"]: c["code"] for c in q.choices}
    # Kept labels keep their codes; a new label gets a code not used before.
    assert renamed["Nooit"] == "c3" and renamed["Wekelijks"] == "c1"
    assert renamed["Elk kwartaal"] not in codes
    services.question_move(question=q, direction="up")
    q.refresh_from_db()
    assert q.order == 6 and question(campaign, "helps").order == 7
    services.question_move(question=question(campaign, "group"), direction="up")  # already first
    services.question_delete(question=question(campaign, "forms"))
    orders = list(campaign.questions.values_list("order", flat=True))
    assert orders == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("kind", "choices", "field", "message"),
    [
        ("single", ["Ja"], "choices", "at least two choices"),
        ("multiple", ["Ja", "Ja"], "choices", "only once"),
        ("multiple", ["a", "b"], "breakdown", "single-choice"),
    ],
)
def test_a_bad_question_is_refused_naming_the_field(campaign, kind, choices, field, message):
    with pytest.raises(ValidationError) as error:
        services.question_add(
            campaign=campaign,
            kind=kind,
            text="Vraag",
            choices=choices,
            breakdown=field == "breakdown",
        )
    assert message in " ".join(error.value.message_dict[field])


def test_the_results_break_down_by_one_question_only(campaign):
    with pytest.raises(ValidationError) as error:
        services.question_add(
            campaign=campaign, kind="single", text="Regio?", choices=["a", "b"], breakdown=True
        )
    assert "already broken down" in messages_of(error)


def test_questions_are_fixed_once_the_campaign_is_sent(campaign):
    sent(campaign)
    with pytest.raises(ValidationError, match="draft"):
        services.question_add(campaign=campaign, kind="open", text="Nog iets?")
    with pytest.raises(ValidationError, match="draft"):
        services.question_delete(question=question(campaign, "works"))


def test_recipients_are_the_contacts_with_email_and_those_without_are_reported(
    world, campaign, contacts
):
    chosen = services.recipients_choose(
        campaign=campaign,
        organisations=[world.school_a, world.institution, world.outsider_school],
        by=world.platform,
    )
    assert {r.organisation for r in chosen.added} == {world.school_a, world.institution}
    assert chosen.without_email == [world.outsider_school]
    again = services.recipients_choose(
        campaign=campaign, organisations=[world.school_a], by=world.platform
    )
    assert again.added == [] and again.already == 1
    assert campaign.recipients.count() == 2


def test_a_regional_coordinator_chooses_only_in_their_region(world, year, contacts):
    campaign = services.campaign_create(title="Oost", school_year=year, region=world.oost, by=None)
    with pytest.raises(ValidationError) as error:
        services.recipients_choose(
            campaign=campaign,
            organisations=[world.school_a, world.institution_zuid],
            by=world.regio,
        )
    assert "Thuiszorg Dichtbij Venlo" in messages_of(error)
    assert not campaign.recipients.exists()  # nothing half-written
    national = services.campaign_create(title="NL", school_year=year, region=None, by=None)
    with pytest.raises(ValidationError):
        services.recipients_choose(
            campaign=national, organisations=[world.institution_zuid], by=world.regio
        )
    services.recipients_choose(campaign=campaign, organisations=[world.school_b], by=world.regio)
    assert campaign.recipients.get().organisation == world.school_b


def test_answers_are_saved_to_continue_later_and_submitted_once(campaign):
    sent(campaign)
    recipient = respondent(campaign)
    works = question(campaign, "works")
    services.response_save(recipient=recipient, answers={works.pk: "Korte lijnen"})
    recipient.refresh_from_db()
    assert recipient.saved_at and recipient.submitted_at is None
    assert Answer.objects.get(recipient=recipient).value == "Korte lijnen"
    # The required group question is not needed for a draft, but it is for sending.
    with pytest.raises(ValidationError) as error:
        services.response_save(recipient=recipient, answers={works.pk: "Korte lijnen"}, submit=True)
    group = question(campaign, "group")
    assert error.value.message_dict[group.field_name] == [
        "Question 1 (“Which group does your collaboration belong to?”): "
        "this question needs an answer."
    ]
    services.response_save(
        recipient=recipient, answers={group.pk: "incidental", works.pk: ""}, submit=True
    )
    recipient.refresh_from_db()
    assert recipient.submitted_at is not None
    assert list(recipient.answers.values_list("value", flat=True)) == ["incidental"]
    with pytest.raises(ValidationError, match="already sent your answers"):
        services.response_save(recipient=recipient, answers={group.pk: "structural"}, submit=True)
    assert recipient.answers.get().value == "incidental"


@pytest.mark.parametrize(
    ("code", "value", "problem"),
    [
        ("group", "beginner", "choose one of the options"),
        ("forms", ["internship", "tea_party"], "choose from the options"),
        ("satisfaction", "7", "choose a number from 1 to 5"),
        ("works", "x" * 2001, "at most 2000 characters (now 2001)"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_question(campaign, code, value, problem):
    sent(campaign)
    recipient = respondent(campaign)
    q = question(campaign, code)
    with pytest.raises(ValidationError) as error:
        services.response_save(recipient=recipient, answers={q.pk: value})
    (message,) = error.value.message_dict[q.field_name]
    assert message.startswith(f"Question {q.order} (“{q.text}”)") and problem in message
    assert not Answer.objects.filter(recipient=recipient).exists()


def test_a_closed_campaign_takes_no_answers(campaign):
    sent(campaign)
    recipient = respondent(campaign)
    services.campaign_close(campaign=campaign)
    with pytest.raises(ValidationError, match="closed"):
        services.response_save(recipient=recipient, answers={}, submit=False)


def test_past_the_closing_date_no_answers_are_taken(campaign):
    sent(campaign)
    recipient = respondent(campaign)
    campaign.closes_on = timezone.localdate() - dt.timedelta(days=1)
    campaign.save()
    with pytest.raises(ValidationError, match="closed"):
        services.response_save(recipient=recipient, answers={})


def test_sending_needs_questions_and_people_to_invite(world, year, campaign):
    empty = services.campaign_create(title="Leeg", school_year=year, region=None, by=None)
    with pytest.raises(ValidationError, match="at least one question"):
        services.campaign_send(campaign=empty, site_url="http://testserver/")
    with pytest.raises(ValidationError, match="Everyone on the list"):
        services.campaign_send(campaign=campaign, site_url="http://testserver/")


def test_reminders_go_only_to_who_has_not_answered(campaign, smtp_inbox):
    sent(campaign)
    done = answer(campaign)
    started = respondent(campaign)
    services.response_save(recipient=started, answers={question(campaign, "works").pk: "Veel"})
    silent = respondent(campaign)
    assert services.campaign_remind(campaign=campaign, site_url="http://testserver/") == 2
    reminded = set(Recipient.objects.filter(reminded_at__isnull=False))
    assert reminded == {started, silent}
    with pytest.raises(ValidationError, match="less than a day ago"):
        services.campaign_remind(campaign=campaign, site_url="http://testserver/")
    # What the worker does for the queued task:
    services.reminders_send(
        campaign_id=campaign.pk,
        site_url="http://testserver/",
        recipient_ids=[started.pk, silent.pk, done.pk],
    )
    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted([started.email, silent.email])
    assert all(m["Subject"].startswith("Herinnering") for m in smtp_inbox.messages)
    started.refresh_from_db()
    assert started.answers.exists()  # the saved draft stays with the new link
