"""Reading import files, without a database: whole-file refusals, DUO, GeoNames, organisations.

The builders at the top make small files in the real layouts; the other import tests use them.
"""

import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from verbindt.network.importers import duo, geonames, organisations
from verbindt.network.importers.files import (
    MAX_IMPORT_BYTES,
    FileRefused,
    is_formula,
    read_csv_table,
    read_table,
    safe_cell,
)

DUO_HEADER = [
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "ONDERWIJSSTRUCTUUR",
    "VAKANTIEREGIO",
]
OLDER_DUO_HEADER = [
    {"INSTELLINGSCODE": "BRIN NUMMER", "VESTIGINGSCODE": "VESTIGINGSNUMMER"}.get(name, name)
    for name in DUO_HEADER
    if name != "VAKANTIEREGIO"
]
EXAM_HEADER = [
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "INSTELLINGSNAAM VESTIGING",
    "GEMEENTENAAM VESTIGING",
    "PROVINCIE VESTIGING",
    "ONDERWIJSTYPE VO",
    "LEERWEG VMBO",
    "VMBO SECTOR",
    "AFDELING",
    "EXAMENKANDIDATEN",
    "GESLAAGDEN",
    "GEZAKTEN",
    "GEMIDDELD CIJFER SCHOOLEXAMEN",
]


def duo_location(code: str = "18BR00", **cells: str) -> dict[str, str]:
    """One row of alle-vestigingen-vo.csv; empty cells written as DUO does, as one space."""
    row = {
        "PROVINCIE": "Drenthe",
        "BEVOEGD GEZAG NUMMER": "10053",
        "INSTELLINGSCODE": code[:4],
        "VESTIGINGSCODE": code,
        "VESTIGINGSNAAM": f"Scholengemeenschap {code}",
        "STRAATNAAM": "Zwartwatersweg",
        "HUISNUMMER-TOEVOEGING": "202",
        "POSTCODE": "9406 NN",
        "PLAATSNAAM": "ASSEN",
        "GEMEENTENUMMER": "0106",
        "GEMEENTENAAM": "ASSEN",
        "DENOMINATIE": "Openbaar",
        "TELEFOONNUMMER": "0592340973",
        "INTERNETADRES": "www.example.nl",
        "ONDERWIJSSTRUCTUUR": "VBO/MAVO",
        "VAKANTIEREGIO": "Noord",
    }
    row.update(cells)
    return row


