import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from verbindt.core import schoolyears
from verbindt.core.services import school_year_for_date, school_year_from_label


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2025, 8, 1), "2025-2026"),
        (dt.date(2026, 7, 31), "2025-2026"),
        (dt.date(2026, 8, 1), "2026-2027"),
        (dt.date(2026, 1, 15), "2025-2026"),
    ],
)
def test_the_school_year_runs_from_1_august_to_31_july(day, label):
    assert schoolyears.label_for(schoolyears.start_year_for(day)) == label


@given(st.dates(min_value=dt.date(2000, 8, 1), max_value=dt.date(2099, 7, 31)))
def test_every_day_lies_within_the_bounds_of_its_school_year(day):
    start, end = schoolyears.bounds(schoolyears.start_year_for(day))
    assert start <= day <= end
    assert (end - start).days in (364, 365)


@pytest.mark.parametrize("bad", ["2025", "2025-2027", "25-26", "twintig", "2026-2025"])
def test_a_label_that_is_not_two_consecutive_years_is_refused_with_an_example(bad):
    with pytest.raises(ValueError, match="2025-2026"):
        schoolyears.parse_label(bad)


def test_school_years_are_created_once_and_found_by_label_or_date(db):
    by_label = school_year_from_label(label="2025-2026")
    assert by_label == school_year_for_date(day=dt.date(2026, 3, 1))
    assert str(by_label) == "2025-2026"
    assert dt.date(2025, 8, 1) in by_label
    assert dt.date(2026, 8, 1) not in by_label


def test_a_bad_label_is_a_validation_error_for_forms_and_the_api(db):
    with pytest.raises(ValidationError):
        school_year_from_label(label="2025/2027")
