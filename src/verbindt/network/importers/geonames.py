"""GeoNames postal codes for the Netherlands (``NL.txt`` layout, tab-separated, no header).

Columns: country code, postcode, place, province, province code, municipality, CBS
municipality code, two unused admin columns, latitude, longitude, accuracy.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbindt.network.importers.files import FileRefused, ParseResult, is_formula, read_rows
from verbindt.network.postcodes import province_from_name

COLUMNS = 11
PC4 = re.compile(r"^([1-9]\d{3})(\s?[A-Za-z]{2})?$")
# GeoNames names provinces in English; Dutch names go through province_from_name.
ENGLISH_PROVINCES = {
    "north brabant": "noord-brabant",
    "north holland": "noord-holland",
    "south holland": "zuid-holland",
    "guelders": "gelderland",
    "friesland": "friesland",
}
# "Assen Municipality", "Gemeente Emmen", and a few misspellings in the data.
MUNICIPALITY_AFFIXES = re.compile(r"^\s*gemeente\s+|\s+municipal\w*\s*$", re.IGNORECASE)
# A generous box around the Netherlands: anything outside is a broken row.
LATITUDES, LONGITUDES = (50.5, 53.8), (3.0, 7.5)


@dataclass(frozen=True)
class Pc4Area:
    pc4: str
    place: str
    province: str
    municipality_name: str
    municipality_code: str
    latitude: float
    longitude: float


def province(name: str) -> str:
    return ENGLISH_PROVINCES.get(name.strip().casefold()) or province_from_name(name)


def municipality(name: str) -> str:
    return MUNICIPALITY_AFFIXES.sub("", name).strip()


def _area(values: list[str]) -> tuple[Pc4Area | None, str]:
    values = [value.strip() for value in values]
    if any(is_formula(value) for value in values):
        return None, _("the row holds a spreadsheet formula.")
    match = PC4.match(values[1])
    if not match:
        return None, _("“%(value)s” is not a Dutch postcode.") % {"value": values[1]}
    try:
        latitude, longitude = float(values[9]), float(values[10])
    except ValueError:
        return None, _("the coordinates “%(lat)s”, “%(lon)s” are not numbers.") % {
            "lat": values[9],
            "lon": values[10],
        }
    if not (
        LATITUDES[0] <= latitude <= LATITUDES[1] and LONGITUDES[0] <= longitude <= LONGITUDES[1]
    ):
        return None, _("the coordinates %(lat)s, %(lon)s are outside the Netherlands.") % {
            "lat": latitude,
            "lon": longitude,
        }
    code = values[6]
    if code and not (code.isdigit() and len(code) <= 4):
        return None, _("“%(value)s” is not a municipality code.") % {"value": code}
    area = Pc4Area(
        pc4=match.group(1),
        place=values[2][:100],
        province=province(values[3]),
        municipality_name=municipality(values[5])[:100],
        municipality_code=code.zfill(4) if code else "",
        latitude=latitude,
        longitude=longitude,
    )
    return area, ""


def parse_pc4(data: bytes) -> ParseResult[Pc4Area]:
    """One area per four-digit postcode; a postcode listed for several places keeps the first."""
    records, _encoding = read_rows(data, delimiter="\t")
    result: ParseResult[Pc4Area] = ParseResult()
    seen: set[str] = set()
    repeated = other_countries = 0
    for number, values in enumerate(records, start=1):
        if not any(value.strip() for value in values):
            continue
        if len(values) < COLUMNS:
            if number == 1:
                raise FileRefused(
                    _(
                        "This is not a GeoNames postal-code file: it needs at least %(expected)s "
                        "tab-separated columns (country, postcode, place, province, …, latitude, "
                        "longitude) and the first row has %(found)s."
                    )
                    % {"expected": COLUMNS, "found": len(values)}
                )
            result.rejected.append(
                (
                    number,
                    _("the row has %(found)s columns, not %(expected)s.")
                    % {"found": len(values), "expected": COLUMNS},
                )
            )
            continue
        result.rows += 1
        if values[0].strip().upper() != "NL":
            other_countries += 1
            continue
        area, problem = _area(values)
        if area is None:
            result.rejected.append((number, problem))
        elif area.pc4 in seen:
            repeated += 1
        else:
            seen.add(area.pc4)
            result.items.append(area)
    if not result.items and not result.rejected:
        raise FileRefused(_("The file holds no Dutch postcodes."))
    if repeated:
        result.notes.append(
            ngettext(
                "%(count)s postcode is listed for more than one place; the first place is used.",
                "%(count)s postcodes are listed for more than one place; the first place is used.",
                repeated,
            )
            % {"count": repeated}
        )
    if other_countries:
        result.notes.append(
            _("%(count)s rows of other countries were left out.") % {"count": other_countries}
        )
    return result
