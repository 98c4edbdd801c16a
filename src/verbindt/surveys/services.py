"""Writes for survey campaigns: the questionnaire, who gets it, sending, and the answers."""

import datetime as dt
import itertools
import logging
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verbindt.accounts.models import User
from verbindt.core.models import Region, SchoolYear
from verbindt.core.secrets import secret_hash
from verbindt.network.models import Contact, Organisation
from verbindt.network.selectors import organisations_in_scope
from verbindt.surveys.models import (
    CHOICE_KINDS,
    SCALE,
    Answer,
    Campaign,
    CampaignStatus,
    Question,
    QuestionKind,
    Recipient,
)
from verbindt.surveys.template import template_questions

log = logging.getLogger(__name__)

MAX_CHOICES = 20
MAX_OPEN_ANSWER = 2000
# A second reminder the same day is almost always a double click, not a decision.
REMIND_AGAIN_AFTER = dt.timedelta(hours=20)


def _saved(instance: Any) -> Any:
    instance.full_clean()
    instance.save()
    return instance


def _require_status(campaign: Campaign, allowed: Iterable[str]) -> None:
    if campaign.status not in allowed:
        raise ValidationError(
            _("Not possible while the campaign is “%(status)s”.")
            % {"status": campaign.get_status_display()},
            code="status",
        )


def _require_draft(campaign: Campaign) -> None:
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(
            _("The questions can only change while the campaign is a draft."), code="status"
        )


# --- The campaign ------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    title: str,
    school_year: SchoolYear,
    region: Region | None,
    by: User | None,
    intro: str = "",
    closes_on: dt.date | None = None,
    from_template: bool = False,
) -> Campaign:
    """A draft campaign, empty or with the built-in questions of the national day."""
    _check_closes_on(closes_on)
    campaign = _saved(
        Campaign(
            title=title.strip(),
            intro=intro.strip(),
            school_year=school_year,
            region=region,
            closes_on=closes_on,
            created_by=by,
        )
    )
    if from_template:
        for order, item in enumerate(template_questions(), start=1):
            _saved(
                Question(
                    campaign=campaign,
                    order=order,
                    kind=item.kind,
                    text=item.text,
                    choices=item.choices,
                    required=item.required,
                    breakdown=item.breakdown,
                    template_code=item.code,
                )
            )
    return campaign


def _check_closes_on(closes_on: dt.date | None) -> None:
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": _("The closing date has passed; choose today or later.")},
            code="closes_on",
        )


@transaction.atomic
def campaign_update(*, campaign: Campaign, data: Mapping[str, Any]) -> Campaign:
    _require_status(campaign, (CampaignStatus.DRAFT, CampaignStatus.SENT))
    if "closes_on" in data and data["closes_on"] != campaign.closes_on:
        _check_closes_on(data["closes_on"])
    for name in ("title", "intro", "closes_on"):
        if name in data:
            setattr(
                campaign, name, data[name].strip() if isinstance(data[name], str) else data[name]
            )
    return _saved(campaign)


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    """No more answers: the links show that the questionnaire is closed."""
    _require_status(campaign, (CampaignStatus.SENT,))
    campaign.status = CampaignStatus.CLOSED
    return _saved(campaign)


def campaign_accepts_answers(campaign: Campaign) -> bool:
    return campaign.status == CampaignStatus.SENT and (
        campaign.closes_on is None or campaign.closes_on >= timezone.localdate()
    )


# --- The questions -----------------------------------------------------------------------


