"""The official Dutch school holidays per holiday region, school years 2024-2025 to 2029-2030.

Public facts as the Ministry of Education (OCW) publishes them, in Verbindt's own format:
per school year and kind, the first and last day (both included) for each region. Holidays
run from a Saturday to a Sunday. Autumn and spring dates are advisory for schools; summer is
binding. Newer years come in through ``verbindt import holidays FILE``.

Pure data, no ORM: the data migration and ``holidays_ensure_built_in`` both read it.
"""

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

NOORD, MIDDEN, ZUID = "noord", "midden", "zuid"
REGIONS = (NOORD, MIDDEN, ZUID)
FIRST_YEAR, LAST_YEAR = 2024, 2029  # start years of 2024-2025 … 2029-2030

Days = tuple[dt.date, dt.date]


def _days(first: str, last: str) -> Days:
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def _everywhere(first: str, last: str) -> dict[str, Days]:
    """Christmas and May holidays are the same in every region."""
    return dict.fromkeys(REGIONS, _days(first, last))


def _regions(noord: Days, midden: Days, zuid: Days) -> dict[str, Days]:
    return {NOORD: noord, MIDDEN: midden, ZUID: zuid}


# Spring 2027 and 2029 for Zuid: the OpenHolidays data ends these on 21 March 2027 and
# 18 March 2029, five weeks after they start. Their first days (13 February 2027, 10 February
# 2029) are a week before Noord and Midden, and each ends a month late: a typing error in the
# month. In years where Noord and Midden share the spring week, Zuid has the week before (as
# in 2021, 2023 and 2024, close to carnival): OCW's table for 2028-2029 gives Zuid 10 to 18
# February 2029, so the 2027 holiday is 13 to 21 February.
TABLE: tuple[tuple[str, str, dict[str, Days]], ...] = (
    ("2024-2025", "autumn", _regions(
        _days("2024-10-26", "2024-11-03"),
        _days("2024-10-26", "2024-11-03"),
        _days("2024-10-19", "2024-10-27"))),
    ("2024-2025", "christmas", _everywhere("2024-12-21", "2025-01-05")),
    ("2024-2025", "spring", _regions(
        _days("2025-02-15", "2025-02-23"),
        _days("2025-02-22", "2025-03-02"),
        _days("2025-02-22", "2025-03-02"))),
    ("2024-2025", "may", _everywhere("2025-04-26", "2025-05-04")),
    ("2024-2025", "summer", _regions(
        _days("2025-07-12", "2025-08-24"),
        _days("2025-07-19", "2025-08-31"),
        _days("2025-07-05", "2025-08-17"))),

    ("2025-2026", "autumn", _regions(
        _days("2025-10-18", "2025-10-26"),
        _days("2025-10-18", "2025-10-26"),
        _days("2025-10-11", "2025-10-19"))),
    ("2025-2026", "christmas", _everywhere("2025-12-20", "2026-01-04")),
    ("2025-2026", "spring", _regions(
        _days("2026-02-21", "2026-03-01"),
        _days("2026-02-14", "2026-02-22"),
        _days("2026-02-14", "2026-02-22"))),
    ("2025-2026", "may", _everywhere("2026-04-25", "2026-05-03")),
    ("2025-2026", "summer", _regions(
        _days("2026-07-04", "2026-08-16"),
        _days("2026-07-18", "2026-08-30"),
        _days("2026-07-11", "2026-08-23"))),

    ("2026-2027", "autumn", _regions(
        _days("2026-10-10", "2026-10-18"),
        _days("2026-10-17", "2026-10-25"),
        _days("2026-10-17", "2026-10-25"))),
    ("2026-2027", "christmas", _everywhere("2026-12-19", "2027-01-03")),
    ("2026-2027", "spring", _regions(
        _days("2027-02-20", "2027-02-28"),
        _days("2027-02-20", "2027-02-28"),
        _days("2027-02-13", "2027-02-21"))),  # corrected, see above
    ("2026-2027", "may", _everywhere("2027-04-24", "2027-05-02")),
    ("2026-2027", "summer", _regions(
        _days("2027-07-10", "2027-08-22"),
        _days("2027-07-17", "2027-08-29"),
        _days("2027-07-24", "2027-09-05"))),

    ("2027-2028", "autumn", _regions(
        _days("2027-10-16", "2027-10-24"),
        _days("2027-10-16", "2027-10-24"),
        _days("2027-10-23", "2027-10-31"))),
    ("2027-2028", "christmas", _everywhere("2027-12-25", "2028-01-09")),
    ("2027-2028", "spring", _regions(
        _days("2028-02-19", "2028-02-27"),
        _days("2028-02-26", "2028-03-05"),
        _days("2028-02-26", "2028-03-05"))),
    ("2027-2028", "may", _everywhere("2028-04-29", "2028-05-07")),
    ("2027-2028", "summer", _regions(
        _days("2028-07-15", "2028-08-27"),
        _days("2028-07-08", "2028-08-20"),
        _days("2028-07-22", "2028-09-03"))),

    ("2028-2029", "autumn", _regions(
        _days("2028-10-14", "2028-10-22"),
        _days("2028-10-21", "2028-10-29"),
        _days("2028-10-21", "2028-10-29"))),
    ("2028-2029", "christmas", _everywhere("2028-12-23", "2029-01-07")),
    ("2028-2029", "spring", _regions(
        _days("2029-02-17", "2029-02-25"),
        _days("2029-02-17", "2029-02-25"),
        _days("2029-02-10", "2029-02-18"))),  # corrected, see above
    ("2028-2029", "may", _everywhere("2029-04-28", "2029-05-06")),
    ("2028-2029", "summer", _regions(
        _days("2029-07-21", "2029-09-02"),
        _days("2029-07-07", "2029-08-19"),
        _days("2029-07-14", "2029-08-26"))),

    ("2029-2030", "autumn", _regions(
        _days("2029-10-20", "2029-10-28"),
        _days("2029-10-20", "2029-10-28"),
        _days("2029-10-13", "2029-10-21"))),
    ("2029-2030", "christmas", _everywhere("2029-12-22", "2030-01-06")),
    ("2029-2030", "spring", _regions(
        _days("2030-02-16", "2030-02-24"),
        _days("2030-02-23", "2030-03-03"),
        _days("2030-02-23", "2030-03-03"))),
    ("2029-2030", "may", _everywhere("2030-04-27", "2030-05-05")),
    ("2029-2030", "summer", _regions(
        _days("2030-07-20", "2030-09-01"),
        _days("2030-07-13", "2030-08-25"),
        _days("2030-07-06", "2030-08-18"))),
)  # fmt: skip


class BuiltInHoliday(NamedTuple):
    start_year: int  # 2024 for 2024-2025
    kind: str
    region: str
    start: dt.date
    end: dt.date


def built_in() -> Iterator[BuiltInHoliday]:
    """Every holiday of the table, one per region."""
    for school_year, kind, days in TABLE:
        start_year = int(school_year[:4])
        for region, (start, end) in days.items():
            yield BuiltInHoliday(start_year, kind, region, start, end)
