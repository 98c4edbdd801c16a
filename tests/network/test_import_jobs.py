"""Import jobs: stored, queued, run by a worker (``db_worker --batch``), with progress and a
report; a refused file fails with its reason; a check-only job saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from tests.network.test_importers import duo_location, duo_locations_csv
from verbindt.core.models import ImportJob
from verbindt.core.services import regions_ensure_defaults
from verbindt.network.importers.files import MAX_IMPORT_BYTES
from verbindt.network.imports import import_job_create, run_import
from verbindt.network.models import Organisation

# The worker claims tasks in transactions of its own, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    regions_ensure_defaults()
    with translation.override("en"):
        yield


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def create(data: bytes, **kwargs) -> ImportJob:
    arguments = {"kind": "duo-locations", "filename": "vestigingen.csv", "options": {}}
    return import_job_create(data=data, **(arguments | kwargs))


def test_a_queued_job_is_run_by_the_worker_and_ends_with_its_report():
    rows = [duo_location(f"{n:04d}00") for n in range(1000, 1300)]
    job = create(duo_locations_csv(*rows))
    assert job.status == ImportJob.Status.QUEUED
    work()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.report["added"], job.report["saved"]) == (300, True)
    assert (job.processed, job.total, job.percent) == (300, 300, 100)
    assert job.finished_at is not None
    assert Organisation.objects.count() == 300


def test_a_refused_file_fails_with_its_reason_and_writes_nothing():
    job = create(b"PROVINCIE,INSTELLINGSCODE\nOverijssel,99ZZ\n")
    work()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.report == {
        "error": "The columns are separated by commas (,), but this import expects semicolons "
        "(;). Save the file again with semicolons (;) as separator."
    }
    assert not Organisation.objects.exists()


def test_a_check_only_job_is_previewed_and_saves_nothing():
    job = create(duo_locations_csv(duo_location("18BR00")), dry_run=True)
    work()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED
    assert (job.report["added"], job.report["dry_run"], job.report["saved"]) == (1, True, False)
    assert not Organisation.objects.exists()


def test_a_job_runs_once_even_if_queued_twice():
    job = create(duo_locations_csv(duo_location("18BR00")))
    from verbindt.network.tasks import run_import_job

    run_import_job.enqueue(job.pk)
    work()
    job.refresh_from_db()
    assert (job.status, job.report["added"]) == (ImportJob.Status.DONE, 1)


def test_an_unknown_kind_or_a_file_over_50_mb_is_not_stored():
    with pytest.raises(ValidationError) as caught:
        create(b"x", kind="castles")
    assert caught.value.message_dict == {"kind": ["Unknown kind of import “castles”."]}
    with pytest.raises(ValidationError) as caught:
        create(b" " * (MAX_IMPORT_BYTES + 1))
    assert caught.value.message_dict == {
        "content": ["The file is 50 MB; files up to 50 MB can be imported."]
    }
    assert not ImportJob.objects.exists()


def test_progress_is_reported_outside_the_import_s_transaction_so_other_processes_see_it():
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, connection.in_atomic_block))

    rows = [duo_location(f"{n:04d}00") for n in range(1000, 1500)]
    run_import(
        kind="duo-locations", data=duo_locations_csv(*rows), filename="v.csv", progress=progress
    )
    assert seen == [(250, 500, False), (500, 500, False)]
