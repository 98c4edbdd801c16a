"""The `verbindt` command (also `python -m verbindt`)."""

import os
import subprocess
import sys


def _verbindt(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-m", "verbindt", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_lists_the_products_own_commands_beside_djangos():
    result = _verbindt("help", SECRET_KEY="x")
    assert result.returncode == 0, result.stderr
    for command in ("demo", "seed_demo", "token", "migrate", "db_worker"):
        assert command in result.stdout


def test_compiling_translations_needs_no_secret_key_or_database():
    result = _verbindt("compile_translations")
    assert result.returncode == 0, result.stderr


def test_a_misconfigured_machine_gets_a_readable_message_not_a_stack_of_noise():
    result = _verbindt("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_refuses_a_database_other_than_its_own_sqlite_file():
    result = _verbindt("demo", "--no-serve", DATABASE_URL="postgres://postgres@127.0.0.1/x")
    assert result.returncode != 0
    assert "unset DATABASE_URL" in result.stderr
