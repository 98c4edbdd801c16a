"""The engine's explanations in the user's language.

The engine gives a code and parameters per student (see docs/allocation-format.md); the
sentences here are gettext strings, so students read them in Dutch. A code this module does
not know (a newer engine) falls back to the engine's English sentence.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MANUAL = "manual"  # an assignment changed by hand: no engine explanation applies

CAUSES = {
    "requirement_not_met": gettext_lazy("you do not meet its requirements"),
    "not_ranked": gettext_lazy("it does not take you"),
    "too_far": gettext_lazy("further than the maximum distance"),
    "no_seats": gettext_lazy("it has no places"),
    "full": gettext_lazy("full with students who come before you"),
    "had_room": gettext_lazy("it could take you, but you were placed elsewhere"),
    "not_for_duo": gettext_lazy("not the best place for your duo together"),
}

NOT_PLACED = {
    "no_preferences": gettext_lazy("Not placed: you chose no places."),
    "too_far": gettext_lazy("Not placed: every place you chose is too far away."),
    "requirement_not_met": gettext_lazy(
        "Not placed: you do not meet the requirements of any place you chose."
    ),
    "not_ranked": gettext_lazy("Not placed: none of the places you chose takes you."),
    "no_seats": gettext_lazy("Not placed: the places you chose have no places."),
    "nothing_acceptable": gettext_lazy("Not placed: none of the places you chose can take you."),
    "places_full": gettext_lazy(
        "Not placed: every place you chose is full with students who come before you."
    ),
    "passed_over": gettext_lazy("Not placed, although a place you chose could take you."),
}


def explanation_text(
    code: str, params: Mapping[str, Any], fallback: str, name: Callable[[str], str]
) -> str:
    """``name`` turns an engine id (``p12``, ``s34``) into what the reader knows it by."""
    if code == MANUAL:
        return _("Placed by hand.")
    passed: Mapping[str, str] = params.get("passed", {})
    if code == "placed":
        text = _("Placed at %(place)s, your choice number %(rank)s.") % {
            "place": name(params["place"]),
            "rank": params["rank"],
        }
        label = _("Not higher:")
    elif code in NOT_PLACED:
        text, label = str(NOT_PLACED[code]), _("Why not:")
    else:
        return fallback
    if any(cause not in CAUSES for cause in passed.values()):
        return fallback
    if passed:
        reasons = "; ".join(f"{name(place)} ({CAUSES[cause]})" for place, cause in passed.items())
        text += f" {label} {reasons}."
    duo = params.get("duo")
    if duo is not None:
        partner = {"partner": name(duo["partner"])}
        text += " " + (
            _("Together with your duo partner %(partner)s.") % partner
            if duo["together"]
            else _("Apart from your duo partner %(partner)s: no place could take you both.")
            % partner
        )
    return text