def duo_locations_csv(*rows: dict[str, str], older: bool = False, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    header = OLDER_DUO_HEADER if older else DUO_HEADER
    out.write(";".join(header) + "\r\n")
    for row in rows:
        if older:
            row = {
                **row,
                "BRIN NUMMER": row["INSTELLINGSCODE"],
                "VESTIGINGSNUMMER": str(int(row["VESTIGINGSCODE"][4:])),
            }
        out.write(";".join(row.get(name) or " " for name in header) + "\r\n")
    return out.getvalue().encode(encoding)


def exam_row(code: str, leerweg: str, candidates: str, sector: str = "Zorg & Welzijn") -> list:
    return [
        code[:4],
        code,
        "Het Voorbeeldcollege",
        "ASSEN",
        "Drenthe",
        "VMBO",
        leerweg,
        sector,
        "ZWE",
        candidates,
        candidates,
        "0",
        "6,6",
    ]


def exams_csv(*rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(EXAM_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def geonames_row(
    pc4: str,
    place: str = "Assen",
    lat: str = "52.9939",
    lon: str = "6.5625",
    province: str = "Drenthe",
    municipality: str = "Assen Municipality",
    code: str = "0106",
) -> str:
    return "\t".join(["NL", pc4, place, province, "01", municipality, code, "", "", lat, lon, ""])


def geonames_tsv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode()


def organisation_row(**cells: str) -> dict[str, str]:
    row = {
        "kind": "institution",
        "name": "Woonzorgcentrum De Linde",
        "sector": "elderly_care",
        "street": "Lindelaan",
        "house_number": "12",
        "postcode": "7411 AB",
        "place": "Deventer",
    }
    row.update(cells)
    return row


def organisations_csv(*rows: dict[str, str], columns=None, delimiter: str = ";") -> bytes:
    columns = columns or list(organisations.COLUMN_NAMES)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return out.getvalue().encode()


def organisations_xlsx(*rows: dict[str, str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(organisations.COLUMN_NAMES))
    for row in rows:
        sheet.append([row.get(name, "") for name in organisations.COLUMN_NAMES])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


CHOICES = organisations.Choices(
    kinds=[
        ("institution", "care or welfare institution"),
        ("vmbo_location", "vmbo location"),
        ("mbo_college", "mbo college"),
        ("other", "other"),
    ],
    sectors=[("elderly_care", "elderly care"), ("childcare", "childcare"), ("other", "other")],
    functions=[
        ("teacher", "teacher"),
        ("practice_supervisor", "practice trainer"),
        ("other", "other"),
    ],
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(FileRefused) as caught:
        read_csv_table(data, **kwargs)
    return caught.value.message


# --- Whole files ------------------------------------------------------------------------------


def test_a_single_space_reads_as_an_empty_cell_and_rows_are_numbered_as_in_a_spreadsheet():
    table = read_csv_table(b"A;B\r\nx; \r\n\r\ny;z\r\n", required=["A", "B"])
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, {"A": "x", "B": ""}),
        (4, {"A": "y", "B": "z"}),
    ]


def test_column_names_match_regardless_of_case_and_spacing():
    table = read_csv_table(
        b"vestigingscode ; Postcode\n18BR00;9406 NN\n", required=["VESTIGINGSCODE", "POSTCODE"]
    )
    assert table.rows[0].cells == {"VESTIGINGSCODE": "18BR00", "POSTCODE": "9406 NN"}


def test_an_empty_file_is_refused():
    assert refusal(b"") == "The file is empty."
    assert refusal(b"\xef\xbb\xbf \r\n") == "The file is empty."


def test_a_file_with_only_a_header_is_refused():
    assert refusal(b"A;B\r\n", required=["A"]) == "The file has column names but no rows."


def test_a_zip_file_is_refused_when_a_csv_is_expected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("alle-vestigingen-vo.csv", "A;B\n1;2\n")
    assert "This is a zip file" in refusal(buffer.getvalue())


def test_a_binary_file_is_refused():
    assert "This is not a text file" in refusal(b"A;B\n\x00\x01\x02")
    assert "This is not a text file" in refusal(b"%PDF-1.7\n...")


def test_a_file_over_50_mb_is_refused_before_it_is_read():
    message = refusal(b"A;B\n" + b"x" * MAX_IMPORT_BYTES)
    assert message == "The file is 50 MB; files up to 50 MB can be imported."


def test_windows_1252_is_read_like_utf_8():
    text = "A;B\n's-Hertogenbosch;Mariëndael – “Noord”\n"
    utf8 = read_csv_table(text.encode("utf-8"), required=["A"])
    cp1252 = read_csv_table(text.encode("cp1252"), required=["A"])
    assert cp1252.rows == utf8.rows
    assert (utf8.encoding, cp1252.encoding) == ("utf-8", "windows-1252")


def test_a_utf_8_byte_order_mark_is_not_part_of_the_first_column_name():
    table = read_csv_table("A;B\n1;2\n".encode("utf-8-sig"), required=["A"])
    assert table.columns == ["A", "B"]


def test_bytes_that_are_neither_utf_8_nor_windows_1252_are_an_unknown_encoding():
    message = refusal(b"A;B\n\x81\x8d;x\n")
    assert message.startswith("The file's character encoding is not recognised (byte 0x81")


def test_utf_16_is_refused_with_its_name():
    assert "UTF-16" in refusal("A;B\n1;2\n".encode("utf-16"))


@pytest.mark.parametrize(
    ("header", "found"), [(b"A,B,C\n1,2,3\n", "commas (,)"), (b"A\tB\tC\n1\t2\t3\n", "tabs")]
)
def test_a_wrong_separator_is_named_with_the_expected_one(header, found):
    assert refusal(header, required=["A"]) == (
        f"The columns are separated by {found}, but this import expects semicolons (;). "
        "Save the file again with semicolons (;) as separator."
    )


def test_excel_s_separator_hint_line_is_skipped():
    table = read_csv_table(b"sep=;\nA;B\n1;2\n", required=["A", "B"])
    assert table.rows[0].cells == {"A": "1", "B": "2"}


def test_missing_columns_are_named():
    message = refusal(b"A;C\n1;2\n", required=["A", "B", "D"])
    assert message.startswith("The columns B, D are missing.")


def test_of_two_layouts_the_missing_columns_of_the_current_one_are_named_with_the_older():
    message = refusal(
        b"INSTELLINGSCODE;X\n18BR;1\n",
        alternatives=[("INSTELLINGSCODE", "VESTIGINGSCODE"), ("BRIN NUMMER", "VESTIGINGSNUMMER")],
    )
    assert message.startswith(
        "The column VESTIGINGSCODE (or BRIN NUMMER, VESTIGINGSNUMMER) is missing."
    )


def test_a_row_with_more_cells_than_the_header_carries_a_problem():
    table = read_csv_table(b"A;B\n1;2;3\n", required=["A"])
    assert table.rows[0].problem == "the row has 3 cells, the header 2."


# --- Formulas -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","click")',
        "@SUM(A1)",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|x",
        "\t=1+1",
    ],
)
def test_spreadsheet_formulas_are_recognised(value):
    assert is_formula(value)
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-3", "+31 6 1234 5678", "Zorg & Welzijn", "", "3-4"])
def test_numbers_phone_numbers_and_text_are_not_formulas(value):
    assert not is_formula(value)


def test_exports_quote_anything_that_starts_like_a_formula_except_plain_numbers():
    assert safe_cell("-3") == "-3"
    assert safe_cell("+31 6 1234 5678") == "'+31 6 1234 5678"
    assert safe_cell(12) == 12


# --- DUO ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("structure", "vmbo"),
    [
        ("VBO/MAVO/HAVO/VWO", True),
        ("MAVO", True),
        ("VBO/PRO", True),
        ("HAVO/VWO", False),
        ("PRO", False),
        ("BRUGJAAR", False),
    ],
)
def test_a_location_is_vmbo_when_its_structure_includes_vbo_or_mavo(structure, vmbo):
    assert duo.includes_vmbo(structure) is vmbo


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("ASSEN", "Assen"),
        ("'S-HERTOGENBOSCH", "'s-Hertogenbosch"),
        ("S GRAVENHAGE", "'s-Gravenhage"),
        ("ALPHEN AAN DEN RIJN", "Alphen aan den Rijn"),
        ("CAPELLE AAN DEN IJSSEL", "Capelle aan den IJssel"),
        ("TER APEL", "Ter Apel"),
        ("ELST GLD", "Elst GLD"),
        ("HEESWIJK-DINTHER", "Heeswijk-Dinther"),
    ],
)
def test_place_names_are_written_as_people_write_them(raw, written):
    assert duo.title_place(raw) == written


