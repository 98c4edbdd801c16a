"""DUO open education data: secondary-school locations and exam candidates.

``alle-vestigingen-vo.csv`` comes in two layouts: the current one keys a location by
``INSTELLINGSCODE`` + ``VESTIGINGSCODE`` (``18BR`` + ``18BR00``), the older one by
``BRIN NUMMER`` + ``VESTIGINGSNUMMER`` (``18BR`` + ``0``, zero-padded to ``18BR00``).
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from verbindt.network.importers.files import ParseResult, Row, formula_problems, read_csv_table
from verbindt.network.postcodes import normalise_postcode, province_from_name

CURRENT_KEYS = ("INSTELLINGSCODE", "VESTIGINGSCODE")
OLDER_KEYS = ("BRIN NUMMER", "VESTIGINGSNUMMER")
LOCATION_COLUMNS = (
    "PROVINCIE",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "ONDERWIJSSTRUCTUUR",
)
# Older files lack VAKANTIEREGIO; phone and website are nice to have.
LOCATION_OPTIONAL = ("VAKANTIEREGIO", "TELEFOONNUMMER", "INTERNETADRES")
EXAM_COLUMNS = ("LEERWEG VMBO", "VMBO SECTOR", "EXAMENKANDIDATEN")
EXAM_OPTIONAL = ("INSTELLINGSNAAM VESTIGING", "GEMEENTENAAM VESTIGING")

LOCATION_CODE = re.compile(r"^[0-9A-Z]{4}\d{2}$")
BRIN = re.compile(r"^[0-9A-Z]{4}$")
HOLIDAY_REGIONS = {"noord": "noord", "midden": "midden", "zuid": "zuid"}
# LEERWEG VMBO → Track value; GL and TL share one programme in Zorg & Welzijn.
TRACKS = {"BL": "bb", "KL": "kb", "GL": "gl_tl", "TL": "gl_tl"}
ZW_SECTORS = {"zorg & welzijn", "zorg en welzijn"}
# DUO writes counts below five as "<5"; 4 is the most it can be.
UNDER_FIVE = 4

MAX_LENGTHS = {"VESTIGINGSNAAM": 200, "STRAATNAAM": 200, "HUISNUMMER-TOEVOEGING": 20}
MAX_PHONE = 30
validate_url = URLValidator()  # one instance: it compiles its patterns on first use

# Lower-case inside a place name ("Bergen op Zoom", "Alphen aan den Rijn").
SMALL_WORDS = {"aan", "bij", "de", "den", "der", "en", "het", "in", "onder", "op", "over", "te",
               "ten", "ter", "van", "voor"}  # fmt: skip
# PostNL's province suffixes that tell equal place names apart ("Elst GLD", "Haren GN").
PROVINCE_SUFFIXES = {"GN", "FR", "DR", "OV", "GLD", "GL", "UT", "NH", "ZH", "ZL", "NB", "LB", "L"}


@dataclass(frozen=True)
class DuoLocation:
    row: int
    code: str
    brin: str
    name: str
    street: str
    house_number: str
    postcode: str
    place: str
    municipality_code: str
    municipality_name: str
    province: str
    holiday_region: str
    phone: str
    website: str
    structure: str

    @property
    def teaches_vmbo(self) -> bool:
        return includes_vmbo(self.structure)


@dataclass(frozen=True)
class ZwCount:
    """Zorg & Welzijn exam candidates at one location in one track (summed over rows)."""

    code: str
    track: str
    candidates: int
    under_five: bool


@dataclass
class ExamCounts(ParseResult[ZwCount]):
    names: dict[str, str] | None = None


def includes_vmbo(structure: str) -> bool:
    """Whether an ONDERWIJSSTRUCTUUR such as ``VBO/MAVO/HAVO`` includes VBO or MAVO."""
    parts = {part.strip().upper() for part in structure.split("/")}
    return bool(parts & {"VBO", "MAVO"})


def _word(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in {"'s", "'t"}:
        return lower
    if not first and lower in SMALL_WORDS:
        return lower
    if lower.startswith("ij"):
        return "IJ" + lower[2:]
    return lower[:1].upper() + lower[1:]


def title_place(raw: str) -> str:
    """DUO's capitals as people write them: ``'S-HERTOGENBOSCH`` → ``'s-Hertogenbosch``."""
    raw = raw.strip()
    # GEMEENTENAAM drops the apostrophe and hyphen: "S GRAVENHAGE" is 's-Gravenhage.
    prefix = re.match(r"^'?([ST])(?:\s+|-)(?=\S)", raw, re.IGNORECASE)
    if prefix:
        article = "'s-" if prefix.group(1).upper() == "S" else "'t "
        return article + title_place(raw[prefix.end() :])
    parts = re.split(r"(\s+|-)", raw)
    words = [i for i, part in enumerate(parts) if part and not re.fullmatch(r"\s+|-", part)]
    out = list(parts)
    for position, index in enumerate(words):
        word = parts[index]
        last = position == len(words) - 1
        if last and position > 0 and word.upper() in PROVINCE_SUFFIXES:
            out[index] = word.upper()
        else:
            out[index] = _word(word, first=position == 0)
    return "".join(out)


