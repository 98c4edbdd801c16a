"""Whole-file checks and table reading shared by every import, and spreadsheet-formula safety.

A file is refused as a whole (``FileRefused``) when it cannot be the file the user meant:
empty, too large, binary or zipped, in an unknown encoding, with the wrong separator or
without the expected columns. Problems in single rows are for the specific importer.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_IMPORT_BYTES = 50 * 1024 * 1024
# Far beyond any real registry file; stops a small zip that unpacks into millions of rows.
MAX_IMPORT_ROWS = 200_000

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Bytes that no text file starts with: old Excel/Word (OLE), PDF, gzip, 7-zip, RAR.
BINARY_MAGIC = (b"\xd0\xcf\x11\xe0", b"%PDF", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

SEPARATOR_NAMES = {
    ";": lambda: _("semicolons (;)"),
    ",": lambda: _("commas (,)"),
    "\t": lambda: _("tabs"),
    "|": lambda: _("vertical bars (|)"),
}

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
# "+31 6 1234 5678" or "-" starts like a formula but cannot do anything in a spreadsheet;
# refusing phone numbers would only annoy people.
HARMLESS_SIGNED = re.compile(r"^[+-][\d\s().\-/]*$")

T = TypeVar("T")


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``message`` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Row:
    """One data row. ``number`` is the row as a spreadsheet shows it: the header is row 1."""

    number: int
    cells: dict[str, str]
    problem: str = ""


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    encoding: str


@dataclass
class ParseResult(Generic[T]):
    """What a parser made of a file: the good items and, per row, what was wrong."""

    items: list[T] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0


# --- Whole-file checks ----------------------------------------------------------------------


def size_problem(size: int) -> str | None:
    """The message for a file of ``size`` bytes that is too large, else None."""
    if size <= MAX_IMPORT_BYTES:
        return None
    return _("The file is %(size)s MB; files up to %(limit)s MB can be imported.") % {
        "size": f"{size / 1024 / 1024:.0f}",
        "limit": MAX_IMPORT_BYTES // 1024 // 1024,
    }


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def check_file(data: bytes, *, zip_allowed: bool = False) -> None:
    """Refuse files that are empty, too large, zipped (unless allowed) or binary."""
    problem = size_problem(len(data))
    if problem:
        raise FileRefused(problem)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileRefused(_("The file is empty."))
    if is_zip(data) and not zip_allowed:
        raise FileRefused(
            _(
                "This is a zip file (a compressed folder or an Excel workbook), not a CSV "
                "file. Unpack it, or open it in a spreadsheet and save it as CSV."
            )
        )
    if data.startswith(UTF16_BOMS):
        raise FileRefused(
            _(
                "The file is in UTF-16, a character encoding this import does not read. "
                "Save it as CSV in UTF-8 or Windows-1252."
            )
        )
    if not is_zip(data) and (data.startswith(BINARY_MAGIC) or b"\x00" in data[:65536]):
        raise FileRefused(
            _("This is not a text file. Open it in a spreadsheet and save it as CSV.")
        )


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding: UTF-8 (with or without BOM), else Windows-1252.

    DUO publishes Windows-1252; people re-save as UTF-8. Any byte sequence that is neither
    (cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined) is refused rather than guessed.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise FileRefused(
            _(
                "The file's character encoding is not recognised (byte 0x%(byte)s at "
                "position %(position)s). Save it as CSV in UTF-8 or Windows-1252."
            )
            % {"byte": f"{data[exc.start]:02X}", "position": exc.start}
        ) from exc


def separator_problem(first_line: str, delimiters: Sequence[str]) -> str | None:
    """A message when the first line is split by another separator than the expected ones."""
    if any(d in first_line for d in delimiters):
        return None
    for found in SEPARATOR_NAMES:
        if found not in delimiters and found in first_line:
            return _(
                "The columns are separated by %(found)s, but this import expects "
                "%(expected)s. Save the file again with %(expected)s as separator."
            ) % {"found": SEPARATOR_NAMES[found](), "expected": SEPARATOR_NAMES[delimiters[0]]()}
    return None


def read_rows(
    data: bytes, *, delimiter: str = ";", other_delimiters: Sequence[str] = ()
) -> tuple[Iterator[list[str]], str]:
    """Checked, decoded CSV records (header included) and the encoding."""
    check_file(data)
    text, encoding = decode(data)
    first_line, _newline, rest = text.partition("\n")
    if re.fullmatch(r"\s*sep=.\s*", first_line):  # Excel's hint line, not a header
        text = rest
        first_line = text.partition("\n")[0]
    delimiters = [delimiter, *other_delimiters]
    problem = separator_problem(first_line, delimiters)
    if problem:
        raise FileRefused(problem)
    chosen = next((d for d in delimiters if d in first_line), delimiter)
    return _records(csv.reader(io.StringIO(text, newline=""), delimiter=chosen)), encoding


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    number = 1
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_IMPORT_ROWS + 1:
                raise FileRefused(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": MAX_IMPORT_ROWS}
                )
            yield record
    except csv.Error as exc:
        raise FileRefused(
            _("Row %(row)s cannot be read: %(error)s") % {"row": number, "error": exc}
        ) from exc


# --- Tables with a header ---------------------------------------------------------------------


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _check_columns(
    header: list[str],
    *,
    required: Sequence[str],
    alternatives: Sequence[Sequence[str]],
    optional: Sequence[str],
    unknown_allowed: bool,
) -> dict[int, str]:
    """Index → canonical column name; refuses a header that lacks expected columns."""
    canonical = {_key(name): name for name in required}
    for group in alternatives:
        canonical.update({_key(name): name for name in group})
    canonical.update({_key(name): name for name in optional})
    positions: dict[int, str] = {}
    for index, name in enumerate(header):
        clean = " ".join(name.split())
        if clean:
            positions.setdefault(index, canonical.get(_key(clean), clean))
    present = set(positions.values())
    missing = [name for name in required if name not in present]
    if alternatives and not any(all(c in present for c in group) for group in alternatives):
        first, *others = alternatives
        missing_first = ", ".join(c for c in first if c not in present)
        for other in others:
            missing_first = _("%(columns)s (or %(alternative)s)") % {
                "columns": missing_first,
                "alternative": ", ".join(other),
            }
        missing.append(missing_first)
    if missing:
        raise FileRefused(
            ngettext(
                "The column %(columns)s is missing.",
                "The columns %(columns)s are missing.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
            + " "
            + _("Check that the first row holds the column names, unchanged.")
        )
    if not unknown_allowed:
        known = set(canonical.values())
        unknown = [name for name in positions.values() if name not in known]
        if unknown:
            raise FileRefused(
                ngettext(
                    "The column %(columns)s is not known.",
                    "The columns %(columns)s are not known.",
                    len(unknown),
                )
                % {"columns": ", ".join(unknown)}
                + " "
                + _("Use the column names of the template: %(names)s.")
                % {"names": ", ".join(canonical.values())}
            )
    return positions


def _table(
    records: Iterator[list[str]],
    *,
    encoding: str,
    required: Sequence[str],
    alternatives: Sequence[Sequence[str]],
    optional: Sequence[str],
    unknown_allowed: bool,
) -> Table:
    header = next(records, None)
    if header is None:
        raise FileRefused(_("The file is empty."))
    positions = _check_columns(
        header,
        required=required,
        alternatives=alternatives,
        optional=optional,
        unknown_allowed=unknown_allowed,
    )
    width = len(header)
    rows = []
    for number, record in enumerate(records, start=2):
        # Surrounding spaces carry no meaning; DUO writes an empty cell as a single space.
        values = [value.strip() for value in record]
        if not any(values):
            continue
        cells = {
            name: values[index] if index < len(values) else "" for index, name in positions.items()
        }
        problem = ""
        if any(values[width:]):
            problem = _("the row has %(cells)s cells, the header %(columns)s.") % {
                "cells": len(values),
                "columns": width,
            }
        rows.append(Row(number=number, cells=cells, problem=problem))
    if not rows:
        raise FileRefused(_("The file has column names but no rows."))
    return Table(columns=[positions[i] for i in sorted(positions)], rows=rows, encoding=encoding)


def read_csv_table(
    data: bytes,
    *,
    required: Sequence[str] = (),
    alternatives: Sequence[Sequence[str]] = (),
    optional: Sequence[str] = (),
    delimiter: str = ";",
    other_delimiters: Sequence[str] = (),
    unknown_allowed: bool = True,
) -> Table:
    """A CSV file with a header row → a ``Table``; ``FileRefused`` for whole-file problems.

    ``required`` columns must all be present; of ``alternatives`` (groups of columns, the
    current layout first) one group must be complete. Column names match case-insensitively
    and the cells are keyed by the names given here.
    """
    records, encoding = read_rows(data, delimiter=delimiter, other_delimiters=other_delimiters)
    return _table(
        records,
        encoding=encoding,
        required=required,
        alternatives=alternatives,
        optional=optional,
        unknown_allowed=unknown_allowed,
    )


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx_records(data: bytes) -> Iterator[list[str]]:
    """The first sheet of an XLSX workbook as text records; formulas come through as text."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only=False: a formula cell reads as "=…", so it can be refused, not evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            _(
                "This is a zip file but not an Excel workbook (.xlsx). Upload the CSV or XLSX "
                "file itself."
            )
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_IMPORT_ROWS + 1:
                raise FileRefused(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": MAX_IMPORT_ROWS}
                )
            yield [_xlsx_text(value) for value in values]
    finally:
        workbook.close()


