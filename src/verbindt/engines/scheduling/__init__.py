"""Scheduling engines: pure Python, plain data in and out, no Django imports."""

from verbindt.engines.scheduling.series import (
    MAX_SPAN_YEARS,
    Occurrence,
    Period,
    Problem,
    SeriesProblem,
    SeriesResult,
    SeriesSpec,
    Skipped,
    occurrences,
    rhythm,
    spec_problems,
)

__all__ = [
    "MAX_SPAN_YEARS",
    "Occurrence",
    "Period",
    "Problem",
    "SeriesProblem",
    "SeriesResult",
    "SeriesSpec",
    "Skipped",
    "occurrences",
    "rhythm",
    "spec_problems",
]
