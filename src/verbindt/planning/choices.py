"""Choices and limits for school holidays, shared by the models and the pure parsers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayKind(models.TextChoices):
    AUTUMN = "autumn", _("autumn holiday")
    CHRISTMAS = "christmas", _("Christmas holiday")
    SPRING = "spring", _("spring holiday")
    MAY = "may", _("May holiday")
    SUMMER = "summer", _("summer holiday")
    OTHER = "other", _("other holiday")


class HolidaySource(models.TextChoices):
    BUILT_IN = "built_in", _("built-in")
    IMPORTED = "imported", _("imported")


# The longest a holiday of each kind may be, in days with both ends included. Official
# holidays run from a Saturday to the Sunday one week later (9 days) or, at Christmas, two
# weeks later (16 days); every official date 2019-2030 has exactly that length. A longer one
# is not official but a typing error (the OpenHolidays data has two spring holidays that end
# a month late), so it is reported instead of imported. Summer (six weeks, shifting per
# region) is excepted, as is "other", which the import does not produce.
MAX_DAYS: dict[str, int] = {
    HolidayKind.AUTUMN: 9,
    HolidayKind.CHRISTMAS: 16,
    HolidayKind.SPRING: 9,
    HolidayKind.MAY: 9,
}
