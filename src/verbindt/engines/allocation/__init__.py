"""Allocation engine: students to places (stable or optimal, with duos) and buddy triads.

Pure Python: ``Problem`` dataclasses in, a ``Result`` out, no Django. ``load`` and ``dump``
convert the JSON format of ``docs/allocation-format.md``.
"""

from .engine import allocate
from .instance import place_priorities
from .model import (
    BlockingPair,
    Buddies,
    BuddyResult,
    BuddyStudent,
    Elderly,
    Explanation,
    Location,
    MboStudent,
    Metrics,
    Options,
    Place,
    Problem,
    Reason,
    Result,
    Student,
    Triad,
    Unpaired,
)
from .validate import AllocationInputError

__all__ = [
    "AllocationInputError",
    "BlockingPair",
    "Buddies",
    "BuddyResult",
    "BuddyStudent",
    "Elderly",
    "Explanation",
    "Location",
    "MboStudent",
    "Metrics",
    "Options",
    "Place",
    "Problem",
    "Reason",
    "Result",
    "Student",
    "Triad",
    "Unpaired",
    "allocate",
    "place_priorities",
]
