"""The real DUO and GeoNames files (``../shared/data``), counted independently with ``csv``."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from django.utils import translation

from verbindt.core.services import regions_ensure_defaults
from verbindt.network.importers import duo
from verbindt.network.imports import run_import
from verbindt.network.models import Location, Organisation, OrganisationKind, ZwCandidateCount

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LOCATIONS = DATA / "duo" / "alle-vestigingen-vo.csv"
EXAMS = DATA / "duo" / "examenkandidaten-vo-2024-2025.csv"
POSTCODES = DATA / "geo" / "geonames-NL-pc4.tsv"

pytestmark = pytest.mark.skipif(
    not LOCATIONS.exists(), reason=f"the shared real data is not at {DATA}"
)


def needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} is not in {path.parent}")


@pytest.fixture(autouse=True)
def english(db):
    regions_ensure_defaults()
    with translation.override("en"):
        yield


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def qualifying_codes() -> set[str]:
    return {
        row["VESTIGINGSCODE"]
        for row in rows(LOCATIONS)
        if {"VBO", "MAVO"} & set(row["ONDERWIJSSTRUCTUUR"].split("/"))
    }


def import_locations(data: bytes | None = None, **options):
    data = LOCATIONS.read_bytes() if data is None else data
    return run_import(kind="duo-locations", data=data, filename=LOCATIONS.name, options=options)


def test_every_vbo_or_mavo_location_is_imported_once():
    expected = qualifying_codes()
    report = import_locations()
    assert report.rejected == []
    assert report.added == len(expected) == 1190
    assert set(Organisation.objects.values_list("duo_code", flat=True)) == expected
    assert Location.objects.count() == len(expected)
    assert not Organisation.objects.exclude(kind=OrganisationKind.VMBO_LOCATION).exists()


def test_with_all_every_location_is_imported():
    report = import_locations(all=True)
    assert report.added == len(rows(LOCATIONS)) == 1630


def test_re_importing_the_file_is_a_no_op():
    import_locations()
    before = list(Organisation.objects.order_by("pk").values())
    report = import_locations()
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1190)
    assert list(Organisation.objects.order_by("pk").values()) == before


def test_a_windows_1252_copy_imports_identically():
    text = LOCATIONS.read_text(encoding="utf-8")
    cp1252 = text.encode("cp1252")  # DUO's own encoding
    assert cp1252 != text.encode("utf-8")
    utf8_items = duo.parse_locations(LOCATIONS.read_bytes()).items
    assert duo.parse_locations(cp1252).items == utf8_items
    import_locations()
    report = import_locations(cp1252)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1190)


def test_exams_mark_the_z_and_w_locations_and_list_those_the_registry_lacks():
    needs(EXAMS)
    import_locations()
    known = set(Organisation.objects.values_list("duo_code", flat=True))
    candidates: dict[str, int] = defaultdict(int)
    for row in rows(EXAMS):
        if row["VMBO SECTOR"] == "Zorg & Welzijn":
            count = row["EXAMENKANDIDATEN"]
            candidates[row["VESTIGINGSCODE"]] += 4 if count == "<5" else int(count)
    zw = set(candidates)
    report = run_import(kind="duo-exams", data=EXAMS.read_bytes(), filename=EXAMS.name)
    assert report.rejected == []
    teaching = set(Organisation.objects.filter(teaches_zw=True).values_list("duo_code", flat=True))
    assert teaching == zw & known
    assert len(zw) == 781 and len(zw - known) == 8
    unknown_note = next(note for note in report.notes if "not in the registry" in note)
    assert all(code in unknown_note for code in zw - known)
    stored = sum(ZwCandidateCount.objects.values_list("candidates", flat=True))
    assert stored == sum(candidates[code] for code in zw & known)


def test_postcodes_geocode_nearly_every_location():
    needs(POSTCODES)
    import_locations()
    report = run_import(kind="postcodes", data=POSTCODES.read_bytes(), filename=POSTCODES.name)
    with POSTCODES.open(encoding="utf-8") as file:
        pc4s = {line.split("\t")[1] for line in file if line.strip()}
    assert report.added == len(pc4s)
    located = Location.objects.filter(latitude__isnull=False).count()
    share = located / Location.objects.count()
    print(f"geocoded {located} of {Location.objects.count()} locations ({share:.1%})")
    assert share >= 0.95
    assert any(f"{located} of 1190 locations have coordinates" in note for note in report.notes)
    again = run_import(kind="postcodes", data=POSTCODES.read_bytes(), filename=POSTCODES.name)
    assert (again.added, again.updated) == (0, 0)