def test_a_location_is_read_with_its_address_municipality_province_and_holiday_region():
    parsed = duo.parse_locations(duo_locations_csv(duo_location("18BR00")))
    assert parsed.rejected == []
    assert parsed.items == [
        duo.DuoLocation(
            row=2,
            code="18BR00",
            brin="18BR",
            name="Scholengemeenschap 18BR00",
            street="Zwartwatersweg",
            house_number="202",
            postcode="9406 NN",
            place="Assen",
            municipality_code="0106",
            municipality_name="Assen",
            province="drenthe",
            holiday_region="noord",
            phone="0592340973",
            website="https://www.example.nl",
            structure="VBO/MAVO",
        )
    ]


def test_the_older_layout_pads_the_location_number_to_two_digits():
    parsed = duo.parse_locations(duo_locations_csv(duo_location("18BR01"), older=True))
    assert [(item.code, item.brin, item.holiday_region) for item in parsed.items] == [
        ("18BR01", "18BR", "")
    ]


def test_only_vbo_and_mavo_locations_are_read_unless_all_are_asked_for():
    data = duo_locations_csv(
        duo_location("18BR00"), duo_location("18BR01", ONDERWIJSSTRUCTUUR="HAVO/VWO")
    )
    assert [item.code for item in duo.parse_locations(data).items] == ["18BR00"]
    assert "1 locations without VBO or MAVO were left out" in duo.parse_locations(data).notes[0]
    assert len(duo.parse_locations(data, include_all=True).items) == 2


def test_a_row_with_a_bad_postcode_or_unknown_holiday_region_is_rejected_with_its_number():
    data = duo_locations_csv(
        duo_location("18BR00", POSTCODE="94O6 NN"), duo_location("18BR01", VAKANTIEREGIO="Oost")
    )
    parsed = duo.parse_locations(data)
    assert parsed.items == []
    assert parsed.rejected == [
        (2, "Postcode “94O6 NN” is not a Dutch postcode such as 1234 AB."),
        (3, "Unknown holiday region “Oost”."),
    ]


