"""The OpenHolidays school-holidays CSV: parsing and plausibility, no database.

Layout: ``;``-separated, UTF-8 with BOM, header ``Id;Country;StartDate;EndDate;Type;
RegionalScope;Name;Groups``. ``Name`` holds the name per language (``NL Kerstvakantie,DE …,
EN Christmas Holidays``); ``Groups`` the holiday regions (``NO,MI,ZU``). Only rows of
``Type`` School are read. A row for several regions becomes one holiday per region.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbindt.core import schoolyears
from verbindt.core.choices import HolidayRegion
from verbindt.network.importers.files import (
    FileRefused,
    ParseResult,
    Row,
    formula_problems,
    read_csv_table,
)
from verbindt.planning.choices import MAX_DAYS, HolidayKind

REQUIRED = ("StartDate", "EndDate", "Type", "Name", "Groups")
OPTIONAL = ("Id", "Country", "RegionalScope")
GROUPS = {"NO": HolidayRegion.NOORD, "MI": HolidayRegion.MIDDEN, "ZU": HolidayRegion.ZUID}
NAMES = {
    "herfstvakantie": HolidayKind.AUTUMN,
    "kerstvakantie": HolidayKind.CHRISTMAS,
    "voorjaarsvakantie": HolidayKind.SPRING,
    "meivakantie": HolidayKind.MAY,
    "zomervakantie": HolidayKind.SUMMER,
    # The English names, for a file without Dutch ones.
    "autumn holidays": HolidayKind.AUTUMN,
    "christmas holidays": HolidayKind.CHRISTMAS,
    "spring holidays": HolidayKind.SPRING,
    "may holidays": HolidayKind.MAY,
    "summer holidays": HolidayKind.SUMMER,
}


@dataclass(frozen=True)
class HolidayRow:
    row: int
    kind: str
    regions: tuple[str, ...]
    start: dt.date
    end: dt.date

    @property
    def start_year(self) -> int:
        """A holiday belongs to the school year it starts in; summer starts in July, so it
        closes its school year."""
        return schoolyears.start_year_for(self.start)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def for_regions(regions: tuple[str, ...]) -> str:
    """``region South`` or ``regions North, Middle`` in the current language."""
    names = ", ".join(str(HolidayRegion(region).label) for region in regions)
    return ngettext("region %(names)s", "regions %(names)s", len(regions)) % {"names": names}


def too_long(kind: str, days: int) -> bool:
    return kind in MAX_DAYS and days > MAX_DAYS[kind]


def _date(value: str) -> dt.date | None:
    # OpenHolidays writes ISO dates; a Dutch spreadsheet re-saves them as 13-2-2027.
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _kind(name: str) -> str | None:
    """``NL Kerstvakantie,DE Weihnachtsferien,EN Christmas Holidays`` → ``christmas``."""
    for part in name.split(","):
        language, _space, text = part.strip().partition(" ")
        if language.upper() in ("NL", "EN") and text.strip().casefold() in NAMES:
            return NAMES[text.strip().casefold()]
    return NAMES.get(name.strip().casefold())


def _regions(row: Row) -> tuple[tuple[str, ...], str]:
    """The regions of a row, in the order noord, midden, zuid, and a problem if any."""
    codes = [code.strip().upper().removeprefix("NL-") for code in row.cells["Groups"].split(",")]
    codes = [code for code in codes if code]
    if not codes:
        if row.cells.get("RegionalScope", "").casefold() == "national":
            return tuple(HolidayRegion.values), ""
        return (), _("the row names no holiday region (column Groups).")
    unknown = [code for code in codes if code not in GROUPS]
    if unknown:
        return (), _("“%(codes)s” in column Groups is not a holiday region; use NO, MI and ZU.") % {
            "codes": ", ".join(unknown)
        }
    chosen = {GROUPS[code] for code in codes}
    return tuple(region for region in HolidayRegion.values if region in chosen), ""


def _dates(row: Row) -> tuple[dt.date, dt.date] | str:
    """First and last day of a row, or why they cannot be read."""
    days = []
    for column in ("StartDate", "EndDate"):
        day = _date(row.cells[column])
        if day is None:
            return _("“%(value)s” in column %(column)s is not a date; write it as 2027-02-13.") % {
                "value": row.cells[column],
                "column": column,
            }
        days.append(day)
    return days[0], days[1]


def _holiday(row: Row) -> HolidayRow | str:
    """The holiday of a row, or why the row is rejected."""
    if row.problem:
        return row.problem
    problems = formula_problems(row)
    if problems:
        return problems[0]
    country = row.cells.get("Country", "").upper()
    if country and country != "NL":
        return _("the holiday is in country %(country)s, not in the Netherlands (NL).") % {
            "country": country
        }
    kind = _kind(row.cells["Name"])
    if kind is None:
        return _(
            "“%(name)s” is not a school holiday Verbindt knows (autumn, Christmas, spring, May "
            "or summer holiday)."
        ) % {"name": row.cells["Name"]}
    dates = _dates(row)
    if isinstance(dates, str):
        return dates
    regions, problem = _regions(row)
    if problem:
        return problem
    holiday = HolidayRow(row=row.number, kind=kind, regions=regions, start=dates[0], end=dates[1])
    what = {
        "kind": HolidayKind(kind).label,
        "regions": for_regions(regions),
        "start": holiday.start.isoformat(),
        "end": holiday.end.isoformat(),
    }
    if holiday.end < holiday.start:
        return _("the %(kind)s for %(regions)s ends (%(end)s) before it starts (%(start)s).") % what
    if too_long(kind, holiday.days):
        return _(
            "the %(kind)s for %(regions)s from %(start)s to %(end)s lasts %(days)s days; this "
            "kind of holiday lasts at most %(max)s days. Check the dates: this holiday was not "
            "imported."
        ) % (what | {"days": holiday.days, "max": MAX_DAYS[kind]})
    return holiday


def parse_openholidays(data: bytes) -> ParseResult[HolidayRow]:
    """School holidays from an OpenHolidays CSV; ``FileRefused`` for a file that is not one."""
    table = read_csv_table(data, required=REQUIRED, optional=OPTIONAL, delimiter=";")
    result: ParseResult[HolidayRow] = ParseResult(rows=len(table.rows))
    school_rows = [row for row in table.rows if row.cells["Type"].casefold() == "school"]
    if not school_rows:
        raise FileRefused(
            _(
                "The file holds no school holidays (no row has Type “School”). Download the "
                "school holidays from OpenHolidays, not the public holidays."
            )
        )
    others = len(table.rows) - len(school_rows)
    if others:
        result.notes.append(
            ngettext(
                "%(count)s row is not a school holiday (Type is not “School”) and was skipped.",
                "%(count)s rows are not school holidays (Type is not “School”) and were skipped.",
                others,
            )
            % {"count": others}
        )
    seen: dict[tuple[str, str, int], int] = {}  # (region, kind, school year) → row
    for row in school_rows:
        holiday = _holiday(row)
        if isinstance(holiday, str):
            result.rejected.append((row.number, holiday))
            continue
        twice = [
            (region, seen[(region, holiday.kind, holiday.start_year)])
            for region in holiday.regions
            if (region, holiday.kind, holiday.start_year) in seen
        ]
        if twice:
            result.rejected.append((row.number, _duplicate(holiday, twice)))
            continue
        for region in holiday.regions:
            seen[(region, holiday.kind, holiday.start_year)] = row.number
        result.items.append(holiday)
    return result


def _duplicate(holiday: HolidayRow, twice: list[tuple[str, int]]) -> str:
    return _(
        "row %(row)s already gives the %(kind)s of school year %(year)s for %(regions)s; a "
        "region has one holiday of each kind per school year."
    ) % {
        "regions": for_regions(tuple(region for region, _row in twice)),
        "kind": HolidayKind(holiday.kind).label,
        "year": schoolyears.label_for(holiday.start_year),
        "row": twice[0][1],
    }