def _choices(labels: Sequence[str], previous: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Labels as choices; a label that stays keeps its code, so reordering or rewording one
    choice does not change what the others mean."""
    codes = {choice["label"]: choice["code"] for choice in previous}
    taken = set(codes.values())
    fresh = (f"c{n}" for n in itertools.count(1) if f"c{n}" not in taken)
    return [{"code": codes.get(label) or next(fresh), "label": label} for label in labels]


def _clean_labels(kind: str, labels: Sequence[str]) -> list[str]:
    if kind not in CHOICE_KINDS:
        return []
    cleaned = [label.strip() for label in labels if label.strip()]
    problem = None
    if len(cleaned) < 2:
        problem = _("Give at least two choices, one per line.")
    elif len(cleaned) > MAX_CHOICES:
        problem = _("Give at most %(max)s choices.") % {"max": MAX_CHOICES}
    elif len(set(cleaned)) < len(cleaned):
        problem = _("Each choice may appear only once.")
    elif any(len(label) > 200 for label in cleaned):
        problem = _("A choice may be at most 200 characters long.")
    if problem:
        raise ValidationError({"choices": problem}, code="choices")
    return cleaned


def _check_breakdown(question: Question) -> None:
    if not question.breakdown:
        return
    if question.kind != QuestionKind.SINGLE:
        raise ValidationError(
            {"breakdown": _("Only a single-choice question can break the results down.")},
            code="breakdown",
        )
    others = question.campaign.questions.filter(breakdown=True).exclude(pk=question.pk)
    if others.exists():
        raise ValidationError(
            {
                "breakdown": _("The results are already broken down by “%(text)s”.")
                % {"text": others.first()}
            },
            code="breakdown",
        )


@transaction.atomic
def question_add(
    *,
    campaign: Campaign,
    kind: str,
    text: str,
    choices: Sequence[str] = (),
    required: bool = False,
    breakdown: bool = False,
) -> Question:
    """A question at the end; ``choices`` are labels, one per option."""
    _require_draft(campaign)
    last = campaign.questions.aggregate(last=Max("order"))["last"] or 0
    question = Question(
        campaign=campaign,
        order=last + 1,
        kind=kind,
        text=text.strip(),
        choices=_choices(_clean_labels(kind, choices), []),
        required=required,
        breakdown=breakdown,
    )
    _check_breakdown(question)
    return _saved(question)


@transaction.atomic
def question_update(*, question: Question, data: Mapping[str, Any]) -> Question:
    _require_draft(question.campaign)
    for name in ("kind", "text", "required", "breakdown"):
        if name in data:
            setattr(question, name, data[name].strip() if name == "text" else data[name])
    if "choices" in data or "kind" in data:
        labels = data.get("choices", [c["label"] for c in question.choices])
        question.choices = _choices(_clean_labels(question.kind, labels), question.choices)
    _check_breakdown(question)
    return _saved(question)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    campaign = question.campaign
    _require_draft(campaign)
    question.delete()
    for order, other in enumerate(campaign.questions.order_by("order", "pk"), start=1):
        if other.order != order:
            Question.objects.filter(pk=other.pk).update(order=order)


@transaction.atomic
def question_move(*, question: Question, direction: str) -> Question:
    """Swap the question with the one above (``up``) or below (``down``) it."""
    _require_draft(question.campaign)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move a question up or down.")}, code="direction")
    siblings = question.campaign.questions.exclude(pk=question.pk)
    neighbour = (
        siblings.filter(order__lte=question.order).order_by("-order", "-pk").first()
        if direction == "up"
        else siblings.filter(order__gte=question.order).order_by("order", "pk").first()
    )
    if neighbour is None:
        return question  # already first or last: nothing to do, nothing to refuse
    question.order, neighbour.order = neighbour.order, question.order
    if question.order == neighbour.order:  # equal numbers from older data: make them distinct
        question.order += 1 if direction == "down" else -1
    Question.objects.filter(pk=neighbour.pk).update(order=neighbour.order)
    Question.objects.filter(pk=question.pk).update(order=max(question.order, 1))
    question.refresh_from_db()
    return question


# --- Who is asked ------------------------------------------------------------------------


@dataclass
class RecipientsChosen:
    added: list[Recipient] = field(default_factory=list)
    already: int = 0
    # Organisations with no active contact with an e-mail address: told, not silently dropped.
    without_email: list[Organisation] = field(default_factory=list)


@transaction.atomic
def recipients_choose(
    *, campaign: Campaign, organisations: Sequence[Organisation], by: User | None
) -> RecipientsChosen:
    """Every active contact with an e-mail address at the chosen organisations is asked.

    A regional campaign asks only organisations of its region, and a coordinator chooses only
    within the part of the network they answer for.
    """
    _require_status(campaign, (CampaignStatus.DRAFT, CampaignStatus.SENT))
    if not organisations:
        raise ValidationError(
            {"organisations": _("Choose one or more organisations.")}, code="organisations"
        )
    allowed = set(organisations_in_scope(by).values_list("pk", flat=True)) if by else None
    for organisation in organisations:
        outside = (allowed is not None and organisation.pk not in allowed) or (
            campaign.region_id is not None and organisation.region_id != campaign.region_id
        )
        if outside:
            raise ValidationError(
                {
                    "organisations": _("%(organisation)s is outside this campaign's region.")
                    % {"organisation": organisation}
                },
                code="region",
            )
    contacts = (
        Contact.objects.filter(
            organisation__in=organisations, active=True, anonymised_at__isnull=True
        )
        .exclude(email="")
        .order_by("organisation_id", "name", "pk")
    )
    taken = {email.lower() for email in campaign.recipients.values_list("email", flat=True)}
    result = RecipientsChosen()
    reached = set()
    for contact in contacts:
        reached.add(contact.organisation_id)
        if contact.email.lower() in taken:
            result.already += 1
            continue
        taken.add(contact.email.lower())
        result.added.append(
            _saved(
                Recipient(
                    campaign=campaign,
                    organisation_id=contact.organisation_id,
                    contact=contact,
                    name=contact.name,
                    email=contact.email,
                )
            )
        )
    result.without_email = [o for o in organisations if o.pk not in reached]
    return result


@transaction.atomic
def recipient_remove(*, recipient: Recipient) -> None:
    if recipient.invited_at is not None:
        raise ValidationError(
            _("%(name)s has been invited already and stays on the list.")
            % {"name": recipient.name},
            code="invited",
        )
    recipient.delete()


# --- Sending -----------------------------------------------------------------------------


@transaction.atomic
def campaign_send(*, campaign: Campaign, site_url: str) -> int:
    """Queue the invitations of everyone not invited yet; a worker sends them.

    ``site_url`` (e.g. ``https://verbindt.nl/``) is where the personal links point to.
    """
    from verbindt.surveys.tasks import send_invitations  # the task imports this module

    _require_status(campaign, (CampaignStatus.DRAFT, CampaignStatus.SENT))
    if not campaign.questions.exists():
        raise ValidationError(_("Add at least one question before sending."), code="questions")
    waiting = campaign.recipients.filter(invited_at__isnull=True).count()
    if not waiting:
        raise ValidationError(
            _("Everyone on the list has been invited; add organisations to invite more."),
            code="recipients",
        )
    _check_closes_on(campaign.closes_on)
    campaign.status = CampaignStatus.SENT
    campaign.sent_at = campaign.sent_at or timezone.now()
    _saved(campaign)
    send_invitations.enqueue(campaign.pk, site_url)
    return waiting


@transaction.atomic
def campaign_remind(*, campaign: Campaign, site_url: str) -> int:
    """Queue a reminder to everyone invited who has not submitted, recorded as reminded now."""
    from verbindt.surveys.tasks import send_reminders

    _require_status(campaign, (CampaignStatus.SENT,))
    if not campaign_accepts_answers(campaign):
        raise ValidationError(
            _("The closing date has passed; move it before sending a reminder."),
            code="closes_on",
        )
    now = timezone.now()
    due = campaign.recipients.filter(invited_at__isnull=False, submitted_at__isnull=True).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_AGAIN_AFTER)
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(
            _("Nobody to remind: everyone has answered or was reminded less than a day ago."),
            code="nobody",
        )
    Recipient.objects.filter(pk__in=ids).update(reminded_at=now)
    send_reminders.enqueue(campaign.pk, site_url, ids)
    return len(ids)


def _mail(recipient: Recipient, key: str, site_url: str, *, reminder: bool) -> None:
    campaign = recipient.campaign
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "campaign": campaign,
            "link": site_url.rstrip("/") + reverse("survey_response", args=[key]),
            "reminder": reminder,
        }
        subject = (_("Reminder: %(title)s") if reminder else _("Questionnaire: %(title)s")) % {
            "title": campaign.title
        }
        body = render_to_string("surveys/email/invitation.txt", context)
    EmailMessage(subject=subject, body=body, to=[recipient.email]).send()


def _send_each(recipients: Iterable[Recipient], site_url: str, *, reminder: bool) -> None:
    """One transaction per e-mail: the new link's hash is kept only if its e-mail went out."""
    failed = 0
    for recipient in recipients:
        key = secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
                locked.campaign = recipient.campaign
                if locked.submitted_at or (not reminder and locked.invited_at):
                    continue  # answered meanwhile, or invited by a task queued twice
                locked.link_hash = secret_hash(key)
                if reminder:
                    locked.reminded_at = locked.reminded_at or timezone.now()
                else:
                    locked.invited_at = timezone.now()
                locked.save()
                _mail(locked, key, site_url, reminder=reminder)
        except OSError:  # the SMTP server refused or could not be reached
            log.exception("Survey e-mail to recipient %s failed", recipient.pk)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} survey e-mail(s) could not be sent; see the log")


def invitations_send(*, campaign_id: int, site_url: str) -> None:
    """The worker's part of ``campaign_send``: one e-mail per recipient not invited yet."""
    recipients = Recipient.objects.select_related("campaign").filter(
        campaign_id=campaign_id, invited_at__isnull=True
    )
    _send_each(recipients, site_url, reminder=False)


def reminders_send(*, campaign_id: int, site_url: str, recipient_ids: Sequence[int]) -> None:
    """The worker's part of ``campaign_remind``: a reminder carries a new personal link (the
    first one cannot be recovered from its hash); saved answers stay with the recipient."""
    recipients = Recipient.objects.select_related("campaign").filter(
        campaign_id=campaign_id, pk__in=recipient_ids, submitted_at__isnull=True
    )
    _send_each(recipients, site_url, reminder=True)


# --- Answers -----------------------------------------------------------------------------


def _problem(question: Question, number: int, problem: str) -> ValidationError:
    return ValidationError(
        {
            question.field_name: _("Question %(number)s (“%(text)s”): %(problem)s")
            % {"number": number, "text": question.text, "problem": problem}
        },
        code="answer",
    )


def _cleaned(question: Question, number: int, raw: Any) -> Any:
    """The answer as stored, or None for no answer; refuses what the question cannot take."""
    if raw in (None, "", []):
        return None
    codes = question.labels
    if question.kind == QuestionKind.SINGLE:
        if not isinstance(raw, str) or raw not in codes:
            raise _problem(question, number, _("choose one of the options."))
        return raw
    if question.kind == QuestionKind.MULTIPLE:
        chosen = [raw] if isinstance(raw, str) else raw
        if not isinstance(chosen, list) or any(c not in codes for c in chosen):
            raise _problem(question, number, _("choose from the options."))
        return [code for code in codes if code in chosen]  # in the question's order, once each
    if question.kind == QuestionKind.SCALE:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if value not in SCALE:
            raise _problem(question, number, _("choose a number from 1 to 5."))
        return value
    text = str(raw).strip()
    if len(text) > MAX_OPEN_ANSWER:
        raise _problem(
            question,
            number,
            _("write at most %(max)s characters (now %(length)s).")
            % {"max": MAX_OPEN_ANSWER, "length": len(text)},
        )
    return text or None


@transaction.atomic
def response_save(
    *, recipient: Recipient, answers: Mapping[int, Any], submit: bool = False
) -> Recipient:
    """Save the recipient's answers, keyed by question id: as a draft to continue later, or
    submitted, which makes them final — a recipient answers once."""
    recipient = (
        Recipient.objects.select_for_update().select_related("campaign").get(pk=recipient.pk)
    )
    if recipient.submitted_at is not None:
        raise ValidationError(
            _("You have already sent your answers. A questionnaire can be sent only once."),
            code="submitted",
        )
    if not campaign_accepts_answers(recipient.campaign):
        raise ValidationError(_("This questionnaire is closed."), code="closed")
    questions = list(recipient.campaign.questions.order_by("order", "pk"))
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise ValidationError(_("The questionnaire has changed; reload the page."), code="unknown")
    errors: dict[str, list[ValidationError]] = {}
    values = {}
    for number, question in enumerate(questions, start=1):
        try:
            values[question.pk] = _cleaned(question, number, answers.get(question.pk))
            if submit and question.required and values[question.pk] is None:
                raise _problem(question, number, _("this question needs an answer."))
        except ValidationError as error:
            for name, messages in error.error_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    recipient.answers.filter(question_id__in=[pk for pk, v in values.items() if v is None]).delete()
    stored = {a.question_id: a for a in recipient.answers.all()}
    for question_pk, value in values.items():
        if value is None:
            continue
        answer = stored.get(question_pk) or Answer(recipient=recipient, question_id=question_pk)
        if answer.pk is None or answer.value != value:
            answer.value = value
            _saved(answer)
    now = timezone.now()
    recipient.saved_at = now
    if submit:
        recipient.submitted_at = now
    return _saved(recipient)
