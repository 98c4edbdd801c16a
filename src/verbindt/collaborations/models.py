"""Collaborations between schools, mbo colleges and the work field, and everything they do."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.core.models import SchoolYear
from verbindt.network.models import Contact, Elective, Location, Organisation, Qualification

HOURS = {"max_digits": 6, "decimal_places": 1, "validators": [MinValueValidator(0)]}


class Form(models.TextChoices):
    """The forms of collaboration found in the field (see PRODUCT.md)."""

    INTERNSHIP = "internship", _("internship / block internship")
    GUEST_LESSON = "guest_lesson", _("guest lesson")
    WEEKLY_SUPPORT = "weekly_support", _("weekly support")
    PAMPER_DAY = "pamper_day", _("pamper day")
    BUDDY_PROJECT = "buddy_project", _("buddy project")
    EXPERIENCE_WEEK = "experience_week", _("experience week / shadowing days")
    ELECTIVE_EXCHANGE = "elective_exchange", _("elective exchange")
    JOINT_TEACHING = "joint_teaching", _("joint teaching")
    REGIONAL_CONSULTATION = "regional_consultation", _("regional consultation")


class Status(models.TextChoices):
    IDEA = "idea", _("idea")
    CONTACT_SOUGHT = "contact_sought", _("contact sought")
    IN_TALKS = "in_talks", _("in talks")
    AGREED = "agreed", _("agreed")
    ACTIVE = "active", _("active")
    EVALUATED = "evaluated", _("evaluated")
    STOPPED = "stopped", _("stopped")


class Origin(models.TextChoices):
    CHANCE = "chance", _("arose by chance")
    PLAN = "plan", _("from a plan")


class PartnerRole(models.TextChoices):
    INITIATOR = "initiator", _("initiator")
    HOST = "host", _("host")
    PARTICIPANT = "participant", _("participant")


class Bottleneck(models.TextChoices):
    """What holds collaboration back, in the words of the national day."""

    COMMUNICATION = "communication", _("communication")
    TIME_FOR_CONSULTATION = "time_for_consultation", _("time for consultation")
    TIME_FOR_SUPERVISION = "time_for_supervision", _("time for supervision")
    PROFESSIONAL_TIME = "professional_time", _("professionals' time")
    GETTING_CONTACT = "getting_contact", _("getting contact")
    FACILITATION = "facilitation", _("facilitation (hours)")
    TRANSPORT = "transport", _("transport")
    OTHER = "other", _("other")


def validate_bottlenecks(value: object) -> None:
    if not isinstance(value, list) or any(item not in Bottleneck.values for item in value):
        raise ValidationError(_("Choose bottlenecks from the list."), code="invalid")


class Collaboration(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.CHANCE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    stopped_reason = models.TextField(_("why it stopped"), blank=True)
    school_years = models.ManyToManyField(
        SchoolYear, verbose_name=_("school years"), related_name="collaborations"
    )
    bottlenecks = models.JSONField(
        _("bottlenecks"), default=list, blank=True, validators=[validate_bottlenecks]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def bottleneck_labels(self) -> list[str]:
        labels = dict(Bottleneck.choices)
        return [str(labels[code]) for code in self.bottlenecks if code in labels]


class CollaborationForm(models.Model):
    """One form a collaboration takes; a collaboration can take several."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("form"), max_length=30, choices=Form.choices)

    class Meta:
        ordering = ["form"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "form"], name="collaboration_form_once"
            )
        ]
        indexes = [models.Index(fields=["form"])]

    def __str__(self) -> str:
        return self.get_form_display()


