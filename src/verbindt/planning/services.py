"""Writes for planning: the built-in school holidays and the OpenHolidays import.

The import follows ``verbindt.network.imports``: the file is parsed (``importers``, no
database) and compared with the stored holidays, then the differences are written in one
transaction. ``holidays_plan_import`` has the shape of a planner in ``network.imports``
(``PLANNERS``), ``holidays_import`` runs it through ``run_import``. Rows with problems
are rejected with a reason, the rest is imported; a file that is not an OpenHolidays
school-holidays file is refused with nothing written.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbindt.core import schoolyears
from verbindt.core.services import school_year_get_or_create
from verbindt.planning import holiday_table
from verbindt.planning.importers import parse_openholidays
from verbindt.planning.models import Holiday, HolidaySource

if TYPE_CHECKING:
    # Imported when used at run time: network.imports is to route kind "holidays" here.
    from verbindt.network.imports import ImportReport

HOLIDAYS_IMPORT_KIND = "holidays"
HOLIDAYS_IMPORT_LABEL = gettext_lazy("School holidays (OpenHolidays CSV)")

Progress = Callable[[int, int], None]
HolidayKey = tuple[str, str, int]  # region, kind, start year of the school year


def _stored() -> dict[HolidayKey, Holiday]:
    return {
        (holiday.holiday_region, holiday.kind, holiday.school_year.start_year): holiday
        for holiday in Holiday.objects.select_related("school_year")
    }


@transaction.atomic
def holidays_ensure_built_in() -> int:
    """Load the built-in table (idempotent); the number of holidays added or corrected.

    A built-in holiday whose dates differ from the table is corrected; an imported one is
    left alone, as it is newer than the table.
    """
    stored = _stored()
    changed = 0
    for item in holiday_table.built_in():
        holiday = stored.get((item.region, item.kind, item.start_year))
        if holiday is None:
            holiday = Holiday(
                holiday_region=item.region,
                kind=item.kind,
                school_year=school_year_get_or_create(start_year=item.start_year),
                source=HolidaySource.BUILT_IN,
            )
        elif holiday.source != HolidaySource.BUILT_IN or (holiday.start, holiday.end) == (
            item.start,
            item.end,
        ):
            continue
        holiday.start, holiday.end = item.start, item.end
        holiday.full_clean()
        holiday.save()
        changed += 1
    return changed


def _problems(holiday: Holiday) -> list[str]:
    """Field checks without queries; the parser already made the rows unique."""
    try:
        holiday.full_clean(
            exclude=["school_year"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        return [message for messages in exc.message_dict.values() for message in messages]
    return []


def holidays_plan_import(
    *,
    data: bytes,
    filename: str,
    options: dict[str, Any],
    report: "ImportReport",
    progress: Progress | None,
) -> Callable[[], None]:
    """Compare an OpenHolidays file with the stored holidays; fill ``report``; the writer.

    Nothing is written until the returned function is called (in a transaction). A stored
    holiday with other dates is updated and becomes ``imported``. Counts are per region.
    ``FileRefused`` when the file as a whole cannot be read.
    """
    parsed = parse_openholidays(data)
    report.rows = parsed.rows
    report.rejected.extend(parsed.rejected)
    report.notes.extend(parsed.notes)
    stored = _stored()
    added: list[tuple[int, Holiday]] = []
    changed: list[Holiday] = []
    for done, item in enumerate(parsed.items, start=1):
        dates = {"start": item.start, "end": item.end}
        for region in item.regions:
            holiday = stored.get((region, item.kind, item.start_year))
            if holiday is not None and (holiday.start, holiday.end) == (item.start, item.end):
                report.unchanged += 1
                continue
            if holiday is None:
                holiday = Holiday(holiday_region=region, kind=item.kind, **dates)
            else:
                holiday.start, holiday.end = item.start, item.end
            holiday.source = HolidaySource.IMPORTED
            problems = _problems(holiday)
            if problems:
                report.rejected.extend((item.row, problem) for problem in problems)
            elif holiday.pk is None:
                added.append((item.start_year, holiday))
                report.added += 1
            else:
                changed.append(holiday)
                report.updated += 1
        if progress is not None:
            progress(done, len(parsed.items))
    if parsed.items:
        years = sorted({item.start_year for item in parsed.items})
        report.notes.append(
            _(
                "The file has school holidays for %(first)s to %(last)s; each region's "
                "holiday counts once in added, updated and unchanged."
            )
            % {"first": schoolyears.label_for(years[0]), "last": schoolyears.label_for(years[-1])}
        )

    def write() -> None:
        school_years = {
            start_year: school_year_get_or_create(start_year=start_year)
            for start_year in sorted({start_year for start_year, _holiday in added})
        }
        for start_year, holiday in added:
            holiday.school_year = school_years[start_year]
        Holiday.objects.bulk_create([holiday for _year, holiday in added])
        Holiday.objects.bulk_update(changed, ["start", "end", "source"])

    return write


def holidays_import(
    *, data: bytes, dry_run: bool = False, progress: Progress | None = None
) -> "ImportReport":
    """Import an OpenHolidays school-holidays file, the way every import runs: see
    ``network.imports.run_import`` (``ImportRefused`` with nothing written for a bad file)."""
    from verbindt.network.imports import run_import  # it imports this module's planner

    return run_import(
        kind=HOLIDAYS_IMPORT_KIND,
        data=data,
        filename="",
        options={},
        dry_run=dry_run,
        progress=progress,
    )
