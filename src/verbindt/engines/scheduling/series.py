"""Recurring series: every n-th week on one weekday between two dates, around holidays.

Pure Python: plain dates and times in, a ``SeriesResult`` out, no Django.

Problems are raised, not returned: a ``SeriesProblem`` (a ``ValueError``) carries every
problem as a code, an English message and its parameters. Raising means no caller can
create sessions from a series it forgot to check; the app layer translates by code. "No
occurrences" is a problem too, and then ``skipped`` still tells which holidays ate them.

The rhythm is anchored on the first occurrence: a date skipped for a holiday keeps its
place, so an every-other-week series stays on the same weeks after a holiday.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Period = tuple[dt.date, dt.date]  # first and last day, both inclusive

MAX_SPAN_YEARS = 2  # a series is planned per school year or two; longer is a typo

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class SeriesSpec:
    """``weekday``: 0 is Monday … 6 is Sunday (as ``date.weekday()``); times are wall-clock."""

    weekday: int
    start_time: dt.time
    end_time: dt.time
    first_date: dt.date
    last_date: dt.date
    every_n_weeks: int = 1


@dataclass(frozen=True)
class Occurrence:
    date: dt.date
    starts: dt.datetime
    ends: dt.datetime


@dataclass(frozen=True)
class Skipped:
    """A date of the rhythm that falls in ``holiday`` (the earliest one, if several)."""

    date: dt.date
    holiday: Period

    @property
    def reason(self) -> str:
        return f"in the holiday from {self.holiday[0]:%Y-%m-%d} to {self.holiday[1]:%Y-%m-%d}"


@dataclass(frozen=True)
class SeriesResult:
    occurrences: tuple[Occurrence, ...]
    skipped: tuple[Skipped, ...]

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(occurrence.date for occurrence in self.occurrences)

    @property
    def datetimes(self) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        return tuple((occurrence.starts, occurrence.ends) for occurrence in self.occurrences)


@dataclass(frozen=True)
class Problem:
    """``code`` is stable; ``message`` is English; ``params`` fill a translated message."""

    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


class SeriesProblem(ValueError):
    """The series cannot be planned. ``code`` and ``message`` are those of the first problem.

    Codes: ``weekday_invalid``, ``every_n_weeks_invalid``, ``end_time_not_after_start``,
    ``last_before_first``, ``span_too_long``, ``holiday_invalid``, ``no_occurrences``
    (``params["skipped"]`` says how many dates fell in holidays: 0 when the weekday does not
    occur in the range at all).
    """

    def __init__(self, problems: Sequence[Problem], skipped: Sequence[Skipped] = ()) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = tuple(problems)
        self.code = self.problems[0].code
        self.message = self.problems[0].message
        self.skipped = tuple(skipped)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def spec_problems(spec: SeriesSpec) -> list[Problem]:
    """Everything wrong with ``spec`` itself, before any date is computed."""
    problems = []
    if not 0 <= spec.weekday <= 6:
        problems.append(
            Problem(
                "weekday_invalid",
                f"The weekday must be 0 (Monday) to 6 (Sunday), not {spec.weekday}.",
                {"weekday": spec.weekday},
            )
        )
    if spec.every_n_weeks < 1:
        problems.append(
            Problem(
                "every_n_weeks_invalid",
                f"A series repeats every 1 or more weeks, not every {spec.every_n_weeks}.",
                {"every_n_weeks": spec.every_n_weeks},
            )
        )
    if spec.end_time <= spec.start_time:
        problems.append(
            Problem(
                "end_time_not_after_start",
                f"The end time ({spec.end_time:%H:%M}) must be after the start time "
                f"({spec.start_time:%H:%M}).",
                {"start_time": spec.start_time, "end_time": spec.end_time},
            )
        )
    if spec.last_date < spec.first_date:
        problems.append(
            Problem(
                "last_before_first",
                f"The last date ({spec.last_date}) is before the first date ({spec.first_date}).",
                {"first_date": spec.first_date, "last_date": spec.last_date},
            )
        )
    elif spec.last_date > add_years(spec.first_date, MAX_SPAN_YEARS):
        problems.append(
            Problem(
                "span_too_long",
                f"A series spans at most {MAX_SPAN_YEARS} years; {spec.first_date} to "
                f"{spec.last_date} is longer.",
                {
                    "first_date": spec.first_date,
                    "last_date": spec.last_date,
                    "years": MAX_SPAN_YEARS,
                },
            )
        )
    return problems


def _holiday_problems(holidays: Sequence[Period]) -> list[Problem]:
    return [
        Problem(
            "holiday_invalid",
            f"A holiday cannot end ({end}) before it starts ({start}).",
            {"start": start, "end": end},
        )
        for start, end in holidays
        if end < start
    ]


def rhythm(spec: SeriesSpec) -> list[dt.date]:
    """Every date of the series before holidays are taken out (``spec`` must be valid)."""
    first = spec.first_date + dt.timedelta(days=(spec.weekday - spec.first_date.weekday()) % 7)
    step = dt.timedelta(weeks=spec.every_n_weeks)
    dates = []
    day = first
    while day <= spec.last_date:
        dates.append(day)
        day += step
    return dates


def occurrences(
    spec: SeriesSpec, holidays: Sequence[Period], *, tz: dt.tzinfo | None = None
) -> SeriesResult:
    """The occurrences of ``spec`` outside ``holidays`` and the dates skipped for them.

    Datetimes are naive wall-clock times, or aware in ``tz`` when given (each date gets its
    own offset, so 11:30 stays 11:30 across a daylight-saving change).
    Raises ``SeriesProblem`` for an invalid spec or holiday, or when no occurrence remains.
    """
    problems = spec_problems(spec) + _holiday_problems(holidays)
    if problems:
        raise SeriesProblem(problems)
    # Sorted so that the holiday named for a skipped date never depends on the input order.
    periods = sorted(set(holidays))
    kept: list[Occurrence] = []
    skipped: list[Skipped] = []
    for day in rhythm(spec):
        holiday = next((p for p in periods if p[0] <= day <= p[1]), None)
        if holiday is not None:
            skipped.append(Skipped(date=day, holiday=holiday))
            continue
        kept.append(
            Occurrence(
                date=day,
                starts=dt.datetime.combine(day, spec.start_time, tzinfo=tz),
                ends=dt.datetime.combine(day, spec.end_time, tzinfo=tz),
            )
        )
    if not kept:
        raise SeriesProblem([_nothing_left(spec, len(skipped))], skipped)
    return SeriesResult(occurrences=tuple(kept), skipped=tuple(skipped))


def _nothing_left(spec: SeriesSpec, skipped: int) -> Problem:
    weekday = WEEKDAYS[spec.weekday]
    params = {
        "weekday": spec.weekday,
        "first_date": spec.first_date,
        "last_date": spec.last_date,
        "skipped": skipped,
    }
    if skipped:
        message = (
            f"Every {weekday} of the series from {spec.first_date} to {spec.last_date} falls "
            f"in a school holiday ({skipped} dates): the series has no occurrences."
        )
    else:
        message = (
            f"There is no {weekday} from {spec.first_date} to {spec.last_date}: the series "
            "has no occurrences."
        )
    return Problem("no_occurrences", message, params)
