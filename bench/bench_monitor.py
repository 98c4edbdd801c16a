"""The monitor at national scale: the coordinators' dashboard, the monitor API, a school's
figures and the PDF report over the data of national_data.py (700 vmbo locations, 15,000
collaborations, 300,000 sessions in five school years).

Run from the project root:

    .venv/bin/python bench/bench_monitor.py [--requests 100] [--region west] [--db PATH]

It fills two temporary SQLite databases with national_data.py, one at ``--small-scale``
(0.05) and one at ``--scale`` (1, the national size), and counts the queries of every page and
API call in each through Django's test client (they should be equal: the monitor aggregates in
the database). With ``--db PATH`` the large one is that file instead: filled when it does not
exist yet, reused (only the bench users added) when it does, so a second run skips the three
minutes of filling. It then serves the large one like the other HTTP benchmarks (the
product's gunicorn settings file, 2 workers, ``DEBUG`` off, on 127.0.0.1:8733; see server.py),
logs in through the login form as a platform coordinator, the regional coordinator of
``--region`` and the school coordinator of the school with the most collaborations, and times
each page interleaved with the trivial page ``/healthz``: page, /healthz, page, /healthz, …
so both see the same moments of a shared machine. Pages whose warm-up median is over 300 ms get
a fifth of the requests (at least 20). A page that answers 404 is skipped with a message (the
monitor was being built while this was written). Last, it times ``verbindt report pdf`` for
the nation and the region as a whole command in a child process, with its peak memory
(``/usr/bin/time -v`` when there is one). Figures go in bench/README.md.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from server import COLUMNS, bench_env, fill, login, serve, summary, timed

PORT = 8733
PASSWORD = "bench-password-123"
USERS = {"platform": "bench-platform", "regional": "bench-regional", "school": "bench-school"}
# A reused database may have been filled for another --region: that user is per region.
USERS_IN = {**USERS, "regional": "bench-regional-{region}"}
YEAR, LABEL = 2025, "2025-2026"


def _pages(region: str, school: int) -> list[tuple[str, str, str]]:
    """(label, user, url) of everything timed and counted."""
    api = "/api/v1/monitor"
    return [
        ("dashboard, national", "platform", f"/monitor/?year={YEAR}"),
        (f"dashboard, region {region}", "regional", f"/monitor/?year={YEAR}&region={region}"),
        ("API levels", "platform", f"{api}/levels?school_year={LABEL}"),
        ("API forms", "platform", f"{api}/forms?school_year={LABEL}"),
        ("API bottlenecks", "platform", f"{api}/bottlenecks?school_year={LABEL}"),
        ("API trends", "platform", f"{api}/trends"),
        ("school figures", "school", f"/monitor/schools/{school}/?year={YEAR}"),
    ]


# --- In the child process (bench settings, Django set up) -----------------------------------


def _users(region_code: str) -> dict[str, str]:
    """The three bench users (kept when they exist: a reused database has them) and the timed
    school, the one with the most collaborations (the heaviest school page)."""
    from django.db.models import Count

    from verbindt.accounts.models import Role, User
    from verbindt.accounts.services import membership_create, user_create
    from verbindt.core.models import Region
    from verbindt.network.models import Organisation

    school = (
        Organisation.objects.filter(kind="vmbo_location")
        .annotate(n=Count("partnerships"))
        .order_by("-n", "pk")
        .first()
    )
    assert school is not None, "no schools in the database"
    region = Region.objects.get(code=region_code)
    names = {who: name.format(region=region.code) for who, name in USERS_IN.items()}
    for who, role, in_region in [
        ("platform", Role.PLATFORM_COORDINATOR, None),
        ("regional", Role.REGIONAL_COORDINATOR, region),
        ("school", Role.SCHOOL_COORDINATOR, None),
    ]:
        if User.objects.filter(username=names[who]).exists():
            continue
        organisation = school
        if who != "school":
            office = f"Platform {region.name if in_region else 'VMBO Zorg & Welzijn'}"
            organisation = Organisation.objects.create(name=office, kind="other", region=in_region)
        user = user_create(username=names[who], password=PASSWORD)
        membership_create(user=user, organisation=organisation, role=role, region=in_region)
    return {**names, "school_pk": str(school.pk)}


def _count_queries(pages: list[tuple[str, str, str]], users: dict[str, str]) -> dict[str, list]:
    """label → [queries, status, KiB] through the test client, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from verbindt.accounts.models import User

    clients = {}
    for who in USERS:
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=users[who]))
    counts = {}
    for label, who, url in pages:
        clients[who].get(url)  # first use: caches (site, content types) would count once
        with CaptureQueriesContext(connection) as queries:
            response = clients[who].get(url)
        counts[label] = [len(queries), response.status_code, len(response.content) / 1024]
    return counts


def _child(info_file: Path, scale: float, region: str) -> None:
    import django

    django.setup()
    import national_data
    from django.core.management import call_command

    from verbindt.network.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    info: dict = {"reused": Organisation.objects.exists()}
    if not info["reused"]:
        info["took"] = national_data.fill(scale=scale, say=lambda line: print("   ", line))
    info["data"] = national_data.counts()
    info["users"] = _users(region)
    pages = _pages(region, int(info["users"]["school_pk"]))
    info["queries"] = _count_queries(pages, info["users"])
    info_file.write_text(json.dumps(info))


