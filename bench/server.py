"""What the HTTP benchmarks share: a temporary database's settings, a gunicorn server with the
product's settings file, logging in through the login form, and timing requests.

    env = bench_env(db, port)
    with serve(env, port):
        opener = login(port, "bench", "bench-password-123")
        print(f"{'what':34} {COLUMNS}")
        print(f"{'list page':34} {summary(timed(opener, port, '/organisations/', {}, 200))}")
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

COLUMNS = f"{'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"


def bench_env(db: Path, port: int) -> dict[str, str]:
    """The production settings on a SQLite file ``db``, served over plain http on loopback."""
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
        "BIND": f"127.0.0.1:{port}",
    }


def fill(env: dict[str, str], script: str, *args: str) -> None:
    """Runs ``script --fill-only *args`` in a child process with the bench settings."""
    subprocess.run([sys.executable, script, "--fill-only", *args], env=env, check=True)


@contextmanager
def serve(env: dict[str, str], port: int, workers: int = 2) -> Iterator[subprocess.Popen]:
    """gunicorn with the product's settings file (``verbindt.config.gunicorn``: it freezes what
    a worker loaded at start-up out of the garbage collector), until /healthz answers."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "python:verbindt.config.gunicorn",
            "verbindt.config.wsgi",
        ],
        env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
        stdout=subprocess.DEVNULL,  # the access log
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz").close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer on port {port}") from None
                time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        server.wait()


def login(port: int, username: str, password: str) -> urllib.request.OpenerDirector:
    """An opener with a session cookie, logged in through the login form (CSRF token from the
    page, as a browser does)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    url = f"http://127.0.0.1:{port}/accounts/login/"
    page = opener.open(url).read().decode()
    csrf = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
    ).encode()
    with opener.open(urllib.request.Request(url, data=body, headers={"Referer": url})) as answer:
        # A failed login answers 200 with the form again; a good one ends elsewhere.
        assert not answer.url.endswith("/accounts/login/"), f"login as {username} failed"
    return opener


def timed(
    opener: urllib.request.OpenerDirector, port: int, url: str, headers: dict[str, str], n: int
) -> list[float]:
    """Milliseconds for ``n`` sequential GETs of ``url``, each read to the end."""
    times = []
    for _ in range(n):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers=headers)
        start = time.perf_counter()
        with opener.open(request) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    """n, p50, p95 and max, in the columns of ``COLUMNS``."""
    times = sorted(times)
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    return f"{len(times):5} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}"
