"""The monitor's stored data: printed reports, made by a worker and kept for download."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbindt.collaborations.models import Form
from verbindt.core.models import Region, SchoolYear
from verbindt.network.models import Sector


class Report(models.Model):
    """A printable *Stand van de samenwerking* for one scope, asked for on a page and made by a
    worker; the PDF lives in the database so that any process can serve it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    school_year = models.ForeignKey(
        SchoolYear, verbose_name=_("school year"), on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the Netherlands."),
    )
    form = models.CharField(_("form"), max_length=30, choices=Form.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    total = models.PositiveSmallIntegerField(_("steps in all"), default=0)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    error = models.TextField(_("why it failed"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="monitor_report_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.school_year} ({self.get_status_display()})"

    @property
    def area(self) -> str:
        return self.region.name if self.region else str(_("the Netherlands"))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
