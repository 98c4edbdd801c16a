"""The real OpenHolidays school-holidays file (``../shared/data/holidays``), read independently
with ``csv`` and compared with what the import makes of it and with the built-in table."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from verbindt.planning import holiday_table
from verbindt.planning.models import Holiday, HolidaySource
from verbindt.planning.services import holidays_ensure_built_in, holidays_import

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "holidays"
SCHOOL = DATA / "openholidays-nl-holidays.school.csv"

pytestmark = pytest.mark.skipif(
    not SCHOOL.exists(), reason=f"the OpenHolidays school-holidays file is not at {DATA}"
)

REGIONS = {"NO": "noord", "MI": "midden", "ZU": "zuid"}
KINDS = {
    "Herfstvakantie": "autumn",
    "Kerstvakantie": "christmas",
    "Voorjaarsvakantie": "spring",
    "Meivakantie": "may",
    "Zomervakantie": "summer",
}


@pytest.fixture(autouse=True)
def built_in(db):
    holidays_ensure_built_in()
    with translation.override("en"):
        yield


def file_holidays() -> list[dict]:
    """One entry per row and region, with the row number a spreadsheet shows."""
    with SCHOOL.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    holidays = []
    for number, row in enumerate(rows, start=2):
        dutch = row["Name"].split(",")[0].removeprefix("NL ")
        start, end = dt.date.fromisoformat(row["StartDate"]), dt.date.fromisoformat(row["EndDate"])
        for group in row["Groups"].split(","):
            holidays.append(
                {
                    "row": number,
                    "region": REGIONS[group],
                    "kind": KINDS[dutch],
                    "start_year": start.year if start.month >= 8 else start.year - 1,
                    "start": start,
                    "end": end,
                    "days": (end - start).days + 1,
                }
            )
    return holidays


def test_the_two_five_week_spring_holidays_of_zuid_are_reported():
    long_ones = [h for h in file_holidays() if h["kind"] == "spring" and h["days"] > 9]
    assert [(h["region"], h["start"].year, h["days"]) for h in long_ones] == [
        ("zuid", 2027, 37),
        ("zuid", 2029, 37),
    ]

    report = holidays_import(data=SCHOOL.read_bytes())

    assert [row for row, _reason in report.rejected] == [h["row"] for h in long_ones]
    for _row, reason in report.rejected:
        assert "the spring holiday for region South" in reason
        assert "lasts 37 days" in reason


def test_everything_else_agrees_with_the_built_in_table_for_2024_2025_to_2029_2030():
    table = {(h.region, h.kind, h.start_year): (h.start, h.end) for h in holiday_table.built_in()}
    in_table = [
        h
        for h in file_holidays()
        if holiday_table.FIRST_YEAR <= h["start_year"] <= holiday_table.LAST_YEAR
    ]
    plausible = [h for h in in_table if not (h["kind"] == "spring" and h["days"] > 9)]

    assert len(in_table) == len(table) == 90
    for h in plausible:
        assert (h["start"], h["end"]) == table[(h["region"], h["kind"], h["start_year"])], h

    report = holidays_import(data=SCHOOL.read_bytes())

    assert report.updated == 0
    assert report.unchanged == len(plausible) == 88
    assert Holiday.objects.filter(source=HolidaySource.BUILT_IN).count() == 90


def test_older_school_years_are_added_from_the_file():
    older = [h for h in file_holidays() if h["start_year"] < holiday_table.FIRST_YEAR]

    report = holidays_import(data=SCHOOL.read_bytes())

    assert report.added == len(older)
    assert report.rows == 97
    for h in older:
        stored = Holiday.objects.get(
            holiday_region=h["region"], kind=h["kind"], school_year__start_year=h["start_year"]
        )
        assert (stored.start, stored.end, stored.source) == (h["start"], h["end"], "imported")


def test_importing_the_file_twice_changes_nothing_the_second_time():
    holidays_import(data=SCHOOL.read_bytes())
    before = list(Holiday.objects.order_by("pk").values())

    report = holidays_import(data=SCHOOL.read_bytes())

    assert (report.added, report.updated) == (0, 0)
    assert len(report.rejected) == 2
    assert list(Holiday.objects.order_by("pk").values()) == before
