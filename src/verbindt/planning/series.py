"""The app side of ``engines.scheduling`` series: problems in the user's language.

The engine names each problem by a stable code with English text; pages and the API show
``series_problem_message`` instead, e.g. ``ValidationError(series_problem_message(p),
code=p.code)`` for ``p`` in ``SeriesProblem.problems``.
"""

import datetime as dt

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbindt.engines.scheduling import Problem, SeriesProblem


def _day(value: object) -> str:
    return formats.date_format(value) if isinstance(value, dt.date) else str(value)


def _time(value: object) -> str:
    return value.strftime("%H:%M") if isinstance(value, dt.time) else str(value)


def series_problem_message(problem: Problem) -> str:
    """``problem`` in the current language; the engine's English text for an unknown code."""
    p = problem.params
    code = problem.code
    if code == "weekday_invalid":
        return _("Choose a weekday from Monday to Sunday.")
    if code == "every_n_weeks_invalid":
        return _("A series repeats every week or every few weeks: enter 1 or more.")
    if code == "end_time_not_after_start":
        return _("The end time (%(end)s) must be after the start time (%(start)s).") % {
            "start": _time(p["start_time"]),
            "end": _time(p["end_time"]),
        }
    if code == "last_before_first":
        return _("The last date (%(last)s) is before the first date (%(first)s).") % {
            "first": _day(p["first_date"]),
            "last": _day(p["last_date"]),
        }
    if code == "span_too_long":
        return _(
            "A series spans at most %(years)s years; %(first)s to %(last)s is longer. Plan a "
            "series per school year."
        ) % {"years": p["years"], "first": _day(p["first_date"]), "last": _day(p["last_date"])}
    if code == "holiday_invalid":
        return _(
            "A school holiday ends before it starts (%(start)s to %(end)s); correct it first."
        ) % {"start": _day(p["start"]), "end": _day(p["end"])}
    if code == "no_occurrences":
        values = {
            "weekday": WEEKDAYS[p["weekday"]],
            "first": _day(p["first_date"]),
            "last": _day(p["last_date"]),
            "count": p["skipped"],
        }
        if not p["skipped"]:
            return (
                _("There is no %(weekday)s from %(first)s to %(last)s: the series has no sessions.")
                % values
            )
        return (
            ngettext(
                "The only %(weekday)s from %(first)s to %(last)s falls in a school holiday: the "
                "series has no sessions.",
                "All %(count)s dates on %(weekday)s from %(first)s to %(last)s fall in school "
                "holidays: the series has no sessions.",
                p["skipped"],
            )
            % values
        )
    return problem.message


def series_problem_messages(exc: SeriesProblem) -> list[str]:
    return [series_problem_message(problem) for problem in exc.problems]
