import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbindt.core import schoolyears
from verbindt.core.choices import HolidayRegion, Province

__all__ = ["HolidayRegion", "ImportJob", "Province", "Region", "SchoolYear"]


class Region(models.Model):
    """A region of the Platform VMBO Zorg & Welzijn; regional coordinators work per region."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    provinces = models.JSONField(
        _("provinces"),
        default=list,
        blank=True,
        help_text=_("Organisations in these provinces belong to this region when imported."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class SchoolYear(models.Model):
    """A school year, 1 August to 31 July, identified by the year it starts in."""

    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts in: 2025 for 2025-2026."),
    )

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("school year")
        verbose_name_plural = _("school years")

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        return schoolyears.label_for(self.start_year)

    @property
    def start(self) -> dt.date:
        return schoolyears.bounds(self.start_year)[0]

    @property
    def end(self) -> dt.date:
        return schoolyears.bounds(self.start_year)[1]


class ImportJob(models.Model):
    """One upload or command-line import: its file, its progress and its report.

    The file lives in the database so that any worker process can run the job.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        PREVIEWED = "previewed", _("checked, not yet saved")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=40)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    options = models.JSONField(_("options"), default=dict, blank=True)
    dry_run = models.BooleanField(_("check only"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0