class Partner(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    contacts = models.ManyToManyField(Contact, verbose_name=_("contact persons"), blank=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "organisation"],
                name="partner_once",
                violation_error_message=_("This organisation is already a partner."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class StatusChange(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class YearPlan(models.Model):
    """The samenwerkingsplan of one collaboration for one school year."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="plans")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    goals = models.TextField(_("goals"), blank=True)
    budget_teacher_hours = models.DecimalField(_("hours for teachers"), default=0, **HOURS)
    budget_supervisor_hours = models.DecimalField(
        _("hours for practice supervisors"), default=0, **HOURS
    )
    budget_professional_hours = models.DecimalField(
        _("hours for professionals"), default=0, **HOURS
    )
    # Raised on every change; confirmations count for one version, and a save from an older
    # version is a conflict (two people editing at once).
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year__start_year"]
        verbose_name = _("year plan")
        verbose_name_plural = _("year plans")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "school_year"], name="plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} {self.school_year}"


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    ON_TRACK = "on_track", _("on track")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Agreement(models.Model):
    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("what"), max_length=300)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("who")
    )
    when = models.CharField(_("when / how often"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), null=True, blank=True, **HOURS)
    evaluation_moment = models.CharField(_("evaluation moment"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.what


class PlanConfirmation(models.Model):
    """A partner agrees to one version of the plan; an edit after it asks again."""

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="confirmations")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="confirmations")
    version = models.PositiveIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "partner"], name="confirmation_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner} v{self.version}"


class SessionSeries(models.Model):
    """A recurring session, e.g. every Tuesday 11:30–13:30 from 1 October to 30 June."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="series"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday")
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    every_n_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )

    class Meta:
        verbose_name = _("series of sessions")
        verbose_name_plural = _("series of sessions")

    def __str__(self) -> str:
        return f"{self.collaboration} {self.first_date}–{self.last_date}"


class Session(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="sessions"
    )
    series = models.ForeignKey(
        SessionSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("location")
    )
    form = models.CharField(_("form"), max_length=30, choices=Form.choices)
    students = models.PositiveIntegerField(_("number of students"), default=0)
    groups = models.PositiveIntegerField(_("number of groups"), default=0)
    hours_teacher = models.DecimalField(_("hours of teachers"), default=0, **HOURS)
    hours_supervisor = models.DecimalField(_("hours of practice supervisors"), default=0, **HOURS)
    hours_professional = models.DecimalField(_("hours of professionals"), default=0, **HOURS)
    joint_teaching = models.BooleanField(_("taught jointly"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["collaboration", "starts_at"]),
            # Starts with starts_at (the calendar's ranges) and covers what the monitor sums
            # over a school year, so its figures never read the table itself.
            models.Index(
                fields=[
                    "starts_at",
                    "collaboration",
                    "form",
                    "students",
                    "hours_teacher",
                    "hours_supervisor",
                    "hours_professional",
                ],
                name="session_year_figures",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} {self.starts_at:%Y-%m-%d %H:%M}"


class AlignmentAspect(models.TextChoices):
    CONTENT = "content", _("content")
    PEDAGOGY = "pedagogy", _("pedagogy")
    DIDACTICS = "didactics", _("didactics")


class AlignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    ALIGNED = "aligned", _("aligned")


class Alignment(models.Model):
    """How far vmbo, mbo and the work field have aligned one aspect of their teaching."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="alignments"
    )
    aspect = models.CharField(_("aspect"), max_length=20, choices=AlignmentAspect.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AlignmentStatus.choices,
        default=AlignmentStatus.NOT_STARTED,
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["aspect"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "aspect"], name="alignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_status_display()}"


class LearningLink(models.Model):
    """A vmbo elective that prepares for an mbo qualification."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="learning_links"
    )
    elective = models.ForeignKey(Elective, on_delete=models.CASCADE, verbose_name=_("elective"))
    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, verbose_name=_("qualification")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "elective", "qualification"], name="learning_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.elective} → {self.qualification}"


class ConsultationMeeting(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        Organisation, verbose_name=_("participating organisations"), related_name="+"
    )
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("regional consultation")
        verbose_name_plural = _("regional consultations")

    def __str__(self) -> str:
        return f"{self.collaboration} {self.date}"


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        ConsultationMeeting, on_delete=models.CASCADE, related_name="action_items"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["done", "due_date"]

    def __str__(self) -> str:
        return self.description


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    MEETING = "meeting", _("meeting")
    VISIT = "visit", _("visit")
    VIDEO = "video", _("video call")
    OTHER = "other", _("other")


class ContactLogEntry(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="log_entries"
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    people = models.CharField(_("people"), max_length=300, blank=True)
    summary = models.TextField(_("summary"))
    follow_up_date = models.DateField(_("follow up on"), null=True, blank=True)
    bottlenecks = models.JSONField(
        _("bottlenecks"), default=list, blank=True, validators=[validate_bottlenecks]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("contact log entry")
        verbose_name_plural = _("contact log")

    def __str__(self) -> str:
        return f"{self.date} {self.get_channel_display()}"


class EvaluationMoment(models.TextChoices):
    AFTER_SESSION = "after_session", _("after a session")
    YEAR_END = "year_end", _("end of the school year")


class Evaluation(models.Model):
    """Student enthusiasm as an anonymous average, and a partner's view."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="evaluations"
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluations"
    )
    moment = models.CharField(_("moment"), max_length=20, choices=EvaluationMoment.choices)
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("partner")
    )
    student_enthusiasm = models.DecimalField(
        _("student enthusiasm (average, 1–5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    student_responses = models.PositiveIntegerField(_("students who answered"), default=0)
    partner_satisfaction = models.PositiveSmallIntegerField(
        _("partner satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    went_well = models.TextField(_("what went well"), blank=True)
    to_improve = models.TextField(_("what to improve"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.collaboration} {self.get_moment_display()}"


class CalendarFeed(models.Model):
    """A secret address for an organisation's sessions in a calendar app; revocable."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.organisation} feed"
