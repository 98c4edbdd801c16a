"""Recurring series around school holidays: hand-counted cases, problems, and properties."""

import datetime as dt
import random
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verbindt.engines.scheduling import SeriesProblem, SeriesSpec, occurrences, rhythm

D = dt.date
TUESDAY = 1

# School holidays of region Midden in 2026-2027, as OCW publishes them.
MIDDEN_2026_2027 = [
    (D(2026, 10, 17), D(2026, 10, 25)),  # autumn
    (D(2026, 12, 19), D(2027, 1, 3)),  # Christmas
    (D(2027, 2, 20), D(2027, 2, 28)),  # spring
    (D(2027, 4, 24), D(2027, 5, 2)),  # May
    (D(2027, 7, 17), D(2027, 8, 29)),  # summer
]


def tuesdays(first: dt.date, last: dt.date, every_n_weeks: int = 1) -> SeriesSpec:
    return SeriesSpec(
        weekday=TUESDAY,
        start_time=dt.time(11, 30),
        end_time=dt.time(13, 30),
        first_date=first,
        last_date=last,
        every_n_weeks=every_n_weeks,
    )


def problem_codes(spec: SeriesSpec, holidays=()) -> list[str]:
    with pytest.raises(SeriesProblem) as raised:
        occurrences(spec, list(holidays))
    return [problem.code for problem in raised.value.problems]


# --- The example from the field ---------------------------------------------------------------


def test_every_tuesday_from_october_to_june_skips_the_four_holidays_of_region_midden():
    result = occurrences(tuesdays(D(2026, 10, 1), D(2027, 6, 30)), MIDDEN_2026_2027)

    # Tuesdays per month, read from a calendar: Oct 4, Nov 4, Dec 5, Jan 4, Feb 4, Mar 5,
    # Apr 4, May 4, Jun 5.
    all_tuesdays = 4 + 4 + 5 + 4 + 4 + 5 + 4 + 4 + 5
    in_holidays = [
        D(2026, 10, 20),  # autumn
        D(2026, 12, 22),  # Christmas
        D(2026, 12, 29),  # Christmas
        D(2027, 2, 23),  # spring
        D(2027, 4, 27),  # May
    ]
    assert len(result.dates) == all_tuesdays - len(in_holidays) == 34
    assert [skipped.date for skipped in result.skipped] == in_holidays
    assert result.dates[0] == D(2026, 10, 6)
    assert result.dates[-1] == D(2027, 6, 29)
    assert D(2026, 12, 22) not in result.dates


def test_a_skipped_date_names_the_holiday_it_falls_in():
    result = occurrences(tuesdays(D(2026, 10, 1), D(2026, 10, 31)), MIDDEN_2026_2027)

    (skipped,) = result.skipped
    assert skipped.holiday == (D(2026, 10, 17), D(2026, 10, 25))
    assert skipped.reason == "in the holiday from 2026-10-17 to 2026-10-25"


def test_each_occurrence_starts_and_ends_at_the_given_times():
    result = occurrences(tuesdays(D(2026, 10, 1), D(2026, 10, 14)), [])

    assert result.datetimes == (
        (dt.datetime(2026, 10, 6, 11, 30), dt.datetime(2026, 10, 6, 13, 30)),
        (dt.datetime(2026, 10, 13, 11, 30), dt.datetime(2026, 10, 13, 13, 30)),
    )


def test_with_a_time_zone_the_wall_clock_time_survives_the_change_to_winter_time():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    # Summer time ends on Sunday 25 October 2026.
    result = occurrences(tuesdays(D(2026, 10, 13), D(2026, 11, 3)), [], tz=amsterdam)

    before, after = result.occurrences[0], result.occurrences[-1]
    assert (before.starts.hour, before.starts.minute) == (after.starts.hour, after.starts.minute)
    assert before.starts.utcoffset() == dt.timedelta(hours=2)
    assert after.starts.utcoffset() == dt.timedelta(hours=1)


# --- Rhythm -------------------------------------------------------------------------------------