def test_a_duo_row_with_a_formula_is_rejected_naming_the_column():
    data = duo_locations_csv(duo_location("18BR00", STRAATNAAM='=HYPERLINK("x")'))
    parsed = duo.parse_locations(data)
    assert parsed.items == []
    assert parsed.rejected == [
        (
            2,
            'column STRAATNAAM holds a spreadsheet formula (=HYPERLINK("x")…); formulas are not '
            "imported, enter the plain value.",
        ),
    ]


def test_a_repeated_location_code_is_rejected():
    data = duo_locations_csv(duo_location("18BR00"), duo_location("18BR00"))
    assert duo.parse_locations(data).rejected == [(3, "Same location code 18BR00 as row 2.")]


def test_a_website_that_is_no_web_address_is_left_out_with_a_note():
    parsed = duo.parse_locations(
        duo_locations_csv(duo_location("18BR00", INTERNETADRES="www.lentiz,nl/vmbo"))
    )
    assert parsed.items[0].website == ""
    assert "www.lentiz,nl/vmbo" in parsed.notes[0]


def test_exam_candidates_are_summed_per_location_and_track_with_under_five_as_four():
    parsed = duo.parse_exam_candidates(
        exams_csv(
            exam_row("18BR00", "BL", "12"),
            exam_row("18BR00", "GL", "<5"),
            exam_row("18BR00", "TL", "20"),
            exam_row("18BR00", "KL", "7", sector="Techniek"),
            exam_row("20LO00", "KL", "<5"),
        )
    )
    assert parsed.rejected == []
    assert parsed.items == [
        duo.ZwCount(code="18BR00", track="bb", candidates=12, under_five=False),
        duo.ZwCount(code="18BR00", track="gl_tl", candidates=24, under_five=True),
        duo.ZwCount(code="20LO00", track="kb", candidates=4, under_five=True),
    ]


def test_an_exam_row_with_an_unreadable_count_is_rejected():
    parsed = duo.parse_exam_candidates(exams_csv(exam_row("18BR00", "BL", "veel")))
    assert parsed.rejected == [(2, "EXAMENKANDIDATEN “veel” is not a number of candidates.")]


def test_the_school_year_is_read_from_duo_s_file_name():
    assert duo.school_year_in_name("examenkandidaten-vo-2024-2025.csv") == "2024-2025"
    assert duo.school_year_in_name("examenkandidaten.csv") is None


# --- GeoNames -----------------------------------------------------------------------------------


def test_postcode_areas_get_dutch_province_values_and_plain_municipality_names():
    parsed = geonames.parse_pc4(
        geonames_tsv(
            geonames_row("9401"),
            geonames_row(
                "5211",
                "'s-Hertogenbosch",
                "51.69",
                "5.30",
                "North Brabant",
                "Gemeente 's-Hertogenbosch",
                "796",
            ),
        )
    )
    assert [
        (a.pc4, a.province, a.municipality_name, a.municipality_code) for a in parsed.items
    ] == [
        ("9401", "drenthe", "Assen", "0106"),
        ("5211", "noord-brabant", "'s-Hertogenbosch", "0796"),
    ]


def test_a_postcode_listed_for_two_places_keeps_the_first():
    parsed = geonames.parse_pc4(
        geonames_tsv(geonames_row("7849", "De Kiel"), geonames_row("7849", "Schoonoord"))
    )
    assert [area.place for area in parsed.items] == ["De Kiel"]
    assert parsed.notes == [
        "1 postcode is listed for more than one place; the first place is used."
    ]


def test_a_postcode_file_with_another_separator_is_refused():
    with pytest.raises(FileRefused, match="separated by semicolons"):
        geonames.parse_pc4(b"NL;9401;Assen;Drenthe;01;Assen;0106;;;52.99;6.56;\n")


def test_a_file_that_is_not_a_geonames_file_is_refused():
    with pytest.raises(FileRefused, match="This is not a GeoNames postal-code file"):
        geonames.parse_pc4(b"pc4\tplace\n9401\tAssen\n")


def test_postcode_rows_with_coordinates_outside_the_netherlands_are_rejected():
    parsed = geonames.parse_pc4(geonames_tsv(geonames_row("9401", lat="48.85", lon="2.35")))
    assert parsed.rejected == [(1, "the coordinates 48.85, 2.35 are outside the Netherlands.")]


# --- Organisations file -------------------------------------------------------------------------


