"""Maturity levels per school and school year, their history, the thresholds and self-scans."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.core.models import SchoolYear
from verbindt.maturity.rules import Level, Thresholds
from verbindt.network.models import Organisation


class MaturityLevel(models.TextChoices):
    NONE = Level.NONE.code, _("no collaboration yet")
    INCIDENTAL = Level.INCIDENTAL.code, _("incidental")
    STRUCTURAL = Level.STRUCTURAL.code, _("structural")
    LEARNING_LINE = Level.LEARNING_LINE.code, _("continuous learning line")


def _count(default: int, maximum: int) -> dict:
    return {"default": default, "validators": [MinValueValidator(0), MaxValueValidator(maximum)]}


class MaturitySettings(models.Model):
    """The thresholds of the maturity rules; one row, edited by platform coordinators."""

    DEFAULTS = Thresholds()

    min_agreements = models.PositiveSmallIntegerField(
        _("agreements in a year plan"),
        help_text=_("A year plan counts when it has at least this many agreements."),
        **_count(DEFAULTS.min_agreements, 50),
    )
    plan_confirmed_by_all = models.BooleanField(
        _("plan confirmed by every partner"),
        default=DEFAULTS.plan_confirmed_by_all,
        help_text=_(
            "Only a year plan that every partner has confirmed (in its latest version) counts."
        ),
    )
    min_sessions = models.PositiveSmallIntegerField(
        _("sessions in the school year"),
        help_text=_("Recurring means at least this many sessions …"),
        **_count(DEFAULTS.min_sessions, 200),
    )
    min_quarters = models.PositiveSmallIntegerField(
        _("quarters with sessions"),
        help_text=_(
            "… in at least this many of the four quarters of the school year "
            "(Aug–Oct, Nov–Jan, Feb–Apr, May–Jul)."
        ),
        **_count(DEFAULTS.min_quarters, 4),
    )
    series_counts_as_recurring = models.BooleanField(
        _("a series counts as recurring"),
        default=DEFAULTS.series_counts_as_recurring,
        help_text=_("A regular series of sessions (e.g. weekly support) also counts as recurring."),
    )
    series_max_interval_weeks = models.PositiveSmallIntegerField(
        _("series at least every … weeks"),
        help_text=_("1 means weekly; 2 also accepts a series every other week."),
        default=DEFAULTS.series_max_interval_weeks,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    series_min_weeks = models.PositiveSmallIntegerField(
        _("series lasting at least … weeks"),
        help_text=_(
            "A series counts when its first and last date are at least this many weeks apart."
        ),
        default=DEFAULTS.series_min_weeks,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    min_aligned_aspects = models.PositiveSmallIntegerField(
        _("aligned aspects"),
        help_text=_(
            "A continuous learning line needs at least this many of content, pedagogy "
            "and didactics aligned with the mbo."
        ),
        **_count(DEFAULTS.min_aligned_aspects, 3),
    )
    in_progress_counts_as_aligned = models.BooleanField(
        _("'in progress' counts as aligned"),
        default=DEFAULTS.in_progress_counts_as_aligned,
        help_text=_("Count an aspect whose alignment is in progress as aligned."),
    )
    min_joint_sessions = models.PositiveSmallIntegerField(
        _("sessions taught jointly"),
        help_text=_(
            "A continuous learning line needs at least this many sessions taught "
            "together with the mbo or the work field in the school year."
        ),
        **_count(DEFAULTS.min_joint_sessions, 200),
    )
    min_consultations = models.PositiveSmallIntegerField(
        _("regional consultations"),
        help_text=_(
            "A continuous learning line needs at least this many regional "
            "consultations with the partners in the school year."
        ),
        **_count(DEFAULTS.min_consultations, 50),
    )
    work_field_required = models.BooleanField(
        _("work field required in a learning line"),
        default=DEFAULTS.work_field_required,
        help_text=_(
            "A continuous learning line needs a care or welfare institution as partner "
            "besides the mbo college."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maturity thresholds")
        verbose_name_plural = _("maturity thresholds")

    def __str__(self) -> str:
        return str(_("maturity thresholds"))

    def thresholds(self) -> Thresholds:
        return Thresholds(**{name: getattr(self, name) for name in Thresholds.__dataclass_fields__})


class SchoolLevel(models.Model):
    """The level a school's recorded data shows in a school year, with the evidence."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="levels", verbose_name=_("school")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.CASCADE, related_name="+", verbose_name=_("school year")
    )
    level = models.CharField(_("level"), max_length=20, choices=MaturityLevel.choices)
    # rules.SchoolResult as JSON (see maturity.evidence): criteria, evidence, collaborations.
    assessment = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("school level")
        verbose_name_plural = _("school levels")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_year"], name="school_level_per_year"
            )
        ]
        indexes = [models.Index(fields=["school_year", "level"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.school_year}: {self.get_level_display()}"


class LevelChange(models.Model):
    """The history of a school's level in one school year: a row each time it changes."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="level_changes"
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    previous = models.CharField(max_length=20, choices=MaturityLevel.choices, blank=True)
    level = models.CharField(max_length=20, choices=MaturityLevel.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "school_year"])]

    def __str__(self) -> str:
        return f"{self.previous} → {self.level}"


class StaleSchool(models.Model):
    """A school whose data changed since its level was computed, and when it last changed."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.organisation_id} since {self.since}"


class SelfScan(models.Model):
    """A school's own answers about its collaboration in a school year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scans", verbose_name=_("school")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    answers = models.JSONField(_("answers"), default=dict)
    level = models.CharField(_("level"), max_length=20, choices=MaturityLevel.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-scan")
        verbose_name_plural = _("self-scans")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "school_year"], name="scan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.school_year}"
