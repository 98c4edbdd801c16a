"""The English sentences of explanations, worded from their code and parameters on demand.

A national run explains tens of thousands of students; most explanations are only ever
serialised, so the sentence is built when ``Explanation.text`` is read, not during the run.
"""

from collections.abc import Mapping
from typing import Any

# Why a place a student listed is not theirs. The first four make a pair unacceptable before
# the solve, checked in this order (the first that applies wins); the others follow from it.
REQUIREMENT_NOT_MET = "requirement_not_met"
NOT_RANKED = "not_ranked"
TOO_FAR = "too_far"
NO_SEATS = "no_seats"
FULL = "full"
HAD_ROOM = "had_room"
NOT_FOR_DUO = "not_for_duo"

CAUSES = {
    REQUIREMENT_NOT_MET: "you do not meet its requirements",
    NOT_RANKED: "its ranking does not include you",
    TOO_FAR: "further than the maximum distance",
    NO_SEATS: "it has no seats",
    FULL: "full with students it ranks higher",
    HAD_ROOM: "it could take you, but you were placed otherwise (a blocking pair)",
    NOT_FOR_DUO: "not the best place for your duo together",
}

PLACED = "placed"
NO_PREFERENCES = "no_preferences"
NOTHING_ACCEPTABLE = "nothing_acceptable"
PLACES_FULL = "places_full"
PASSED_OVER = "passed_over"

UNASSIGNED = {
    NO_PREFERENCES: "Not placed: you listed no places.",
    TOO_FAR: "Not placed: every place you listed is further than the maximum distance.",
    REQUIREMENT_NOT_MET: "Not placed: you do not meet the requirements of any place you listed.",
    NOT_RANKED: "Not placed: no place you listed includes you in its ranking.",
    NO_SEATS: "Not placed: the places you listed have no seats.",
    NOTHING_ACCEPTABLE: "Not placed: no place you listed can take you:",
    PLACES_FULL: "Not placed: every place that could take you is full with students it "
    "ranks higher:",
    PASSED_OVER: "Not placed, although a place you listed could take you (a blocking pair):",
}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def sentence(code: str, params: Mapping[str, Any]) -> str:
    passed: Mapping[str, str] = params.get("passed", {})
    if code == PLACED:
        text = f"Placed at {params['place']}, your {ordinal(params['rank'])} choice."
        if passed:
            text += " Not higher: " + _listing(passed) + "."
    else:
        text = UNASSIGNED[code] + (" " + _listing(passed) + "." if passed else "")
    duo = params.get("duo")
    if duo is not None:
        partner = duo["partner"]
        text += (
            f" Together with your duo partner {partner}."
            if duo["together"]
            else f" Apart from your duo partner {partner}: no place on both your lists could "
            "seat you together."
        )
    return text


def _listing(passed: Mapping[str, str]) -> str:
    return "; ".join(f"{place} ({CAUSES[cause]})" for place, cause in passed.items())
