"""School holidays: the built-in table, the OpenHolidays import and the holiday selector."""

import datetime as dt
import io
import zipfile
from collections import defaultdict
from itertools import pairwise

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from verbindt.core.models import SchoolYear
from verbindt.engines.scheduling import SeriesSpec, occurrences
from verbindt.network import imports
from verbindt.network.imports import ImportRefused
from verbindt.planning import holiday_table
from verbindt.planning.choices import MAX_DAYS, HolidayKind, HolidaySource
from verbindt.planning.models import Holiday
from verbindt.planning.selectors import holidays_for
from verbindt.planning.services import (
    HOLIDAYS_IMPORT_LABEL,
    holidays_ensure_built_in,
    holidays_import,
)

D = dt.date
REGIONS = ("noord", "midden", "zuid")
YEARS = range(2024, 2030)  # 2024-2025 … 2029-2030
MAIN_KINDS = ("autumn", "christmas", "spring", "may", "summer")
HEADER = "Id;Country;StartDate;EndDate;Type;RegionalScope;Name;Groups"
NAMES = {
    "autumn": "NL Herfstvakantie,DE Herbstferien,EN Autumn Holidays",
    "christmas": "NL Kerstvakantie,DE Weihnachtsferien,EN Christmas Holidays",
    "spring": "NL Voorjaarsvakantie,DE Frühjahrsferien,EN Spring Holidays",
    "may": "NL Meivakantie,DE Maiferien,EN May Holidays",
    "summer": "NL Zomervakantie,DE Sommerferien,EN Summer Holidays",
}


def row(start: str, end: str, kind: str = "autumn", groups: str = "NO,MI,ZU", **cells) -> str:
    values = {
        "Id": "3e2c8f33-0000-0000-0000-000000000000",
        "Country": "NL",
        "StartDate": start,
        "EndDate": end,
        "Type": "School",
        "RegionalScope": "Regional",
        "Name": NAMES.get(kind, kind),
        "Groups": groups,
    } | cells
    return ";".join(values.values())


def openholidays_csv(*rows: str, header: str = HEADER) -> bytes:
    """A file as OpenHolidays exports it: UTF-8 with BOM, semicolons, one holiday per row."""
    return "\n".join([header, *rows, ""]).encode("utf-8-sig")


def stored() -> dict:
    """Everything an import may write, to compare before and after."""
    return {
        "holidays": list(Holiday.objects.order_by("pk").values()),
        "school_years": list(SchoolYear.objects.order_by("pk").values()),
    }


def holiday(region: str, kind: str, start_year: int) -> Holiday:
    return Holiday.objects.get(holiday_region=region, kind=kind, school_year__start_year=start_year)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def built_in(db):
    # The data migration loads the table; a transactional test elsewhere may have flushed it.
    holidays_ensure_built_in()


# --- The built-in table -----------------------------------------------------------------------


def test_the_built_in_table_covers_2024_2025_to_2029_2030_for_all_three_regions(built_in):
    loaded = Holiday.objects.filter(source=HolidaySource.BUILT_IN)

    assert loaded.count() == len(YEARS) * len(REGIONS) * len(MAIN_KINDS) == 90
    assert set(loaded.values_list("school_year__start_year", flat=True)) == set(YEARS)
    assert set(loaded.values_list("holiday_region", flat=True)) == set(REGIONS)


def test_every_region_has_every_kind_of_holiday_each_school_year(built_in):
    kinds = defaultdict(set)
    for region, kind, year in Holiday.objects.values_list(
        "holiday_region", "kind", "school_year__start_year"
    ):
        kinds[(region, year)].add(kind)

    assert {(region, year) for region in REGIONS for year in YEARS} <= set(kinds)
    assert all(kinds[(region, year)] == set(MAIN_KINDS) for region in REGIONS for year in YEARS)


def test_summer_rotates_among_the_regions_as_published(built_in):
    published = {  # who starts first, second and last
        2024: ("zuid", "noord", "midden"),
        2025: ("noord", "zuid", "midden"),
        2026: ("noord", "midden", "zuid"),
        2027: ("midden", "noord", "zuid"),
        2028: ("midden", "zuid", "noord"),
        2029: ("zuid", "midden", "noord"),
    }
    for year, order in published.items():
        summers = Holiday.objects.filter(kind="summer", school_year__start_year=year)
        starts = [summer.start for summer in summers.order_by("start")]
        assert tuple(summers.order_by("start").values_list("holiday_region", flat=True)) == order
        assert [(b - a).days for a, b in pairwise(starts)] == [7, 7]
        assert {summer.days for summer in summers} == {44}  # six weeks and a weekend

    # Over the six years each region is first twice and last twice.
    for region in REGIONS:
        assert [order[0] for order in published.values()].count(region) == 2
        assert [order[-1] for order in published.values()].count(region) == 2


