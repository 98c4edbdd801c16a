"""The registry's list page and API with 20,000 institutions, beside a trivial page.

Run from the project root (it makes its own SQLite database in a temporary folder and serves
it with gunicorn, 2 workers, on 127.0.0.1:8731):

    .venv/bin/python bench/bench_registry.py [--organisations 20000] [--requests 200]

It prints the queries per page for two page sizes (they must be equal) and p50/p95/max
latency of: /healthz (trivial: one SELECT 1), the list page, the list page with a search,
the map page, and the API list. Figures go in bench/README.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8731


def _env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbindt.config.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": "bench-only",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",  # plain http on loopback
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "STATIC_ROOT": str(db.parent / "static"),
        "LOG_LEVEL": "WARNING",
    }


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


def _timed(opener, url: str, headers: dict[str, str], n: int) -> list[float]:
    times = []
    for _ in range(n):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}", headers=headers)
        start = time.perf_counter()
        with opener.open(request) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        times.append((time.perf_counter() - start) * 1000)
    return times


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
        db = Path(tmp) / "bench.sqlite3"
        env = {**_env(db), "BENCH_TOKEN_FILE": str(Path(tmp) / "token")}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--fill-only", "--organisations", str(args.organisations)],
            env=env,
            check=True,
        )
        print(f"filled {args.organisations} organisations in {time.perf_counter() - started:.1f} s")
        token = (Path(tmp) / "token").read_text()
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "verbindt.config.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz")
                    break
                except OSError:
                    time.sleep(0.1)
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
            auth = {"Authorization": f"Bearer {token}"}
            # A session for the pages: log in through the API token? Pages need a session
            # cookie, so log in with the form.
            login_page = opener.open(f"http://127.0.0.1:{PORT}/accounts/login/").read().decode()
            csrf = login_page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            body = urllib.parse.urlencode(
                {"username": "bench", "password": "bench-password-123", "csrfmiddlewaretoken": csrf}
            ).encode()
            opener.open(
                urllib.request.Request(
                    f"http://127.0.0.1:{PORT}/accounts/login/",
                    data=body,
                    headers={"Referer": f"http://127.0.0.1:{PORT}/accounts/login/"},
                )
            )
            cases = [
                ("trivial page /healthz", "/healthz", {}),
                ("list page (page 40)", "/organisations/?page=40", {}),
                ("list page, search 'zwolle'", "/organisations/?q=zwolle&page=5", {}),
                ("list page, sorted by place", "/organisations/?sort=place&page=7", {}),
                ("API list (page 40, 50 rows)", "/api/v1/organisations?page=40&page_size=50", auth),
                ("map page (all 20,000 points)", "/organisations/map/", {}),
            ]
            print(f"{'what':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for label, url, headers in cases:
                n = max(20, args.requests // 10) if "map" in url else args.requests
                _timed(opener, url, headers, 5)  # warm up
                times = sorted(_timed(opener, url, headers, n))
                p95 = times[int(len(times) * 0.95) - 1]
                print(f"{label:34} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    import urllib.parse

    main()