def read_table(
    data: bytes,
    *,
    required: Sequence[str] = (),
    alternatives: Sequence[Sequence[str]] = (),
    optional: Sequence[str] = (),
    delimiter: str = ";",
    other_delimiters: Sequence[str] = (),
    unknown_allowed: bool = True,
) -> Table:
    """Like ``read_csv_table``, but an XLSX workbook (recognised by its content) is read too."""
    if not is_zip(data):
        return read_csv_table(
            data,
            required=required,
            alternatives=alternatives,
            optional=optional,
            delimiter=delimiter,
            other_delimiters=other_delimiters,
            unknown_allowed=unknown_allowed,
        )
    check_file(data, zip_allowed=True)
    return _table(
        read_xlsx_records(data),
        encoding="xlsx",
        required=required,
        alternatives=alternatives,
        optional=optional,
        unknown_allowed=unknown_allowed,
    )


# --- Spreadsheet formulas ---------------------------------------------------------------------


def is_formula(value: str) -> bool:
    """True when a spreadsheet would run ``value`` as a formula (``=HYPERLINK(…)``, ``@SUM``).

    Plain numbers and phone numbers (``-3``, ``+31 6 1234 5678``) are not formulas.
    """
    if not value.startswith(FORMULA_START):
        return False
    return not (value[0] in "+-" and HARMLESS_SIGNED.match(value))


def formula_problem(column: str, value: str) -> str:
    """The rejection reason for a cell that holds a formula."""
    start = value.strip()[:20]
    return _(
        "column %(column)s holds a spreadsheet formula (%(start)s…); formulas are not "
        "imported, enter the plain value."
    ) % {"column": column, "start": start}


def formula_problems(row: Row) -> list[str]:
    return [formula_problem(name, value) for name, value in row.cells.items() if is_formula(value)]


def safe_cell(value: object) -> object:
    """A value for an export cell that no spreadsheet will run: formula-like text gets ``'``.

    Stricter than ``is_formula``: anything starting with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return is prefixed, except plain numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value
