"""Import times on SQLite: the real DUO and GeoNames files and a generated organisations file.

Run from the project root; it makes its own SQLite database in a temporary folder, migrates
it and removes it afterwards:

    .venv/bin/python bench/bench_imports.py [--rows 20000] [--data ../shared/data]

Each step is one ``run_import`` call as the CLI and the worker make it (parse, compare, write
in one transaction) and is timed with the wall clock. Figures go in bench/README.md.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PREFIXES = ["Woonzorgcentrum", "Zorgcentrum", "Kinderopvang", "Thuiszorg", "Stichting",
            "Gezondheidscentrum", "Jeugdzorg", "Welzijn", "Sportcentrum", "Kapsalon"]  # fmt: skip
NAMES = ["De Linde", "Het Anker", "De Eik", "Zonnehof", "De Wilgen", "Het Baken", "De Brug",
         "Rivierduin", "De Horst", "Veldzicht", "Het Nest", "De Hoeve", "Oosterpoort"]  # fmt: skip
SECTORS = ["elderly_care", "disability_care", "childcare", "hospital", "mental_health",
           "youth_care", "home_care", "welfare", "sport", "beauty", "other"]  # fmt: skip
FIRST = ["Anna", "Bram", "Daan", "Eva", "Fleur", "Lars", "Noor", "Sanne", "Thijs", "Yara"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]


def organisations_file(rows: int, places: list[tuple[str, str]]) -> bytes:
    """``rows`` institutions with distinct names, real postcodes and half with a contact."""
    from verbindt.network.importers.organisations import COLUMN_NAMES

    rng = random.Random(42)  # test data, not secrets
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for n in range(rows):
        pc4, place = rng.choice(places)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        row = {
            "kind": "institution",
            "name": f"{rng.choice(PREFIXES)} {rng.choice(NAMES)} {n + 1}",
            "sector": rng.choice(SECTORS),
            "kvk_number": f"{10_000_000 + n}",
            "website": f"https://www.instelling{n + 1}.nl",
            "phone": f"0{rng.randint(100_000_000, 999_999_999)}",
            "sbb_recognised": rng.choice(["yes", "no"]),
            "street": "Dorpsstraat",
            "house_number": str(rng.randint(1, 300)),
            "postcode": f"{pc4} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMN')}",
            "place": place,
        }
        if n % 2 == 0:
            row |= {
                "contact_name": f"{first} {last}",
                "contact_function": "practice_supervisor",
                "contact_email": f"{first.lower()}.{n}@instelling{n + 1}.nl",
            }
        writer.writerow([row.get(name, "") for name in COLUMN_NAMES])
    return out.getvalue().encode()


def as_xlsx(data: bytes) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for record in csv.reader(io.StringIO(data.decode()), delimiter=";"):
        sheet.append(record)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="verbindt-bench-imports-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="verbindt.config.settings",
        DATABASE_URL=f"sqlite:///{folder.name}/bench.sqlite3",
        SECRET_KEY="bench-only",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from verbindt.network.imports import run_import

    translation.activate("en")
    call_command("migrate", verbosity=0)

    figures: list[tuple[str, int, str, float]] = []

    def step(label: str, kind: str, data: bytes, filename: str, **options: object) -> None:
        dry_run = bool(options.pop("dry_run", False))
        started = time.perf_counter()
        report = run_import(
            kind=kind, data=data, filename=filename, options=options, dry_run=dry_run
        )
        seconds = time.perf_counter() - started
        outcome = f"+{report.added} ~{report.updated} ={report.unchanged} !{len(report.rejected)}"
        figures.append((label, report.rows, outcome, seconds))
        print(f"{label:<44} {report.rows:>7} rows  {outcome:<26} {seconds:6.2f} s", flush=True)

    duo_dir, geo_dir = args.data / "duo", args.data / "geo"
    locations = duo_dir / "alle-vestigingen-vo.csv"
    exams = duo_dir / "examenkandidaten-vo-2024-2025.csv"
    postcodes = geo_dir / "geonames-NL-pc4.tsv"
    places = [("7411", "Deventer"), ("9401", "Assen"), ("3511", "Utrecht"), ("5911", "Venlo")]
    if locations.exists():
        data = locations.read_bytes()
        step("DUO locations, first import (VBO/MAVO)", "duo-locations", data, locations.name)
        step("DUO locations, same file again", "duo-locations", data, locations.name)
        cp1252 = data.decode("utf-8").encode("cp1252")
        step("DUO locations, Windows-1252 copy", "duo-locations", cp1252, locations.name)
        step("DUO locations, --all", "duo-locations", data, locations.name, all=True)
    if exams.exists():
        step("DUO exam candidates 2024-2025", "duo-exams", exams.read_bytes(), exams.name)
    if postcodes.exists():
        data = postcodes.read_bytes()
        step("GeoNames PC4 + geocoding every location", "postcodes", data, postcodes.name)
        places = [(line.split("\t")[1], line.split("\t")[2]) for line in data.decode().splitlines()]

    generated = organisations_file(args.rows, places)
    name = "organisaties.csv"
    step(f"organisations CSV, {args.rows} rows, dry run", "organisations", generated, name,
         dry_run=True)  # fmt: skip
    step(f"organisations CSV, {args.rows} rows, first import", "organisations", generated, name)
    step(f"organisations CSV, {args.rows} rows, again", "organisations", generated, name)
    workbook = as_xlsx(generated)
    step(f"organisations XLSX, {args.rows} rows, again", "organisations", workbook, "o.xlsx")
    folder.cleanup()


if __name__ == "__main__":
    main()
