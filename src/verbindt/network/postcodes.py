"""Dutch postcodes: ``1234 AB``. Pure functions."""

import re

from django.utils.translation import gettext as _

from verbindt.core.choices import Province

POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")

# Province names as DUO and GeoNames write them → Province values.
PROVINCE_NAMES = {label.lower(): value for value, label in Province.choices} | {
    "friesland": Province.FRIESLAND,
    "fryslan": Province.FRIESLAND,
    "fryslân": Province.FRIESLAND,
}


def normalise_postcode(raw: str) -> str:
    """``"1234ab"`` → ``"1234 AB"``; ``ValueError`` with an example for anything else."""
    match = POSTCODE.match(raw or "")
    if not match:
        raise ValueError(
            _("“%(postcode)s” is not a Dutch postcode; write it as 1234 AB.") % {"postcode": raw}
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def pc4(postcode: str) -> str:
    """The four digits of a normalised postcode."""
    return postcode[:4]


def province_from_name(name: str) -> str:
    """``"Noord-Brabant"`` → ``"noord-brabant"``; empty when the name is not a province."""
    return PROVINCE_NAMES.get((name or "").strip().lower(), "")