def website(raw: str) -> str | None:
    """A DUO INTERNETADRES as a URL (``www.x.nl`` → ``https://www.x.nl``); None if invalid."""
    value = "".join(raw.split())
    if not value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        validate_url(value)
    except ValidationError:
        return None
    return value if len(value) <= 200 else None


def location_code(row: Row) -> str:
    """The six-character location code, from either layout; ValueError if unreadable."""
    cells = row.cells
    if "VESTIGINGSCODE" in cells:
        code = cells["VESTIGINGSCODE"].upper()
    else:
        brin, number = cells["BRIN NUMMER"].upper(), cells["VESTIGINGSNUMMER"].upper()
        code = number if number.startswith(brin) and len(number) == 6 else brin + number.zfill(2)
    if not LOCATION_CODE.match(code):
        raise ValueError(
            _("“%(code)s” is not a DUO location code such as 18BR00.") % {"code": code}
        )
    return code


def _location(row: Row, code: str) -> tuple[DuoLocation | None, list[str], list[str]]:
    """The location in a row, the reasons to reject it and notes about it."""
    cells = row.cells
    problems = formula_problems(row)
    notes: list[str] = []
    brin = (cells.get("INSTELLINGSCODE") or cells.get("BRIN NUMMER") or code[:4]).upper()
    if not BRIN.match(brin):
        problems.append(_("“%(code)s” is not a DUO institution code.") % {"code": brin})
    if not cells["VESTIGINGSNAAM"]:
        problems.append(_("VESTIGINGSNAAM is empty."))
    for column, limit in MAX_LENGTHS.items():
        if len(cells[column]) > limit:
            problems.append(
                _("%(column)s is longer than %(limit)s characters.")
                % {"column": column, "limit": limit}
            )
    postcode = ""
    try:
        postcode = normalise_postcode(cells["POSTCODE"])
    except ValueError:
        problems.append(
            _("Postcode “%(value)s” is not a Dutch postcode such as 1234 AB.")
            % {"value": cells["POSTCODE"]}
        )
    province = province_from_name(cells["PROVINCIE"])
    if cells["PROVINCIE"] and not province:
        problems.append(_("Unknown province “%(value)s”.") % {"value": cells["PROVINCIE"]})
    holiday_raw = cells.get("VAKANTIEREGIO", "")
    holiday_region = HOLIDAY_REGIONS.get(holiday_raw.casefold(), "")
    if holiday_raw and not holiday_region:
        problems.append(_("Unknown holiday region “%(value)s”.") % {"value": holiday_raw})
    municipality_code = cells["GEMEENTENUMMER"]
    if municipality_code and not (municipality_code.isdigit() and len(municipality_code) <= 4):
        problems.append(
            _("GEMEENTENUMMER “%(value)s” is not a municipality code.")
            % {"value": municipality_code}
        )
    url = website(cells.get("INTERNETADRES", ""))
    if url is None:
        notes.append(
            _("Row %(row)s: the website “%(value)s” is not a web address and was left out.")
            % {"row": row.number, "value": cells["INTERNETADRES"]}
        )
    phone = cells.get("TELEFOONNUMMER", "")
    if len(phone) > MAX_PHONE:
        notes.append(
            _("Row %(row)s: the phone number “%(value)s” is too long and was left out.")
            % {"row": row.number, "value": phone}
        )
        phone = ""
    if row.problem:
        problems.append(row.problem)
    if problems:
        return None, problems, notes
    location = DuoLocation(
        row=row.number,
        code=code,
        brin=brin,
        name=cells["VESTIGINGSNAAM"],
        street=cells["STRAATNAAM"],
        house_number=cells["HUISNUMMER-TOEVOEGING"],
        postcode=postcode,
        place=title_place(cells["PLAATSNAAM"])[:100],
        municipality_code=municipality_code.zfill(4) if municipality_code else "",
        municipality_name=title_place(cells["GEMEENTENAAM"])[:100],
        province=province,
        holiday_region=holiday_region,
        phone=phone,
        website=url or "",
        structure=cells["ONDERWIJSSTRUCTUUR"],
    )
    return location, [], notes


