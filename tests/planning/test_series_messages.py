"""Series problems from the engine, told to the user in their language."""

import datetime as dt

import pytest
from django.utils import translation

from verbindt.engines.scheduling import Problem, SeriesProblem, SeriesSpec, occurrences
from verbindt.planning.series import series_problem_message, series_problem_messages

D = dt.date


def problem(spec: SeriesSpec, holidays=()) -> SeriesProblem:
    with pytest.raises(SeriesProblem) as raised:
        occurrences(spec, list(holidays))
    return raised.value


def tuesdays(first: dt.date, last: dt.date, start=dt.time(11, 30), end=dt.time(13, 30)):
    return SeriesSpec(1, start, end, first, last)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_each_problem_of_a_spec_gets_its_own_message():
    spec = SeriesSpec(7, dt.time(14), dt.time(13), D(2026, 10, 31), D(2026, 10, 1), 0)

    assert series_problem_messages(problem(spec)) == [
        "Choose a weekday from Monday to Sunday.",
        "A series repeats every week or every few weeks: enter 1 or more.",
        "The end time (13:00) must be after the start time (14:00).",
        "The last date (Oct. 1, 2026) is before the first date (Oct. 31, 2026).",
    ]


def test_a_series_longer_than_two_years_is_told_to_split():
    (message,) = series_problem_messages(problem(tuesdays(D(2026, 8, 1), D(2028, 9, 1))))

    assert message.startswith("A series spans at most 2 years")
    assert message.endswith("Plan a series per school year.")


def test_no_occurrences_says_whether_holidays_took_them_all():
    none_at_all = problem(tuesdays(D(2026, 10, 7), D(2026, 10, 12)))
    all_in_holidays = problem(
        tuesdays(D(2026, 12, 19), D(2027, 1, 3)), [(D(2026, 12, 19), D(2027, 1, 3))]
    )
    one_in_a_holiday = problem(
        tuesdays(D(2026, 10, 19), D(2026, 10, 25)), [(D(2026, 10, 17), D(2026, 10, 25))]
    )

    assert series_problem_message(none_at_all.problems[0]) == (
        "There is no Tuesday from Oct. 7, 2026 to Oct. 12, 2026: the series has no sessions."
    )
    assert series_problem_message(all_in_holidays.problems[0]).startswith(
        "All 2 dates on Tuesday from"
    )
    assert series_problem_message(one_in_a_holiday.problems[0]).startswith("The only Tuesday from")


def test_the_weekday_and_dates_are_in_the_users_language():
    with translation.override("nl"):
        message = series_problem_message(
            problem(tuesdays(D(2026, 10, 7), D(2026, 10, 12))).problems[0]
        )

    assert "dinsdag" in message
    assert "7 oktober 2026" in message


def test_an_unknown_code_falls_back_to_the_engines_text():
    assert series_problem_message(Problem("something_new", "Something new.")) == "Something new."
