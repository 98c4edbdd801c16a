"""The registry's list page and API with 20,000 institutions, beside a trivial page.

Run from the project root (it makes its own SQLite database in a temporary folder and serves
it with gunicorn and the product's settings file, 2 workers, on 127.0.0.1:8731; see server.py):

    .venv/bin/python bench/bench_registry.py [--organisations 20000] [--requests 200]

It prints the queries per page for two page sizes (they must be equal) and p50/p95/max
latency of: /healthz (trivial: one SELECT 1), the list page, the list page with a search,
the map page, and the API list. Figures go in bench/README.md.
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from server import COLUMNS, bench_env, fill, login, serve, summary, timed

PORT = 8731


def _fill(count: int) -> None:
    """Runs inside a child process with the bench settings."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verbindt.accounts.models import Role
    from verbindt.accounts.services import api_token_create, membership_create, user_create
    from verbindt.core.models import Region
    from verbindt.network.models import Location, Organisation

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    regions = list(Region.objects.all())
    places = ["Deventer", "Zwolle", "Utrecht", "Venlo", "Assen", "Haarlem", "Breda", "Emmen"]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Zorginstelling {i:05d} {places[i % len(places)]}",
            kind="institution",
            sector="elderly_care",
            region=regions[i % len(regions)],
        )
        for i in range(count)
    )
    Location.objects.bulk_create(
        Location(
            organisation=o,
            street="Dorpsstraat",
            house_number=str(i % 300 + 1),
            postcode=f"{1000 + i % 8999} AB",
            place=places[i % len(places)],
            latitude=51 + (i % 200) / 100,
            longitude=4 + (i % 300) / 100,
        )
        for i, o in enumerate(organisations)
    )
    platform = Organisation.objects.create(name="Platform", kind="other")
    user = user_create(username="bench", password="bench-password-123")
    membership_create(user=user, organisation=platform, role=Role.PLATFORM_COORDINATOR)
    _, token = api_token_create(user=user, name="bench")
    Path(os.environ["BENCH_TOKEN_FILE"]).write_text(token)

    from django.test import Client

    client = Client()
    client.force_login(user)
    for label, url in (
        ("list page, 50 rows", "/organisations/?page=3"),
        ("list page, 7 rows (a search)", "/organisations/?q=00001"),
        ("API, 10 rows", "/api/v1/organisations?page_size=10"),
        ("API, 100 rows", "/api/v1/organisations?page_size=100"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        print(f"queries for {label}: {len(queries)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fill-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_only:
        _fill(args.organisations)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **bench_env(Path(tmp) / "bench.sqlite3", PORT),
            "BENCH_TOKEN_FILE": str(Path(tmp) / "token"),
        }
        started = time.perf_counter()
        fill(env, __file__, "--organisations", str(args.organisations))
        print(f"filled {args.organisations} organisations in {time.perf_counter() - started:.1f} s")
        auth = {"Authorization": f"Bearer {(Path(tmp) / 'token').read_text()}"}
        with serve(env, PORT):
            opener = login(PORT, "bench", "bench-password-123")  # the pages need a session
            cases = [
                ("trivial page /healthz", "/healthz", {}),
                ("list page (page 40)", "/organisations/?page=40", {}),
                ("list page, search 'zwolle'", "/organisations/?q=zwolle&page=5", {}),
                ("list page, sorted by place", "/organisations/?sort=place&page=7", {}),
                ("API list (page 40, 50 rows)", "/api/v1/organisations?page=40&page_size=50", auth),
                ("map page (all 20,000 points)", "/organisations/map/", {}),
            ]
            print(f"{'what':34} {COLUMNS}")
            for label, url, headers in cases:
                n = max(20, args.requests // 10) if "map" in url else args.requests
                timed(opener, PORT, url, headers, 5)  # warm up
                print(f"{label:34} {summary(timed(opener, PORT, url, headers, n))}")


if __name__ == "__main__":
    main()