def test_christmas_and_may_are_the_same_in_every_region(built_in):
    for kind in ("christmas", "may"):
        for year in YEARS:
            dates = {
                (h.start, h.end)
                for h in Holiday.objects.filter(kind=kind, school_year__start_year=year)
            }
            assert len(dates) == 1


def test_every_built_in_holiday_runs_saturday_to_sunday_and_is_no_longer_than_its_kind(built_in):
    for item in holiday_table.built_in():
        assert (item.start.weekday(), item.end.weekday()) == (5, 6), item
        days = (item.end - item.start).days + 1
        assert days <= MAX_DAYS.get(item.kind, days), item
        assert item.start_year == (
            item.start.year if item.start.month >= 8 else item.start.year - 1
        )


def test_spring_2027_and_2029_for_zuid_are_the_week_before_noord_and_midden(built_in):
    for year, start in ((2026, D(2027, 2, 13)), (2028, D(2029, 2, 10))):
        zuid = holiday("zuid", "spring", year)
        assert (zuid.start, zuid.days) == (start, 9)
        assert holiday("midden", "spring", year).start == start + dt.timedelta(weeks=1)


def test_loading_the_table_again_changes_nothing(built_in):
    before = stored()

    assert holidays_ensure_built_in() == 0
    assert stored() == before


def test_loading_corrects_a_built_in_holiday_but_keeps_an_imported_one(built_in):
    wrong = holiday("noord", "autumn", 2025)
    wrong.end = D(2025, 10, 30)
    wrong.save()
    newer = holiday("zuid", "autumn", 2025)
    newer.start, newer.end, newer.source = D(2025, 10, 4), D(2025, 10, 12), HolidaySource.IMPORTED
    newer.save()

    assert holidays_ensure_built_in() == 1
    assert holiday("noord", "autumn", 2025).end == D(2025, 10, 26)
    assert holiday("zuid", "autumn", 2025).start == D(2025, 10, 4)


def test_the_data_migration_fills_an_empty_table(db):
    Holiday.objects.all().delete()
    migration = __import__(
        "verbindt.planning.migrations.0002_built_in_holidays", fromlist=["load_built_in"]
    )

    migration.load_built_in(apps, None)
    migration.load_built_in(apps, None)

    assert Holiday.objects.filter(source=HolidaySource.BUILT_IN).count() == 90


# --- The model --------------------------------------------------------------------------------


def test_a_holiday_cannot_end_before_it_starts(built_in):
    autumn = holiday("midden", "autumn", 2026)
    autumn.end = autumn.start - dt.timedelta(days=1)

    with pytest.raises(ValidationError) as raised:
        autumn.full_clean()

    assert raised.value.message_dict == {
        "end": [
            "The last day (2026-10-16) is before the first day (2026-10-17): a holiday cannot "
            "end before it starts."
        ]
    }


def test_a_holiday_belongs_to_the_school_year_it_starts_in(built_in):
    autumn = holiday("midden", "autumn", 2026)
    autumn.school_year = SchoolYear.objects.get(start_year=2025)

    with pytest.raises(ValidationError) as raised:
        autumn.full_clean()

    assert "outside school year 2025-2026" in raised.value.message_dict["start"][0]


def test_a_region_has_one_holiday_of_each_kind_per_school_year(built_in):
    twin = Holiday(
        holiday_region="midden",
        kind="autumn",
        school_year=SchoolYear.objects.get(start_year=2026),
        start=D(2026, 10, 3),
        end=D(2026, 10, 11),
    )

    with pytest.raises(ValidationError, match="already has a holiday of this kind"):
        twin.full_clean()


# --- The selector -----------------------------------------------------------------------------


def test_holidays_for_gives_the_holidays_of_one_region_that_overlap_the_period(built_in):
    periods = holidays_for(region="noord", start=D(2026, 10, 18), end=D(2026, 12, 19))

    # Noord's autumn holiday ends on the first day, Christmas starts on the last day.
    assert periods == [(D(2026, 10, 10), D(2026, 10, 18)), (D(2026, 12, 19), D(2027, 1, 3))]
    assert holidays_for(region="zuid", start=D(2026, 11, 1), end=D(2026, 12, 1)) == []