def test_every_other_week_keeps_its_weeks_after_a_holiday():
    result = occurrences(
        tuesdays(D(2026, 10, 6), D(2026, 12, 15), every_n_weeks=2), MIDDEN_2026_2027
    )

    # 20 October falls in the autumn holiday; the series resumes on 3 November, not 27 October.
    assert result.dates == (
        D(2026, 10, 6),
        D(2026, 11, 3),
        D(2026, 11, 17),
        D(2026, 12, 1),
        D(2026, 12, 15),
    )
    assert [skipped.date for skipped in result.skipped] == [D(2026, 10, 20)]


def test_first_and_last_date_are_included_when_they_fall_on_the_weekday():
    result = occurrences(tuesdays(D(2026, 9, 1), D(2026, 9, 15)), [])

    assert result.dates == (D(2026, 9, 1), D(2026, 9, 8), D(2026, 9, 15))


def test_a_series_starting_after_the_weekday_begins_the_next_week():
    assert rhythm(tuesdays(D(2026, 9, 2), D(2026, 9, 30)))[0] == D(2026, 9, 8)


def test_a_single_day_series_on_the_weekday_has_one_occurrence():
    assert occurrences(tuesdays(D(2026, 9, 8), D(2026, 9, 8)), []).dates == (D(2026, 9, 8),)


def test_overlapping_holidays_name_the_earliest():
    holidays = [(D(2026, 10, 17), D(2026, 10, 25)), (D(2026, 10, 10), D(2026, 10, 20))]

    result = occurrences(tuesdays(D(2026, 10, 1), D(2026, 10, 31)), holidays)

    assert [(s.date, s.holiday) for s in result.skipped] == [
        (D(2026, 10, 13), (D(2026, 10, 10), D(2026, 10, 20))),
        (D(2026, 10, 20), (D(2026, 10, 10), D(2026, 10, 20))),
    ]


# --- Problems ----------------------------------------------------------------------------------


def test_it_refuses_an_end_time_that_is_not_after_the_start_time():
    spec = SeriesSpec(TUESDAY, dt.time(13, 30), dt.time(13, 30), D(2026, 10, 1), D(2026, 10, 31))

    assert problem_codes(spec) == ["end_time_not_after_start"]


def test_it_refuses_a_last_date_before_the_first():
    assert problem_codes(tuesdays(D(2026, 10, 31), D(2026, 10, 1))) == ["last_before_first"]


def test_it_refuses_a_series_longer_than_two_years_but_allows_exactly_two():
    assert problem_codes(tuesdays(D(2026, 8, 1), D(2028, 8, 2))) == ["span_too_long"]
    assert occurrences(tuesdays(D(2026, 8, 1), D(2028, 8, 1)), []).dates


def test_two_years_from_29_february_end_on_28_february():
    assert occurrences(tuesdays(D(2028, 2, 29), D(2030, 2, 28)), []).dates
    assert problem_codes(tuesdays(D(2028, 2, 29), D(2030, 3, 1))) == ["span_too_long"]


def test_it_reports_every_problem_of_a_spec_at_once():
    spec = SeriesSpec(7, dt.time(14), dt.time(13), D(2026, 10, 31), D(2026, 10, 1), 0)

    assert problem_codes(spec) == [
        "weekday_invalid",
        "every_n_weeks_invalid",
        "end_time_not_after_start",
        "last_before_first",
    ]


def test_it_refuses_a_holiday_that_ends_before_it_starts():
    holidays = [(D(2026, 10, 25), D(2026, 10, 17))]

    assert problem_codes(tuesdays(D(2026, 10, 1), D(2026, 10, 31)), holidays) == ["holiday_invalid"]


def test_a_range_without_the_weekday_has_no_occurrences():
    with pytest.raises(SeriesProblem) as raised:
        occurrences(tuesdays(D(2026, 10, 7), D(2026, 10, 12)), [])  # Wednesday to Monday

    assert raised.value.code == "no_occurrences"
    assert raised.value.problems[0].params["skipped"] == 0
    assert "There is no Tuesday" in raised.value.message


