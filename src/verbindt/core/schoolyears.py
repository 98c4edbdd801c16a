"""School years run from 1 August to 31 July and are written ``2025-2026``. Pure functions."""

import datetime as dt
import re

LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")


def start_year_for(day: dt.date) -> int:
    """The calendar year in which the school year containing ``day`` began."""
    return day.year if day.month >= 8 else day.year - 1


def label_for(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def bounds(start_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31)


def parse_label(label: str) -> int:
    """``"2025-2026"`` → 2025; a clear ``ValueError`` for anything else."""
    match = LABEL.match(label)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(
            f"{label!r} is not a school year; write it as two consecutive years, e.g. 2025-2026."
        )
    return int(match.group(1))
