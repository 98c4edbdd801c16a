from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from verbindt.core.choices import HolidayRegion
from verbindt.core.models import SchoolYear
from verbindt.planning.choices import HolidayKind, HolidaySource

__all__ = ["Holiday", "HolidayKind", "HolidaySource"]


class Holiday(models.Model):
    """A school holiday of one holiday region in one school year, first and last day included."""

    holiday_region = models.CharField(
        _("holiday region"), max_length=10, choices=HolidayRegion.choices
    )
    kind = models.CharField(_("kind"), max_length=12, choices=HolidayKind.choices)
    school_year = models.ForeignKey(
        SchoolYear,
        on_delete=models.PROTECT,
        related_name="holidays",
        verbose_name=_("school year"),
        help_text=_("The school year the holiday starts in."),
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"), help_text=_("The last day of the holiday, included."))
    source = models.CharField(
        _("source"), max_length=10, choices=HolidaySource.choices, default=HolidaySource.IMPORTED
    )

    class Meta:
        ordering = ["start", "holiday_region"]
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        constraints = [
            models.UniqueConstraint(
                fields=["holiday_region", "kind", "school_year"],
                name="holiday_unique_per_region_kind_year",
                violation_error_message=_(
                    "This region already has a holiday of this kind in this school year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="holiday_end_not_before_start",
                violation_error_message=_("A holiday cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_holiday_region_display()} {self.school_year}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": _(
                        "The last day (%(end)s) is before the first day (%(start)s): a holiday "
                        "cannot end before it starts."
                    )
                    % {"end": self.end.isoformat(), "start": self.start.isoformat()}
                },
                code="end_before_start",
            )
        if self.start and self.school_year_id is not None and self.start not in self.school_year:
            raise ValidationError(
                {
                    "start": _(
                        "The holiday starts on %(start)s, outside school year %(year)s: a "
                        "holiday belongs to the school year it starts in."
                    )
                    % {"start": self.start.isoformat(), "year": self.school_year}
                },
                code="outside_school_year",
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