def test_a_weekly_series_skips_the_built_in_holidays_of_its_region(built_in):
    spec = SeriesSpec(1, dt.time(11, 30), dt.time(13, 30), D(2026, 10, 1), D(2027, 6, 30))

    result = occurrences(
        spec, holidays_for(region="midden", start=spec.first_date, end=spec.last_date)
    )

    assert len(result.dates) == 34  # 39 Tuesdays, 5 in holidays (see tests/engines)
    assert len(result.skipped) == 5


# --- The import -------------------------------------------------------------------------------

NEW_YEAR = (
    row("2030-10-12", "2030-10-20", "autumn", "NO"),
    row("2030-10-19", "2030-10-27", "autumn", "MI,ZU"),
    row("2030-12-21", "2031-01-05", "christmas"),
)


def test_a_new_school_year_is_added_per_region(built_in):
    report = holidays_import(data=openholidays_csv(*NEW_YEAR))

    assert (report.rows, report.added, report.updated, report.unchanged) == (3, 6, 0, 0)
    assert report.rejected == []
    assert report.saved
    assert holiday("noord", "autumn", 2030).start == D(2030, 10, 12)
    assert holiday("zuid", "autumn", 2030).start == D(2030, 10, 19)
    assert holiday("zuid", "christmas", 2030).source == HolidaySource.IMPORTED
    assert "The file has school holidays for 2030-2031 to 2030-2031" in report.notes[0]


def test_importing_the_built_in_dates_changes_nothing(built_in):
    before = stored()

    report = holidays_import(
        data=openholidays_csv(
            row("2026-10-10", "2026-10-18", "autumn", "NO"),
            row("2026-10-17", "2026-10-25", "autumn", "MI,ZU"),
        )
    )

    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert stored() == before


def test_other_dates_update_a_holiday_which_then_counts_as_imported(built_in):
    report = holidays_import(data=openholidays_csv(row("2026-10-03", "2026-10-11", "autumn", "NO")))

    assert (report.added, report.updated) == (0, 1)
    autumn = holiday("noord", "autumn", 2026)
    assert (autumn.start, autumn.end, autumn.source) == (
        D(2026, 10, 3),
        D(2026, 10, 11),
        "imported",
    )


def test_an_implausibly_long_holiday_is_reported_and_the_rest_imported(built_in):
    report = holidays_import(
        data=openholidays_csv(
            *NEW_YEAR,
            row("2031-02-15", "2031-03-23", "spring", "ZU"),  # row 5: five weeks
            row("2031-02-22", "2031-03-02", "spring", "NO,MI"),
        )
    )

    assert report.rejected == [
        (
            5,
            "the spring holiday for region South from 2031-02-15 to 2031-03-23 lasts 37 days; "
            "this kind of holiday lasts at most 9 days. Check the dates: this holiday was not "
            "imported.",
        )
    ]
    assert report.added == 8
    assert not Holiday.objects.filter(
        holiday_region="zuid", kind="spring", school_year__start_year=2030
    ).exists()
    assert holiday("midden", "spring", 2030).days == 9


@pytest.mark.parametrize(
    ("kind", "start", "end", "days"),
    [
        ("autumn", "2030-10-12", "2030-10-21", 10),
        ("christmas", "2030-12-20", "2031-01-05", 17),
        ("may", "2031-04-19", "2031-05-04", 16),
    ],
)
def test_each_kind_has_its_own_maximum(built_in, kind, start, end, days):
    report = holidays_import(data=openholidays_csv(row(start, end, kind, "NO")))

    ((number, reason),) = report.rejected
    assert number == 2
    assert f"lasts {days} days" in reason
    assert f"at most {MAX_DAYS[kind]} days" in reason


def test_a_long_summer_is_accepted(built_in):
    report = holidays_import(data=openholidays_csv(row("2031-07-05", "2031-08-31", "summer", "ZU")))

    assert report.rejected == []
    assert holiday("zuid", "summer", 2030).days == 58


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"EndDate": "2030-10-01"}, "ends (2030-10-01) before it starts (2030-10-12)"),
        ({"StartDate": "12 oktober"}, "“12 oktober” in column StartDate is not a date"),
        ({"Groups": "NO,WE"}, "“WE” in column Groups is not a holiday region"),
        ({"Groups": ""}, "the row names no holiday region"),
        ({"Name": "NL Pinkstervakantie"}, "“NL Pinkstervakantie” is not a school holiday"),
        ({"Country": "DE"}, "in country DE, not in the Netherlands"),
        ({"Name": '=HYPERLINK("x")'}, "holds a spreadsheet formula"),
    ],
)
def test_a_row_with_a_problem_is_rejected_with_its_reason(built_in, cells, reason):
    report = holidays_import(
        data=openholidays_csv(row("2030-10-12", "2030-10-20", **cells), NEW_YEAR[2])
    )

    ((number, why),) = report.rejected
    assert number == 2
    assert reason in why
    assert report.added == 3  # Christmas, in every region


