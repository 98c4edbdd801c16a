"""Survey campaigns: a questionnaire sent by e-mail to the contacts of chosen organisations,
each answering once through a personal link that needs no account.

Personal data stays minimal: a recipient is a name and an e-mail address (kept in the history),
and the answers are only ever shown or exported without them.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.core.models import Region, SchoolYear
from verbindt.network.models import Contact, Organisation


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    CLOSED = "closed", _("closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale 1–5")
    OPEN = "open", _("open text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE = range(1, 6)


class TemplateQuestion(models.TextChoices):
    """The questions of the national day's conversations, recognised again in the results."""

    GROUP = "group", _("which group you are in")
    FORMS = "forms", _("which forms")
    SATISFACTION = "satisfaction", _("satisfaction")
    WORKS = "works", _("what works")
    BOTTLENECKS = "bottlenecks", _("what holds you back")
    HELPS = "helps", _("what would help")


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions and in the e-mail.")
    )
    school_year = models.ForeignKey(
        SchoolYear, verbose_name=_("school year"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        help_text=_("Empty: a national campaign."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    closes_on = models.DateField(
        _("closes on"),
        null=True,
        blank=True,
        help_text=_("After this day the links no longer accept answers; empty: until closed."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CampaignStatus.values), name="campaign_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=CampaignStatus.DRAFT) | models.Q(sent_at__isnull=False),
                name="campaign_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    # [{"code": "…", "label": "…"}]: the code stays the same when a label is reworded, so the
    # template's answers (forms, bottlenecks) can be counted across campaigns.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    breakdown = models.BooleanField(
        _("break the results down by this question"),
        default=False,
        help_text=_("Only for a single-choice question, e.g. which group you are in."),
    )
    template_code = models.CharField(
        _("template question"), max_length=20, choices=TemplateQuestion.choices, blank=True
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values), name="question_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(breakdown=False) | models.Q(kind=QuestionKind.SINGLE),
                name="question_breakdown_is_single_choice",
                violation_error_message=_("Only a single-choice question can break results down."),
            ),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=models.Q(breakdown=True),
                name="question_one_breakdown",
                violation_error_message=_("A campaign breaks its results down by one question."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "template_code"],
                condition=~models.Q(template_code=""),
                name="question_template_once",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        """The name of this question's answer in forms and in error messages."""
        return f"question_{self.pk}"

    @property
    def labels(self) -> dict[str, str]:
        return {choice["code"]: choice["label"] for choice in self.choices}


class Recipient(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="recipients"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="survey_recipients",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_recipients",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    # The key is only in the e-mail; a reminder carries a new one (see services).
    link_hash = models.CharField(_("personal link (hash)"), max_length=64, blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    saved_at = models.DateTimeField(_("answers last saved at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "name", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"],
                name="recipient_email_once",
                violation_error_message=_("This campaign already goes to this e-mail address."),
            ),
            models.UniqueConstraint(
                fields=["link_hash"],
                condition=~models.Q(link_hash=""),
                name="recipient_link_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | models.Q(invited_at__isnull=False),
                name="recipient_submits_after_invitation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Answer(models.Model):
    """One recipient's answer to one question: a draft until the recipient submits."""

    recipient = models.ForeignKey(
        Recipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    # A choice code, a list of codes, a number 1–5 or a text, as the question's kind says.
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