def parse_locations(data: bytes, *, include_all: bool = False) -> ParseResult[DuoLocation]:
    """The locations in ``alle-vestigingen-vo.csv``; only VBO/MAVO ones unless ``include_all``."""
    table = read_csv_table(
        data,
        required=LOCATION_COLUMNS,
        alternatives=(CURRENT_KEYS, OLDER_KEYS),
        optional=LOCATION_OPTIONAL,
    )
    result: ParseResult[DuoLocation] = ParseResult(rows=len(table.rows))
    seen: dict[str, int] = {}
    skipped = 0
    for row in table.rows:
        if not include_all and not includes_vmbo(row.cells["ONDERWIJSSTRUCTUUR"]):
            skipped += 1
            continue
        try:
            code = location_code(row)
        except ValueError as exc:
            result.rejected.append((row.number, str(exc)))
            continue
        if code in seen:
            result.rejected.append(
                (
                    row.number,
                    _("Same location code %(code)s as row %(row)s.")
                    % {"code": code, "row": seen[code]},
                )
            )
            continue
        seen[code] = row.number
        location, problems, notes = _location(row, code)
        result.notes.extend(notes)
        result.rejected.extend((row.number, problem) for problem in problems)
        if location is not None:
            result.items.append(location)
    if skipped:
        result.notes.append(
            _(
                "%(count)s locations without VBO or MAVO were left out; import with the "
                "option “all” to include them."
            )
            % {"count": skipped}
        )
    return result


def school_year_in_name(filename: str) -> str | None:
    """``examenkandidaten-vo-2024-2025.csv`` → ``"2024-2025"``; None when the name has none."""
    match = re.search(r"(\d{4})[-_](\d{4})", filename)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def candidates(raw: str) -> tuple[int, bool]:
    """``"12"`` → (12, False); ``"<5"`` → (4, True); ValueError for anything else."""
    value = raw.replace(" ", "")
    if value == "<5":
        return UNDER_FIVE, True
    if value.isdigit():
        return int(value), False
    raise ValueError(
        _("EXAMENKANDIDATEN “%(value)s” is not a number of candidates.") % {"value": raw}
    )


def parse_exam_candidates(data: bytes) -> ExamCounts:
    """Zorg & Welzijn exam candidates per location and track in ``examenkandidaten-vo-*.csv``.

    Rows of other sectors are read past; the decimal-comma grade columns are not needed.
    """
    table = read_csv_table(
        data, required=EXAM_COLUMNS, alternatives=(CURRENT_KEYS, OLDER_KEYS), optional=EXAM_OPTIONAL
    )
    result = ExamCounts(rows=len(table.rows), names={})
    names: dict[str, str] = {}
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in table.rows:
        if row.cells["VMBO SECTOR"].casefold() not in ZW_SECTORS:
            continue
        problems = formula_problems(row)
        code = track = ""
        count, under_five = 0, False
        try:
            code = location_code(row)
        except ValueError as exc:
            problems.append(str(exc))
        leerweg = row.cells["LEERWEG VMBO"].upper()
        track = TRACKS.get(leerweg, "")
        if not track:
            problems.append(_("Unknown LEERWEG VMBO “%(value)s”.") % {"value": leerweg})
        try:
            count, under_five = candidates(row.cells["EXAMENKANDIDATEN"])
        except ValueError as exc:
            problems.append(str(exc))
        if problems:
            result.rejected.extend((row.number, problem) for problem in problems)
            continue
        total = totals[(code, track)]
        total[0] += count
        total[1] |= under_five
        names.setdefault(
            code,
            ", ".join(
                part
                for part in (
                    row.cells.get("INSTELLINGSNAAM VESTIGING", ""),
                    title_place(row.cells.get("GEMEENTENAAM VESTIGING", "")),
                )
                if part
            ),
        )
    result.items = [
        ZwCount(code=code, track=track, candidates=count, under_five=bool(flag))
        for (code, track), (count, flag) in sorted(totals.items())
    ]
    result.names = names
    return result