def test_a_row_of_the_organisations_file_is_read_with_normalised_values():
    data = organisations_csv(
        organisation_row(
            postcode="7411ab",
            kind="Care or welfare institution",
            website="www.linde.nl",
            kvk_number="1234 5678",
            sbb_recognised="ja",
            sbb_valid_until="31-07-2026",
            contact_name="Anna de Vries",
            contact_email="Anna@Example.org",
        )
    )
    parsed = organisations.parse_organisations(data, choices=CHOICES)
    assert parsed.rejected == []
    row = parsed.items[0]
    assert (row.kind, row.postcode, row.website, row.kvk_number) == (
        "institution",
        "7411 AB",
        "https://www.linde.nl",
        "12345678",
    )
    assert row.sbb_recognised is True and str(row.sbb_valid_until) == "2026-07-31"
    assert row.contact_email == "anna@example.org"


def test_every_problem_of_a_row_is_listed_with_its_row_number():
    data = organisations_csv(
        organisation_row(),
        organisation_row(name="", kind="hospital", postcode="12345", contact_email="anna@"),
    )
    parsed = organisations.parse_organisations(data, choices=CHOICES)
    assert parsed.rejected == [
        (3, "name is required."),
        (
            3,
            "kind “hospital” is not known; use one of: institution, vmbo_location, mbo_college, "
            "other.",
        ),
        (3, "Postcode “12345” is not a Dutch postcode such as 1234 AB."),
        (3, "“anna@” is not an e-mail address."),
        (3, "contact_name is required when other contact columns are filled."),
    ]


def test_a_formula_cell_is_rejected_naming_row_and_column():
    data = organisations_csv(
        organisation_row(), organisation_row(name='=HYPERLINK("http://evil.example","Linde")')
    )
    parsed = organisations.parse_organisations(data, choices=CHOICES)
    assert parsed.rejected == [
        (
            3,
            'column name holds a spreadsheet formula (=HYPERLINK("http://e…); formulas are not '
            "imported, enter the plain value.",
        ),
    ]


def test_duplicates_inside_the_file_are_rejected():
    data = organisations_csv(
        organisation_row(duo_code="18BR00", kind="vmbo_location"),
        organisation_row(duo_code="18BR00", kind="vmbo_location", name="Other name"),
        organisation_row(name="Woonzorgcentrum de  linde", duo_code=""),
    )
    parsed = organisations.parse_organisations(data, choices=CHOICES)
    assert parsed.rejected == [
        (3, "Same DUO code as row 2."),
    ]
    data = organisations_csv(organisation_row(), organisation_row(name="WOONZORGCENTRUM De Linde"))
    parsed = organisations.parse_organisations(data, choices=CHOICES)
    assert parsed.rejected == [(3, "Same kind, name and postcode as row 2.")]


def test_an_unknown_or_renamed_column_is_refused_with_the_template_s_names():
    columns = ["kind", "naam", "postcode", "place"]
    with pytest.raises(FileRefused) as caught:
        organisations.read_organisations(organisations_csv(organisation_row(), columns=columns))
    assert caught.value.message.startswith("The column name is missing.")
    columns = ["kind", "name", "postcode", "place", "remarks"]
    with pytest.raises(FileRefused) as caught:
        organisations.read_organisations(organisations_csv(organisation_row(), columns=columns))
    assert caught.value.message.startswith("The column remarks is not known.")


def test_only_the_required_columns_are_needed_and_commas_are_fine_too():
    columns = ["kind", "name", "postcode", "place"]
    data = organisations_csv(organisation_row(), columns=columns, delimiter=",")
    assert len(organisations.parse_organisations(data, choices=CHOICES).items) == 1


def test_an_xlsx_workbook_reads_like_the_csv_file():
    row = organisation_row(kvk_number="12345678", sbb_recognised="no")
    from_csv = organisations.parse_organisations(organisations_csv(row), choices=CHOICES)
    from_xlsx = organisations.parse_organisations(organisations_xlsx(row), choices=CHOICES)
    assert from_xlsx.items == from_csv.items


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organisations.csv", "kind;name\n")
    with pytest.raises(FileRefused, match="not an Excel workbook"):
        read_table(buffer.getvalue(), required=["kind"])


def test_both_templates_hold_the_header_and_an_example_row_that_imports_cleanly():
    csv_template = organisations.template_csv()
    assert csv_template.startswith("\ufeffkind;name;sector;".encode())
    xlsx_template = organisations.template_xlsx()
    sheet = load_workbook(io.BytesIO(xlsx_template)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(organisations.COLUMN_NAMES)
    for template in (csv_template, xlsx_template):
        parsed = organisations.parse_organisations(template, choices=CHOICES)
        assert parsed.rejected == [] and len(parsed.items) == 1
