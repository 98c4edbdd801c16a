"""Any table as a CSV or XLSX download: one function for every export in the product."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_bytes(fmt: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    if fmt == "csv":
        text = io.StringIO()
        # The BOM and semicolons make Dutch Excel open the file with the right columns.
        writer = csv.writer(text, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_response(
    fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A download of the table; an unknown format is a 404, like any unknown address."""
    if fmt not in FORMATS:
        raise Http404(fmt)
    response = HttpResponse(table_bytes(fmt, headers, rows), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