# --- In the parent --------------------------------------------------------------------------


def _prepare(env: dict[str, str], info_file: Path, scale: float, region: str) -> dict:
    started = time.perf_counter()
    fill(env, __file__, str(info_file), "--scale", str(scale), "--region", region)
    info = json.loads(info_file.read_text())
    info["seconds"] = time.perf_counter() - started
    return info


def _status(opener: urllib.request.OpenerDirector, url: str) -> int:
    try:
        with opener.open(f"http://127.0.0.1:{PORT}{url}") as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _interleaved(
    opener: urllib.request.OpenerDirector, url: str, n: int
) -> tuple[list[float], list[float]]:
    anchor = urllib.request.build_opener()
    page, trivial = [], []
    for _ in range(n):
        page += timed(opener, PORT, url, {}, 1)
        trivial += timed(anchor, PORT, "/healthz", {}, 1)
    return page, trivial


def _report(env: dict[str, str], out: Path, *options: str) -> str:
    """``verbindt report pdf`` as a whole command: wall time, peak memory, file size."""
    command = [str(Path(sys.executable).with_name("verbindt")), "report", "pdf", *options]
    command += ["--school-year", LABEL, "-o", str(out)]
    gnu_time = shutil.which("time", path="/usr/bin")
    stats = out.with_suffix(".time")
    if gnu_time:
        command = [gnu_time, "-v", "-o", str(stats), *command]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"failed (exit {done.returncode}): {last[:160]}"
    if gnu_time:
        rss = next(
            int(line.split(":")[1]) / 1024
            for line in stats.read_text().splitlines()
            if "Maximum resident set size" in line
        )
        memory = f"peak RSS {rss:.0f} MiB (/usr/bin/time -v)"
    else:
        import resource

        # Of every child so far, the server's too: an upper bound only.
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        memory = f"peak RSS ≤ {peak:.0f} MiB (getrusage of all children)"
    try:
        from pypdf import PdfReader

        pages = f"{len(PdfReader(out).pages)} pages, "
    except ImportError:
        pages = ""
    return f"{took:6.1f} s, {pages}{out.stat().st_size / 1024:,.0f} KiB, {memory}"


def _load() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=0.05)
    parser.add_argument("--region", default="west", help="the regional coordinator's region")
    parser.add_argument("--db", type=Path, help="the large database: filled, or reused")
    parser.add_argument("--fill-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_only:
        _child(args.fill_only, args.scale, args.region)
        return
    with tempfile.TemporaryDirectory(prefix="verbindt-bench-monitor-") as folder:
        tmp = Path(folder)
        started = time.perf_counter()
        infos, envs = {}, {}
        for size, scale, db in [
            ("small", args.small_scale, tmp / "small.sqlite3"),
            ("large", args.scale, args.db.resolve() if args.db else tmp / "large.sqlite3"),
        ]:
            envs[size] = {**bench_env(db, PORT), "STATIC_ROOT": str(tmp / "static")}
            print(f"{size} database ({db}), scale {scale}:")
            infos[size] = _prepare(envs[size], tmp / f"{size}.json", scale, args.region)
            info = infos[size]
            how = "reused" if info["reused"] else "filled"
            print(f"  {how}, migrated and counted in {info['seconds']:.1f} s")
            for step, seconds in info.get("took", {}).items():
                print(f"    {step:40} {seconds:7.1f} s")
            for label, n in info["data"].items():
                print(f"    {label:40} {n:9,}")
        small, large = infos["small"], infos["large"]
        print(f"\n{'queries per request':34} {'small':>6} {'large':>6} {'status':>7} {'KiB':>7}")
        for label, (n, status, size) in large["queries"].items():
            before = small["queries"][label][0]
            flag = "" if before == n else "  <- grows with the data"
            print(f"{label:34} {before:6} {n:6} {status:7} {size:7.0f}{flag}")
        pages = _pages(args.region, int(large["users"]["school_pk"]))
        # The machine may be shared: the load around the timings goes with the figures.
        print(f"\nload average before timing: {_load()}")
        print(f"latency, interleaved with /healthz ({args.requests} requests each):")
        print(f"{'what':44} {COLUMNS}")
        env = envs["large"]
        with serve(env, PORT):
            openers = {who: login(PORT, large["users"][who], PASSWORD) for who in USERS}
            for label, who, url in pages:
                status = _status(openers[who], url)
                if status == 404:
                    print(f"{label:44} skipped: {url} answers 404 (not built yet?)")
                    continue
                if status != 200:
                    print(f"{label:44} skipped: {url} answers {status}")
                    continue
                warm = timed(openers[who], PORT, url, {}, 5)
                slow = statistics.median(warm) > 300
                n = max(20, args.requests // 5) if slow else args.requests
                page, trivial = _interleaved(openers[who], url, n)
                print(f"{label:44} {summary(page)}")
                print(f"{'  /healthz, interleaved':44} {summary(trivial)}")
        print(f"load average after timing: {_load()}")
        print("\nPDF report (verbindt report pdf, the whole command):")
        for label, options in [
            ("national", []),
            (f"region {args.region}", ["--region", args.region]),
        ]:
            out = tmp / f"report-{label.replace(' ', '-')}.pdf"
            print(f"  {label:20} {_report(env, out, *options)}")
        print(f"load average after the reports: {_load()}")
        print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
