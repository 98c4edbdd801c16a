"""``verbindt import KIND FILE``: a report on stdout, a progress bar on stderr, and a non-zero
exit (CommandError) with a readable message whenever the file is not imported."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.network.test_importers import (
    duo_location,
    duo_locations_csv,
    exam_row,
    exams_csv,
    organisation_row,
    organisations_csv,
)
from verbindt.core.services import regions_ensure_defaults
from verbindt.network.models import Organisation, ZwCandidateCount


@pytest.fixture(autouse=True)
def english(db):
    regions_ensure_defaults()
    with translation.override("en"):
        yield


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_and_prints_the_report_with_a_progress_bar(tmp_path):
    path = tmp_path / "alle-vestigingen-vo.csv"
    path.write_bytes(
        duo_locations_csv(duo_location("18BR00"), duo_location("20LO00", ONDERWIJSSTRUCTUUR="VWO"))
    )
    out, err = run("duo-locations", path)
    assert "added: 1\nupdated: 0\nunchanged: 0\nrejected: 0" in out
    assert "1 locations without VBO or MAVO were left out" in out
    assert "Saved." in out
    assert "[##############################] 1/1" in err
    out, _err = run("duo-locations", path, "--all")
    assert "added: 1\nupdated: 0\nunchanged: 1" in out


def test_rejected_rows_are_listed_with_their_numbers_and_reasons(tmp_path):
    path = tmp_path / "alle-vestigingen-vo.csv"
    path.write_bytes(
        duo_locations_csv(duo_location("18BR00", POSTCODE="X"), duo_location("20LO00"))
    )
    out, _err = run("duo-locations", path)
    assert "rejected: 1\n  - row 2: Postcode “X” is not a Dutch postcode such as 1234 AB." in out
    assert Organisation.objects.count() == 1


def test_a_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "alle-vestigingen-vo.csv"
    path.write_bytes(duo_locations_csv(duo_location("18BR00")))
    out, _err = run("duo-locations", path, "--dry-run")
    assert "added: 1" in out and "Checked only: nothing was saved." in out
    assert not Organisation.objects.exists()


def test_the_school_year_option_overrides_the_file_name(tmp_path):
    run_path = tmp_path / "alle-vestigingen-vo.csv"
    run_path.write_bytes(duo_locations_csv(duo_location("18BR00")))
    run("duo-locations", run_path)
    path = tmp_path / "examens.csv"
    path.write_bytes(exams_csv(exam_row("18BR00", "KL", "8")))
    run("duo-exams", path, "--school-year", "2025-2026")
    assert ZwCandidateCount.objects.get().school_year.label == "2025-2026"


def test_a_missing_file_exits_with_a_message(tmp_path):
    with pytest.raises(CommandError, match=r"The file .*nowhere\.csv does not exist\."):
        run("duo-locations", tmp_path / "nowhere.csv")


def test_a_refused_file_exits_non_zero_with_the_reason_and_writes_nothing(tmp_path):
    path = tmp_path / "vestigingen.csv"
    path.write_bytes(duo_locations_csv(duo_location("18BR00")).replace(b";", b"\t"))
    with pytest.raises(CommandError) as caught:
        run("duo-locations", path)
    assert str(caught.value) == (
        "vestigingen.csv was not imported: The columns are separated by tabs, but this import "
        "expects semicolons (;). Save the file again with semicolons (;) as separator."
    )
    assert caught.value.returncode == 1
    assert not Organisation.objects.exists()


def test_an_organisations_file_with_a_rejected_row_exits_non_zero_after_the_report(tmp_path):
    path = tmp_path / "organisaties.csv"
    path.write_bytes(
        organisations_csv(organisation_row(), organisation_row(name="Het Nest", kind="school"))
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"1 row was rejected; nothing was saved\."):
        call_command("import", "organisations", str(path), stdout=out, stderr=err)
    assert "row 3: kind “school” is not known" in out.getvalue()
    assert not Organisation.objects.exists()


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as huge:
        huge.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    with pytest.raises(CommandError, match="files up to 50 MB can be imported"):
        run("postcodes", path)
