import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbindt.core import schoolyears


class HolidayRegion(models.TextChoices):
    """The three regions of the Dutch school holidays (vakantieregio's)."""

    NOORD = "noord", _("North")
    MIDDEN = "midden", _("Middle")
    ZUID = "zuid", _("South")


class Region(models.Model):
    """A region of the Platform VMBO Zorg & Welzijn; regional coordinators work per region."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

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
