"""``verbindt report``: the monitor's tables on the command line."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_levels_as_csv_on_stdout(known, capsys):
    call_command("report", "levels", "--school-year", "2025-2026")
    rows = rows_of(capsys.readouterr().out)
    assert rows[0][:3] == ["Schooljaar", "Regio", "nog geen samenwerking"]
    oost = next(row for row in rows if row[1] == "Oost")
    assert oost[2:6] == ["0", "1", "0", "1"]
    assert rows[-1][1] == "Nederland" and rows[-1][6] == "3"


def test_bottlenecks_for_a_region_as_excel(known, tmp_path, capsys):
    out = tmp_path / "knelpunten.xlsx"
    call_command(
        "report",
        "bottlenecks",
        "--school-year",
        "2025-2026",
        "--region",
        "oost",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    sheet = load_workbook(out).active
    named = {row[2]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert named["communicatie"] == 2 and named["vervoer"] == 0  # Zuid's transport is not here
    assert not list(tmp_path.glob("*.part"))


def test_forms_for_a_form(known, capsys):
    call_command("report", "forms", "--school-year", "2025-2026", "--form", "internship")
    rows = rows_of(capsys.readouterr().out)
    assert [row[2:] for row in rows[1:]] == [["stage / blokstage", "1", "1", "5"]]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--region", "atlantis"], "--region: Er is geen regio atlantis."),
        (["--school-year", "1999-2000"], "--school-year"),
        (["--format", "xlsx"], "-o FILE.xlsx"),
    ],
)
def test_bad_arguments_are_named_and_nothing_is_written(known, tmp_path, args, message):
    with pytest.raises(CommandError) as error:
        call_command("report", "levels", *args)
    assert message in str(error.value)


def test_the_report_as_pdf_for_a_region(known, tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "stand.pdf"
    call_command("report", "pdf", "--school-year", "2025-2026", "--region", "oost", "-o", str(out))
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Stand van de samenwerking" in text and "Oost" in text and "2025-2026" in text
    assert "7/7" in capsys.readouterr().err  # the progress bar reached its last step


def test_a_pdf_needs_a_file(known):
    with pytest.raises(CommandError, match=r"-o FILE\.pdf"):
        call_command("report", "pdf")
