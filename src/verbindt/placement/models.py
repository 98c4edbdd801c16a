"""Allocation rounds: a school's students, the places they may go to, their preferences and
the result of a run of the allocation engine.

Students are minors: a display name or code, a group and a year of study, nothing more; every
change to them, their preferences and their placement is kept in the history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.collaborations.models import Form
from verbindt.core.models import SchoolYear
from verbindt.network.models import Location, Organisation

# The forms in which a school places students at an institution or college.
PLACEMENT_FORMS = [Form.INTERNSHIP, Form.WEEKLY_SUPPORT, Form.EXPERIENCE_WEEK, Form.BUDDY_PROJECT]


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for preferences")
    RUNNING = "running", _("running")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


class Mode(models.TextChoices):
    STABLE = "stable", _("stable (nobody is passed over)")
    OPTIMAL = "optimal", _("optimal (highest total satisfaction)")


class AllocationRound(models.Model):
    title = models.CharField(_("title"), max_length=200)
    school_year = models.ForeignKey(
        SchoolYear, verbose_name=_("school year"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(
        _("form"), max_length=30, choices=[(f.value, f.label) for f in PLACEMENT_FORMS]
    )
    schools = models.ManyToManyField(
        Organisation, verbose_name=_("schools"), related_name="allocation_rounds"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.STABLE)
    max_km = models.PositiveSmallIntegerField(
        _("maximum distance (km)"),
        null=True,
        blank=True,
        help_text=_("Places further from the school are not offered; empty: no limit."),
    )
    seed = models.PositiveIntegerField(
        _("lottery number"),
        default=1,
        help_text=_("Breaks ties between equal students; the same number gives the same result."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("choices per student"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
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
    # The last run: what the engine measured, how far a worker is, and why it failed.
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    run_started_at = models.DateTimeField(_("run started at"), null=True, blank=True)
    run_finished_at = models.DateTimeField(_("run finished at"), null=True, blank=True)
    run_error = models.TextField(_("why the run failed"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(form__in=[form.value for form in PLACEMENT_FORMS]),
                name="round_form_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoundPlace(models.Model):
    round = models.ForeignKey(
        AllocationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="places"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="round_places",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the organisation's main location."),
    )
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("e.g. Lunch help Tuesday")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    requires_guardian_consent = models.BooleanField(_("needs guardian consent"), default=False)

    class Meta:
        ordering = ["organisation__name", "label"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "label"],
                name="round_place_once",
                violation_error_message=_("This round already has this place."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.label}" if self.label else str(self.organisation)


class RoundStudent(models.Model):
    round = models.ForeignKey(
        AllocationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="students"
    )
    name = models.CharField(
        _("name or code"), max_length=60, help_text=_("A first name or a code such as L07.")
    )
    group = models.CharField(_("group"), max_length=20, blank=True)
    study_year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    guardian_consent = models.BooleanField(_("guardian consent"), default=False)
    duo_with = models.OneToOneField(
        "self",
        verbose_name=_("duo partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The personal link is shown once; only its hash is kept (see core.secrets).
    link_hash = models.CharField(_("personal link (hash)"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="round_student_name_once",
                violation_error_message=_("This round already has a student with this name."),
            ),
            models.UniqueConstraint(
                fields=["link_hash"], condition=~models.Q(link_hash=""), name="student_link_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(study_year__gte=1, study_year__lte=4), name="study_year_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Preference(models.Model):
    student = models.ForeignKey(
        RoundStudent,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="preferences",
    )
    place = models.ForeignKey(
        RoundPlace, verbose_name=_("place"), on_delete=models.CASCADE, related_name="preferences"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["student", "rank"]
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.UniqueConstraint(fields=["student", "place"], name="preference_place_once"),
            models.UniqueConstraint(fields=["student", "rank"], name="preference_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.student} {self.rank}. {self.place}"


class Assignment(models.Model):
    """Where a run (or a person adjusting it) put a student, and why."""

    student = models.OneToOneField(
        RoundStudent,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="assignment",
    )
    place = models.ForeignKey(
        RoundPlace,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    manual = models.BooleanField(_("adjusted by hand"), default=False)
    code = models.CharField(_("explanation code"), max_length=30)
    params = models.JSONField(_("explanation parameters"), default=dict, blank=True)
    text = models.TextField(_("explanation (engine)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.student} → {self.place or '—'}"
