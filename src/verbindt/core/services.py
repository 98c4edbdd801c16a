import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.core import schoolyears
from verbindt.core.models import Region, SchoolYear
from verbindt.core.regions import PLATFORM_REGION_PROVINCES, PLATFORM_REGIONS


@transaction.atomic
def school_year_get_or_create(*, start_year: int) -> SchoolYear:
    existing = SchoolYear.objects.filter(start_year=start_year).first()
    if existing:
        return existing
    school_year = SchoolYear(start_year=start_year)
    school_year.full_clean()
    school_year.save()
    return school_year


def school_year_for_date(*, day: dt.date | None = None) -> SchoolYear:
    """The school year containing ``day`` (today in Europe/Amsterdam when omitted)."""
    return school_year_get_or_create(
        start_year=schoolyears.start_year_for(day or timezone.localdate())
    )


def school_year_from_label(*, label: str) -> SchoolYear:
    try:
        start_year = schoolyears.parse_label(label)
    except ValueError as exc:
        raise ValidationError(
            _("%(label)s is not a school year; write two consecutive years, e.g. 2025-2026."),
            code="invalid_school_year",
            params={"label": label},
        ) from exc
    return school_year_get_or_create(start_year=start_year)


@transaction.atomic
def regions_ensure_defaults() -> dict[str, Region]:
    """The Platform's regions by code; adds a missing default one, leaves edited ones alone."""
    for code, name, description in PLATFORM_REGIONS:
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "provinces": PLATFORM_REGION_PROVINCES[code],
            },
        )
    return {region.code: region for region in Region.objects.all()}


def region_for_province(province: str) -> Region | None:
    """The Platform region whose provinces include ``province`` (a ``Province`` value)."""
    if not province:
        return None
    for region in Region.objects.all():
        if province in region.provinces:
            return region
    return None
