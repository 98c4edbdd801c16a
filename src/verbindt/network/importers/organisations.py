"""The generic organisations file (CSV or XLSX): its documented header, row checks, template.

One row is one organisation with its main location and, optionally, one contact person.
Only ``kind``, ``name``, ``postcode`` and ``place`` are required; optional columns may be
left out of the header. Column names must be those of the template, so a renamed column is
refused instead of silently ignored. Codes (``institution``, ``elderly_care``, …) or their
labels in the current language are accepted for kind, sector and contact function.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbindt.network.importers.files import (
    ParseResult,
    Row,
    Table,
    formula_problems,
    read_table,
    safe_cell,
)
from verbindt.network.postcodes import normalise_postcode


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str | Promise
    example: str
    max_length: int = 0


COLUMNS = (
    Column("kind", True, gettext_lazy("vmbo_location, mbo_college, institution or other"),
           "institution"),
    Column("name", True, gettext_lazy("The organisation's name."),
           "Woonzorgcentrum De Voorbeeldhof", 200),
    Column("sector", False, gettext_lazy("For institutions: elderly_care, disability_care, "
           "childcare, hospital, mental_health, youth_care, home_care, welfare, sport, beauty "
           "or other."), "elderly_care"),
    Column("duo_code", False, gettext_lazy("For schools: the DUO location code, e.g. 18BR00."),
           ""),
    Column("kvk_number", False, gettext_lazy("Chamber of Commerce (KvK) number, 8 digits."),
           "12345678"),
    Column("website", False, gettext_lazy("Web address, e.g. https://www.example.org."),
           "https://www.example.org", 200),
    Column("phone", False, gettext_lazy("Phone number of the organisation."),
           "0570 123 456", 30),
    Column("sbb_recognised", False, gettext_lazy("Recognised by SBB as a training company: "
           "yes or no."), "yes"),
    Column("sbb_valid_until", False, gettext_lazy("SBB recognition valid until, e.g. "
           "2026-07-31."), "2026-07-31"),
    Column("street", False, gettext_lazy("Street of the main location."), "Lindelaan", 200),
    Column("house_number", False, gettext_lazy("House number with any addition, e.g. 12a."),
           "12", 20),
    Column("postcode", True, gettext_lazy("Postcode of the main location, e.g. 7411 AB."),
           "7411 AB"),
    Column("place", True, gettext_lazy("Place of the main location."), "Deventer", 100),
    Column("contact_name", False, gettext_lazy("A contact person's name (optional)."),
           "Anna de Vries", 150),
    Column("contact_function", False, gettext_lazy("teacher, internship_coordinator, "
           "team_leader, practice_supervisor, mbo_teacher, coordinator or other."),
           "practice_supervisor"),
    Column("contact_email", False, gettext_lazy("The contact person's e-mail address."),
           "anna.devries@example.org"),
    Column("contact_phone", False, gettext_lazy("The contact person's phone number."),
           "06 12345678", 30),
)  # fmt: skip
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED = tuple(column.name for column in COLUMNS if column.required)
OPTIONAL = tuple(column.name for column in COLUMNS if not column.required)
CONTACT_COLUMNS = ("contact_function", "contact_email", "contact_phone")

DUO_CODE = re.compile(r"^[0-9A-Z]{4}\d{2}$")
# One instance each: a validator compiles its patterns on first use.
validate_url, validate_email = URLValidator(), EmailValidator()
YES = {"yes", "y", "ja", "j", "true", "1", "waar", "x"}
NO = {"no", "n", "nee", "false", "0", "onwaar"}


@dataclass(frozen=True)
class Choices:
    """The values a column accepts, as (code, label) pairs; given by the caller (the models)."""

    kinds: Sequence[tuple[str, object]]
    sectors: Sequence[tuple[str, object]]
    functions: Sequence[tuple[str, object]]


@dataclass(frozen=True)
class OrganisationRow:
    row: int
    kind: str
    name: str
    sector: str = ""
    duo_code: str = ""
    kvk_number: str = ""
    website: str = ""
    phone: str = ""
    sbb_recognised: bool | None = None  # None: the cell is empty, keep what is there
    sbb_valid_until: dt.date | None = None
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    place: str = ""
    contact_name: str = ""
    contact_function: str = ""
    contact_email: str = ""
    contact_phone: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two rows (or a row and the registry) the same organisation."""
        return same_organisation_key(self.kind, self.name, self.postcode)


def same_organisation_key(kind: str, name: str, postcode: str) -> tuple[str, str, str]:
    return kind, " ".join(name.split()).casefold(), postcode


def _lookup(pairs: Sequence[tuple[str, object]]) -> dict[str, str]:
    """Code or label (case-insensitive) → code."""
    lookup = {str(label).casefold(): code for code, label in pairs}
    return lookup | {code.casefold(): code for code, _label in pairs}


def _date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _url(value: str) -> str:
    url = value if re.match(r"^https?://", value, re.IGNORECASE) else "https://" + value
    validate_url(url)
    return url


