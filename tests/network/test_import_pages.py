"""The import pages: upload, progress while a worker runs it, report, save after a check."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from verbindt.core.models import ImportJob
from verbindt.network.models import Organisation

# The worker closes its database connection when it is done: real transactions, not a wrapper.
pytestmark = pytest.mark.django_db(transaction=True)

HEADER = (
    "PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;"
    "HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;"
    "TELEFOONNUMMER;INTERNETADRES;ONDERWIJSSTRUCTUUR;VAKANTIEREGIO"
)
ROW = (
    "Overijssel;1;99ZZ;99ZZ00;Het Testcollege;Schoolstraat;1;7411 HP;DEVENTER;0150;DEVENTER;"
    "Openbaar; ; ;VBO/MAVO;Noord"
)


def _upload(client, content: bytes, *, kind="duo-locations", dry_run=False, name="vestigingen.csv"):
    data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/organisations/import/", data)


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_coordinator_uploads_a_file_and_reads_the_report(world, login):
    client = login(world.platform)
    response = _upload(client, f"{HEADER}\n{ROW}\n".encode())
    job = ImportJob.objects.get()
    assert response.url == f"/organisations/import/{job.pk}/"
    waiting = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in waiting  # the page keeps asking while the job waits
    _work()
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' not in page
    assert Organisation.objects.filter(duo_code="99ZZ00").exists()
    job.refresh_from_db()
    assert job.status == "done" and job.report["added"] == 1


def test_a_checked_file_is_saved_only_when_asked(world, login):
    client = login(world.regio)
    _upload(client, f"{HEADER}\n{ROW}\n".encode(), dry_run=True)
    _work()
    checked = ImportJob.objects.get()
    assert checked.status == "previewed"
    assert not Organisation.objects.filter(duo_code="99ZZ00").exists()
    page = client.get(f"/organisations/import/{checked.pk}/").content.decode()
    assert f'action="/organisations/import/{checked.pk}/save/"' in page
    response = client.post(f"/organisations/import/{checked.pk}/save/")
    _work()
    assert Organisation.objects.filter(duo_code="99ZZ00").exists()
    assert response.status_code == 302


def test_a_refused_file_says_why_and_saves_nothing(world, login):
    client = login(world.platform)
    _upload(client, b"PROVINCIE,INSTELLINGSCODE\nOverijssel,99ZZ\n")
    _work()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    page = html.unescape(client.get(f"/organisations/import/{job.pk}/").content.decode())
    assert job.report["error"] in page
    assert not Organisation.objects.filter(duo_code="99ZZ00").exists()


def test_schools_and_institutions_cannot_import(world, login):
    for actor in (world.school, world.docent, world.mbo, world.instelling):
        assert login(actor).get("/organisations/import/").status_code == 403


def test_nobody_sees_someone_elses_import(world, login):
    _upload(login(world.platform), f"{HEADER}\n{ROW}\n".encode())
    job = ImportJob.objects.get()
    assert login(world.regio).get(f"/organisations/import/{job.pk}/").status_code == 404


def test_the_organisations_template_downloads_as_csv_and_excel(world, login):
    client = login(world.regio)
    csv = client.get("/organisations/import/template.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert b"kind" in csv.content.splitlines()[0].lower()
    xlsx = client.get("/organisations/import/template.xlsx")
    assert xlsx.content[:2] == b"PK"