def test_a_series_entirely_in_holidays_has_no_occurrences_and_says_which_were_skipped():
    with pytest.raises(SeriesProblem) as raised:
        occurrences(tuesdays(D(2026, 12, 19), D(2027, 1, 3)), MIDDEN_2026_2027)

    assert raised.value.code == "no_occurrences"
    assert [s.date for s in raised.value.skipped] == [D(2026, 12, 22), D(2026, 12, 29)]
    assert "falls in a school holiday (2 dates)" in str(raised.value)


def test_a_series_problem_is_a_value_error():
    with pytest.raises(ValueError, match="before the first date"):
        occurrences(tuesdays(D(2026, 10, 31), D(2026, 10, 1)), [])


# --- Properties --------------------------------------------------------------------------------

days = st.dates(min_value=D(2024, 8, 1), max_value=D(2030, 7, 31))


@st.composite
def specs(draw) -> SeriesSpec:
    first = draw(days)
    start = draw(st.integers(min_value=7 * 60, max_value=17 * 60))
    length = draw(st.integers(min_value=15, max_value=240))
    return SeriesSpec(
        weekday=draw(st.integers(min_value=0, max_value=6)),
        start_time=dt.time(*divmod(start, 60)),
        end_time=dt.time(*divmod(min(start + length, 23 * 60 + 59), 60)),
        first_date=first,
        last_date=first + dt.timedelta(days=draw(st.integers(min_value=0, max_value=400))),
        every_n_weeks=draw(st.integers(min_value=1, max_value=4)),
    )


@st.composite
def holiday_lists(draw) -> list[tuple[dt.date, dt.date]]:
    periods = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        start = draw(days)
        periods.append((start, start + dt.timedelta(days=draw(st.integers(0, 60)))))
    return periods


def outcome(spec: SeriesSpec, holidays: list[tuple[dt.date, dt.date]]):
    try:
        return occurrences(spec, holidays)
    except SeriesProblem as problem:
        assert problem.code == "no_occurrences"
        return problem


def in_a_holiday(day: dt.date, holidays) -> bool:
    return any(start <= day <= end for start, end in holidays)


@settings(max_examples=200, deadline=None)
@given(specs(), holiday_lists())
def test_no_occurrence_ever_falls_in_a_holiday(spec, holidays):
    result = outcome(spec, holidays)
    if isinstance(result, SeriesProblem):
        assert all(in_a_holiday(skipped.date, holidays) for skipped in result.skipped)
        return
    assert not any(in_a_holiday(day, holidays) for day in result.dates)
    assert all(in_a_holiday(skipped.date, holidays) for skipped in result.skipped)
    assert sorted(result.dates + tuple(s.date for s in result.skipped)) == rhythm(spec)


@settings(max_examples=200, deadline=None)
@given(specs(), holiday_lists())
def test_every_occurrence_is_on_the_weekday_within_first_and_last_date(spec, holidays):
    result = outcome(spec, holidays)
    if isinstance(result, SeriesProblem):
        return
    for occurrence in result.occurrences:
        assert occurrence.date.weekday() == spec.weekday
        assert spec.first_date <= occurrence.date <= spec.last_date
        assert occurrence.starts.time() == spec.start_time
        assert occurrence.ends.time() == spec.end_time
    gaps = {(b - a).days for a, b in pairwise(rhythm(spec))}
    assert gaps <= {7 * spec.every_n_weeks}


@settings(max_examples=200, deadline=None)
@given(specs(), holiday_lists(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_holidays(
    spec, holidays, rng: random.Random
):
    shuffled = list(holidays)
    rng.shuffle(shuffled)

    first, second = outcome(spec, holidays), outcome(spec, shuffled)

    if isinstance(first, SeriesProblem):
        assert isinstance(second, SeriesProblem)
        assert (first.problems, first.skipped) == (second.problems, second.skipped)
    else:
        assert first == second
