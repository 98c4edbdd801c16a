"""Imports into the registry: what each kind adds, updates and leaves alone, and how bad files
are refused with nothing written."""

import io
import json
import zipfile

import pytest
from django.utils import translation

from tests.network.test_importers import (
    duo_location,
    duo_locations_csv,
    exam_row,
    exams_csv,
    geonames_row,
    geonames_tsv,
    organisation_row,
    organisations_csv,
    organisations_xlsx,
)
from verbindt.core.models import SchoolYear
from verbindt.core.services import regions_ensure_defaults
from verbindt.network.importers.files import MAX_IMPORT_BYTES
from verbindt.network.imports import ImportRefused, ImportReport, run_import
from verbindt.network.models import (
    Contact,
    Location,
    Organisation,
    OrganisationKind,
    PostcodeArea,
    ZwCandidateCount,
)

EXAMS = "examenkandidaten-vo-2024-2025.csv"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def regions(db):
    return regions_ensure_defaults()


def registry() -> dict:
    """Everything an import may write, to compare before and after."""
    return {
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "locations": list(Location.objects.order_by("pk").values()),
        "contacts": list(Contact.objects.order_by("pk").values()),
        "postcodes": list(PostcodeArea.objects.order_by("pk").values()),
        "counts": list(ZwCandidateCount.objects.order_by("pk").values()),
        "school_years": list(SchoolYear.objects.values()),
    }


def duo_import(data: bytes, **kwargs) -> ImportReport:
    return run_import(kind="duo-locations", data=data, filename="alle-vestigingen-vo.csv", **kwargs)


def refused(kind: str, data: bytes, filename: str = "file.csv") -> str:
    before = registry()
    with pytest.raises(ImportRefused) as caught:
        run_import(kind=kind, data=data, filename=filename, options={})
    assert registry() == before, "a refused file must not change the registry"
    return caught.value.message


# --- DUO locations ------------------------------------------------------------------------------