def _row(row: Row, lookups: dict[str, dict[str, str]]) -> tuple[OrganisationRow | None, list[str]]:
    cells = {name: row.cells.get(name, "") for name in COLUMN_NAMES}
    problems = formula_problems(row)
    if problems:  # do not look further into a row that tries to run code
        return None, problems
    if row.problem:
        problems.append(row.problem)
    for column in COLUMNS:
        if column.required and not cells[column.name]:
            problems.append(_("%(column)s is required.") % {"column": column.name})
        elif column.max_length and len(cells[column.name]) > column.max_length:
            problems.append(
                _("%(column)s is longer than %(limit)s characters.")
                % {"column": column.name, "limit": column.max_length}
            )
    values: dict[str, object] = {
        name: cells[name]
        for name in ("name", "phone", "street", "house_number", "place", "contact_name",
                     "contact_phone")
    }  # fmt: skip

    for name, lookup in lookups.items():
        code = lookup.get(cells[name].casefold(), "")
        if cells[name] and not code:
            problems.append(
                _("%(column)s “%(value)s” is not known; use one of: %(codes)s.")
                % {
                    "column": name,
                    "value": cells[name],
                    "codes": ", ".join(dict.fromkeys(lookup.values())),
                }
            )
        values[name] = code
    if cells["postcode"]:
        try:
            values["postcode"] = normalise_postcode(cells["postcode"])
        except ValueError:
            problems.append(
                _("Postcode “%(value)s” is not a Dutch postcode such as 1234 AB.")
                % {"value": cells["postcode"]}
            )
    duo_code = cells["duo_code"].upper()
    if duo_code and not DUO_CODE.match(duo_code):
        problems.append(
            _("“%(code)s” is not a DUO location code such as 18BR00.") % {"code": duo_code}
        )
    values["duo_code"] = duo_code
    kvk = re.sub(r"[\s.]", "", cells["kvk_number"])
    if kvk and not re.fullmatch(r"\d{8}", kvk):
        problems.append(
            _("KvK number “%(value)s” is not 8 digits.") % {"value": cells["kvk_number"]}
        )
    values["kvk_number"] = kvk
    values["website"] = ""
    if cells["website"]:
        try:
            values["website"] = _url(cells["website"])
        except ValidationError:
            problems.append(_("“%(value)s” is not a web address.") % {"value": cells["website"]})
    email = cells["contact_email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
    values["contact_email"] = email.lower()
    flag = cells["sbb_recognised"].casefold()
    if flag and flag not in YES | NO:
        problems.append(
            _("sbb_recognised “%(value)s” is not yes or no.") % {"value": cells["sbb_recognised"]}
        )
    values["sbb_recognised"] = (flag in YES) if flag else None
    values["sbb_valid_until"] = None
    if cells["sbb_valid_until"]:
        try:
            values["sbb_valid_until"] = _date(cells["sbb_valid_until"])
        except ValueError:
            problems.append(
                _("“%(value)s” is not a date; write it as 2026-07-31.")
                % {"value": cells["sbb_valid_until"]}
            )
    if not cells["contact_name"] and any(cells[name] for name in CONTACT_COLUMNS):
        problems.append(_("contact_name is required when other contact columns are filled."))
    if problems:
        return None, problems
    return OrganisationRow(row=row.number, kind=str(values.pop("kind")), **values), []  # type: ignore[arg-type]


def read_organisations(data: bytes) -> Table:
    """The file as a table; ``FileRefused`` for whole-file problems."""
    # Dutch Excel saves CSV with semicolons, English Excel with commas: both are fine here.
    return read_table(
        data,
        required=REQUIRED,
        optional=OPTIONAL,
        delimiter=";",
        other_delimiters=(",",),
        unknown_allowed=False,
    )


def parse_organisations(data: bytes, *, choices: Choices) -> ParseResult[OrganisationRow]:
    """Every row checked on its own and against the rows above it (duplicates in the file)."""
    table = read_organisations(data)
    lookups = {
        "kind": _lookup(choices.kinds),
        "sector": _lookup(choices.sectors),
        "contact_function": _lookup(choices.functions),
    }
    result: ParseResult[OrganisationRow] = ParseResult(rows=len(table.rows))
    by_duo: dict[str, int] = {}
    by_key: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        parsed, problems = _row(row, lookups)
        if parsed is not None:
            if parsed.duo_code and parsed.duo_code in by_duo:
                problems.append(
                    _("Same DUO code as row %(row)s.") % {"row": by_duo[parsed.duo_code]}
                )
            elif parsed.key in by_key:
                problems.append(
                    _("Same kind, name and postcode as row %(row)s.") % {"row": by_key[parsed.key]}
                )
        if problems:
            result.rejected.extend((row.number, problem) for problem in problems)
            continue
        assert parsed is not None
        if parsed.duo_code:
            by_duo[parsed.duo_code] = row.number
        by_key[parsed.key] = row.number
        result.items.append(parsed)
    return result


# --- The downloadable template ----------------------------------------------------------------


def template_rows() -> list[list[str]]:
    return [list(COLUMN_NAMES), [column.example for column in COLUMNS]]


def template_csv() -> bytes:
    """The header and one example row, ``;``-separated, UTF-8 with BOM so Excel reads accents."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in template_rows():
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The same as an Excel workbook, with a second sheet that explains every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "organisations"
    for row in template_rows():
        sheet.append([safe_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.number_format = "@"  # text: keeps postcodes, KvK numbers and phones as typed
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.example) + 2)
    sheet.freeze_panes = "A2"
    explanation = workbook.create_sheet(_("Explanation"))
    explanation.append([_("column"), _("required"), _("what to enter")])
    for cell in explanation[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        explanation.append(
            [column.name, _("yes") if column.required else _("no"), safe_cell(str(column.help))]
        )
    explanation.column_dimensions["A"].width = 18
    explanation.column_dimensions["C"].width = 90
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