def test_a_national_holiday_without_groups_is_for_every_region(built_in):
    report = holidays_import(
        data=openholidays_csv(
            row("2030-12-21", "2031-01-05", "christmas", "", RegionalScope="National")
        )
    )

    assert report.added == 3


def test_dates_re_saved_by_a_dutch_spreadsheet_are_read(built_in):
    holidays_import(data=openholidays_csv(row("12-10-2030", "20-10-2030", "autumn", "NO")))

    assert holiday("noord", "autumn", 2030).start == D(2030, 10, 12)


def test_the_same_holiday_twice_in_a_file_is_rejected_the_second_time(built_in):
    report = holidays_import(
        data=openholidays_csv(
            row("2030-10-12", "2030-10-20", "autumn", "NO,MI"),
            row("2030-10-19", "2030-10-27", "autumn", "MI,ZU"),
        )
    )

    assert report.rejected == [
        (
            3,
            "row 2 already gives the autumn holiday of school year 2030-2031 for region Middle; "
            "a region has one holiday of each kind per school year.",
        )
    ]
    assert holiday("midden", "autumn", 2030).start == D(2030, 10, 12)
    assert not Holiday.objects.filter(holiday_region="zuid", school_year__start_year=2030).exists()


def test_rows_that_are_not_school_holidays_are_skipped_with_a_note(built_in):
    report = holidays_import(
        data=openholidays_csv(row("2030-12-25", "2030-12-26", Type="Public"), *NEW_YEAR)
    )

    assert (report.rows, report.added, report.rejected) == (4, 6, [])
    assert "1 row is not a school holiday" in report.notes[0]


def test_a_dry_run_reports_and_writes_nothing(built_in):
    before = stored()

    report = holidays_import(data=openholidays_csv(*NEW_YEAR), dry_run=True)

    assert (report.added, report.saved) == (6, False)
    assert report.notes[0] == "Checked only: nothing was saved."
    assert stored() == before


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holidays.csv", openholidays_csv(*NEW_YEAR))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        ("\ufeff\n\n".encode(), "The file is empty."),
        (openholidays_csv(*NEW_YEAR).replace(b";", b","), "separated by commas (,)"),
        (
            openholidays_csv(header="Id;Country;StartDate;EndDate;Type;Name"),
            "The column Groups is missing.",
        ),
        (
            openholidays_csv(header="Id;Country;Start;End;Type;Name;Groups"),
            "The columns StartDate, EndDate are missing.",
        ),
        (openholidays_csv(), "The file has column names but no rows."),
        (b"%PDF-1.7\n\x00\x01binary", "This is not a text file."),
        (_zip(), "This is a zip file"),
        (
            openholidays_csv(row("2030-12-25", "2030-12-26", Type="Public")),
            "The file holds no school holidays",
        ),
    ],
    ids=[
        "empty",
        "only-bom",
        "commas",
        "no-groups",
        "renamed",
        "header-only",
        "binary",
        "zip",
        "public",
    ],
)
def test_a_bad_file_is_refused_with_nothing_written(built_in, data, message):
    before = stored()

    with pytest.raises(ImportRefused) as raised:
        holidays_import(data=data)

    assert message in raised.value.message
    assert stored() == before


# --- Routing through ``verbindt import`` ------------------------------------------------------


def test_a_bad_holidays_file_is_refused_by_the_shared_import(built_in):
    with pytest.raises(ImportRefused, match="The file is empty"):
        imports.run_import(kind="holidays", data=b"", filename="holidays.csv")


def test_the_import_command_reads_a_holidays_file(built_in, tmp_path):
    path = tmp_path / "openholidays.csv"
    path.write_bytes(openholidays_csv(*NEW_YEAR))
    out = io.StringIO()

    call_command("import", "holidays", str(path), stdout=out, stderr=io.StringIO())

    assert "School holidays (OpenHolidays CSV): openholidays.csv" in out.getvalue()
    assert "added: 6" in out.getvalue()
    assert holiday("midden", "christmas", 2030).start == D(2030, 12, 21)


def test_the_import_kinds_have_labels(built_in):
    assert str(HOLIDAYS_IMPORT_LABEL) == "School holidays (OpenHolidays CSV)"
    assert HolidayKind.SPRING.label == "spring holiday"