def test_duo_locations_become_vmbo_locations_with_one_main_location(regions):
    report = duo_import(duo_locations_csv(duo_location("18BR00"), duo_location("20LO00")))
    assert (report.added, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    assert report.saved
    org = Organisation.objects.get(duo_code="18BR00")
    assert (org.kind, org.brin, org.region, org.website) == (
        OrganisationKind.VMBO_LOCATION,
        "18BR",
        regions["noord"],
        "https://www.example.nl",
    )
    location = org.locations.get()
    assert (location.postcode, location.place, location.municipality_code) == (
        "9406 NN",
        "Assen",
        "0106",
    )
    assert (location.province, location.holiday_region, location.is_main) == (
        "drenthe",
        "noord",
        True,
    )


def test_a_second_run_of_the_same_file_changes_nothing(regions):
    data = duo_locations_csv(duo_location("18BR00"), duo_location("20LO00"))
    duo_import(data)
    before = registry()
    report = duo_import(data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    assert registry() == before  # updated_at included


def test_a_changed_address_updates_the_location_and_the_organisation_stays(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    org = Organisation.objects.get()
    report = duo_import(
        duo_locations_csv(duo_location("18BR00", POSTCODE="9401SL", PLAATSNAAM="ASSEN"))
    )
    assert (report.added, report.updated) == (0, 1)
    assert Organisation.objects.get().pk == org.pk
    assert org.locations.get().postcode == "9401 SL"


def test_an_organisation_s_own_region_is_not_overwritten_by_its_province(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    Organisation.objects.update(region=regions["oost"])
    duo_import(duo_locations_csv(duo_location("18BR00")))
    assert Organisation.objects.get().region == regions["oost"]


def test_with_all_the_other_locations_come_in_as_other(regions):
    data = duo_locations_csv(
        duo_location("18BR00"), duo_location("20LO00", ONDERWIJSSTRUCTUUR="HAVO/VWO")
    )
    assert duo_import(data).added == 1
    report = duo_import(data, options={"all": True})
    assert (report.added, report.unchanged) == (1, 1)
    assert Organisation.objects.get(duo_code="20LO00").kind == OrganisationKind.OTHER


def test_rows_with_problems_are_rejected_and_the_rest_is_imported(regions):
    report = duo_import(
        duo_locations_csv(duo_location("18BR00", POSTCODE="94O6 NN"), duo_location("20LO00"))
    )
    assert report.rejected == [(2, "Postcode “94O6 NN” is not a Dutch postcode such as 1234 AB.")]
    assert list(Organisation.objects.values_list("duo_code", flat=True)) == ["20LO00"]


def test_the_older_layout_and_windows_1252_import_the_same_registry(regions):
    row = duo_location("18BR00", VESTIGINGSNAAM="Mariëndael – ’t Zand", VAKANTIEREGIO="")
    duo_import(duo_locations_csv(row, older=True, encoding="cp1252"))
    report = duo_import(duo_locations_csv(row))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert Organisation.objects.get().name == "Mariëndael – ’t Zand"


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(regions):
    before = registry()
    report = duo_import(duo_locations_csv(duo_location("18BR00")), dry_run=True)
    assert (report.added, report.dry_run, report.saved) == (1, True, False)
    assert report.notes[0] == "Checked only: nothing was saved."
    assert registry() == before


def test_known_postcode_areas_give_new_locations_their_coordinates(regions):
    PostcodeArea.objects.create(pc4="9406", place="Assen", latitude=52.99, longitude=6.56)
    duo_import(duo_locations_csv(duo_location("18BR00")))
    assert Location.objects.get().latitude == 52.99


def test_progress_is_reported_every_few_hundred_rows_and_at_the_end(regions):
    calls = []
    rows = [duo_location(f"{n:04d}00") for n in range(1000, 1600)]
    duo_import(duo_locations_csv(*rows), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(250, 600), (500, 600), (600, 600)]


# --- DUO exam candidates -----------------------------------------------------------------------


def test_exams_mark_z_and_w_locations_with_their_counts_for_the_school_year(regions):
    duo_import(duo_locations_csv(duo_location("18BR00"), duo_location("20LO00")))
    data = exams_csv(
        exam_row("18BR00", "BL", "12"),
        exam_row("18BR00", "TL", "<5"),
        exam_row("20LO00", "KL", "9", sector="Techniek"),
        exam_row("99XX00", "KL", "30"),
    )
    report = run_import(kind="duo-exams", data=data, filename=EXAMS)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    school = Organisation.objects.get(duo_code="18BR00")
    assert school.teaches_zw
    assert not Organisation.objects.get(duo_code="20LO00").teaches_zw
    counts = school.zw_counts.order_by("track")
    assert [(c.school_year.label, c.track, c.candidates, c.under_five) for c in counts] == [
        ("2024-2025", "bb", 12, False),
        ("2024-2025", "gl_tl", 4, True),
    ]
    assert any(
        "1 Z&W location in the file is not in the registry" in n and "99XX00" in n
        for n in report.notes
    )
    before = registry()
    again = run_import(kind="duo-exams", data=data, filename=EXAMS)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert registry() == before


def test_a_new_exam_file_for_the_same_year_replaces_that_year_s_counts(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    run_import(
        kind="duo-exams",
        data=exams_csv(exam_row("18BR00", "BL", "12"), exam_row("18BR00", "KL", "3")),
        filename=EXAMS,
    )
    report = run_import(
        kind="duo-exams", data=exams_csv(exam_row("18BR00", "BL", "13")), filename=EXAMS
    )
    assert report.updated == 1
    assert list(ZwCandidateCount.objects.values_list("track", "candidates")) == [("bb", 13)]


def test_the_school_year_can_be_given_when_the_file_name_has_none(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    data = exams_csv(exam_row("18BR00", "BL", "12"))
    message = refused("duo-exams", data, filename="examens.csv")
    assert message == (
        "The school year cannot be read from the file name examens.csv; give the school year, "
        "e.g. 2024-2025."
    )
    run_import(
        kind="duo-exams", data=data, filename="examens.csv", options={"school_year": "2023-2024"}
    )
    assert ZwCandidateCount.objects.get().school_year.label == "2023-2024"


# --- Postcodes ----------------------------------------------------------------------------------


def test_postcodes_geocode_every_location_and_list_those_they_cannot(regions):
    duo_import(
        duo_locations_csv(duo_location("18BR00"), duo_location("20LO00", POSTCODE="9999 ZZ"))
    )
    Location.objects.update(municipality_code="", province="")
    report = run_import(
        kind="postcodes",
        data=geonames_tsv(geonames_row("9406"), geonames_row("9401")),
        filename="NL.txt",
    )
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    located = Location.objects.get(postcode="9406 NN")
    assert (located.latitude, located.longitude) == (52.9939, 6.5625)
    assert (located.municipality_code, located.province) == ("0106", "drenthe")
    assert "1 of 2 locations have coordinates (50.0%)." in report.notes
    assert any("Scholengemeenschap 20LO00 (9999 ZZ)" in note for note in report.notes)
    again = run_import(
        kind="postcodes",
        data=geonames_tsv(geonames_row("9406"), geonames_row("9401")),
        filename="NL.txt",
    )
    assert (again.added, again.unchanged) == (0, 2)


# --- Organisations file -------------------------------------------------------------------------


def test_organisations_are_added_with_location_and_contact(regions):
    PostcodeArea.objects.create(
        pc4="7411", place="Deventer", province="overijssel", latitude=52.25, longitude=6.16
    )
    data = organisations_csv(
        organisation_row(contact_name="Anna de Vries", contact_email="anna@example.org"),
        organisation_row(
            name="Kinderopvang Het Nest",
            sector="childcare",
            contact_name="Eva Smit",
            contact_function="practice_supervisor",
        ),
    )
    report = run_import(kind="organisations", data=data, filename="organisaties.csv")
    assert (report.added, report.rejected, report.saved) == (2, [], True)
    nest = Organisation.objects.get(name="Kinderopvang Het Nest")
    assert nest.contacts.get().function == "practice_supervisor"
    linde = Organisation.objects.get(name="Woonzorgcentrum De Linde")
    assert (linde.kind, linde.sector, linde.region) == (
        "institution",
        "elderly_care",
        regions["oost"],
    )
    assert linde.locations.get().latitude == 52.25
    contact = linde.contacts.get()
    assert (contact.name, contact.email, contact.function) == (
        "Anna de Vries",
        "anna@example.org",
        "other",
    )
    assert contact.history.count() == 1


def test_the_same_organisation_in_the_registry_is_updated_not_added(regions):
    data = organisations_csv(organisation_row(phone="0570 123 456"))
    run_import(kind="organisations", data=data, filename="o.csv")
    before = registry()
    report = run_import(kind="organisations", data=data, filename="o.csv")
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert registry() == before
    renamed_case = organisations_csv(organisation_row(name="WOONZORGCENTRUM DE LINDE", phone=""))
    report = run_import(kind="organisations", data=renamed_case, filename="o.csv")
    assert (report.added, report.updated) == (0, 1)
    org = Organisation.objects.get()
    assert (org.name, org.phone) == ("WOONZORGCENTRUM DE LINDE", "0570 123 456")  # empty keeps


def test_a_school_is_found_by_its_duo_code_even_after_it_moved(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    data = organisations_csv(
        organisation_row(
            kind="vmbo_location",
            duo_code="18BR00",
            name="Nieuwe naam",
            sector="",
            postcode="9401 SL",
            contact_name="Bram Jansen",
            contact_function="teacher",
        )
    )
    report = run_import(kind="organisations", data=data, filename="o.csv")
    assert (report.added, report.updated) == (0, 1)
    org = Organisation.objects.get()
    assert (org.name, org.locations.get().postcode) == ("Nieuwe naam", "9401 SL")
    assert org.contacts.get().function == "teacher"


def test_a_duo_code_of_another_kind_of_organisation_is_rejected(regions):
    duo_import(duo_locations_csv(duo_location("18BR00")))
    report = run_import(
        kind="organisations",
        data=organisations_csv(organisation_row(duo_code="18BR00")),
        filename="o.csv",
    )
    assert report.rejected == [
        (
            2,
            "DUO code 18BR00 belongs to Scholengemeenschap 18BR00, which is a vmbo location in "
            "the registry.",
        )
    ]


def test_one_rejected_row_means_nothing_is_saved_and_every_rejected_row_is_listed(regions):
    before = registry()
    data = organisations_csv(
        organisation_row(),
        organisation_row(name="Thuiszorg Dichtbij", postcode="74"),
        organisation_row(name="Kinderopvang Het Nest", contact_name="Eva", contact_email="eva@"),
    )
    report = run_import(kind="organisations", data=data, filename="o.csv")
    assert [row for row, _reason in report.rejected] == [3, 4]
    assert (report.added, report.saved) == (1, False)
    assert report.notes[0] == (
        "Nothing was saved: 2 rows need correcting. Correct them and import the file again."
    )
    assert registry() == before


def test_a_formula_in_a_cell_is_refused_naming_row_and_column_and_nothing_is_written(regions):
    before = registry()
    data = organisations_csv(
        organisation_row(),
        organisation_row(name="Thuiszorg", website='=HYPERLINK("http://evil.example","site")'),
    )
    report = run_import(kind="organisations", data=data, filename="o.csv")
    assert report.rejected == [
        (
            3,
            'column website holds a spreadsheet formula (=HYPERLINK("http://e…); formulas are '
            "not imported, enter the plain value.",
        ),
    ]
    assert not report.saved
    assert registry() == before


def test_an_xlsx_workbook_imports_like_a_csv_file(regions):
    report = run_import(
        kind="organisations", data=organisations_xlsx(organisation_row()), filename="o.xlsx"
    )
    assert (report.added, report.saved) == (1, True)


# --- Whole files refused, nothing written ------------------------------------------------------


def test_a_file_with_the_wrong_separator_is_refused(regions):
    data = duo_locations_csv(duo_location("18BR00")).replace(b";", b",")
    assert refused("duo-locations", data) == (
        "The columns are separated by commas (,), but this import expects semicolons (;). "
        "Save the file again with semicolons (;) as separator."
    )


def test_a_file_with_a_renamed_column_is_refused_naming_it(regions):
    data = duo_locations_csv(duo_location("18BR00")).replace(b"POSTCODE;", b"PC;", 1)
    assert refused("duo-locations", data).startswith("The column POSTCODE is missing.")


def test_a_file_with_missing_columns_is_refused_naming_them(regions):
    assert refused("duo-exams", b"VESTIGINGSCODE;LEERWEG VMBO\n18BR00;BL\n", EXAMS) == (
        "The columns VMBO SECTOR, EXAMENKANDIDATEN, INSTELLINGSCODE (or BRIN NUMMER, "
        "VESTIGINGSNUMMER) are missing. Check that the first row holds the column names, "
        "unchanged."
    )


def test_a_file_in_an_unknown_encoding_is_refused(regions):
    data = duo_locations_csv(duo_location("18BR00")).replace(b"Zwartwatersweg", b"Zwart\x81\x90weg")
    assert refused("duo-locations", data).startswith(
        "The file's character encoding is not recognised (byte 0x81 at position"
    )


@pytest.mark.parametrize("kind", ["duo-locations", "duo-exams", "postcodes", "organisations"])
def test_an_empty_file_is_refused(regions, kind):
    assert refused(kind, b"", EXAMS) == "The file is empty."


def test_a_binary_file_is_refused(regions):
    assert refused("postcodes", b"\x7fELF\x02\x01\x01\x00\x00\x00").startswith(
        "This is not a text file."
    )


def test_a_zip_file_is_refused(regions):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("alle-vestigingen-vo.csv", duo_locations_csv(duo_location("18BR00")))
    assert refused("duo-locations", buffer.getvalue()).startswith("This is a zip file")
    assert "not an Excel workbook" in refused("organisations", buffer.getvalue())


def test_a_file_over_50_mb_is_refused(regions):
    data = duo_locations_csv(duo_location("18BR00")) + b" " * MAX_IMPORT_BYTES
    assert refused("duo-locations", data) == "The file is 50 MB; files up to 50 MB can be imported."


def test_an_unknown_kind_of_import_is_refused(db):
    assert refused("castles", b"x").startswith("Unknown kind of import “castles”")


# --- The report --------------------------------------------------------------------------------


def test_the_report_survives_a_trip_through_json():
    report = ImportReport(
        kind="organisations",
        added=1,
        updated=2,
        unchanged=3,
        rejected=[(4, "name is required."), (None, "9401: place: too long")],
        notes=["n"],
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data["rejected"][0] == {"row": 4, "reason": "name is required."}
    assert ImportReport.from_dict(data) == report
