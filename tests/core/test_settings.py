"""Settings come from the environment and are safe when nothing is set."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from verbindt.config.env import email_settings, env_bool

OWN_VARIABLES = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SECURE_SSL_REDIRECT", "EMAIL_URL"}
PRINT_SETTINGS = (
    "import django, json; from django.conf import settings; django.setup();"
    "print(json.dumps({k: getattr(settings, k) for k in "
    "['DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_HSTS_SECONDS',"
    "'SECURE_SSL_REDIRECT','ALLOWED_HOSTS','EMAIL_HOST','EMAIL_PORT','DEFAULT_FROM_EMAIL']}))"
)


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "verbindt.config.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = _run(PRINT_SETTINGS)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_secure():
    result = _run(PRINT_SETTINGS, SECRET_KEY="x" * 50, ALLOWED_HOSTS="verbindt.nl")
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["ALLOWED_HOSTS"] == ["verbindt.nl"]


def test_email_url_and_sender_come_from_the_environment():
    result = _run(
        PRINT_SETTINGS,
        SECRET_KEY="x" * 50,
        EMAIL_URL="smtp://mailer:s3cret@mail.example.org:587/?tls=1",
        DEFAULT_FROM_EMAIL="Verbindt <no-reply@example.org>",
    )
    values = json.loads(result.stdout)
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert values["DEFAULT_FROM_EMAIL"] == "Verbindt <no-reply@example.org>"


def test_email_url_parsing():
    parsed = email_settings("smtps://user%40x:p%2Fw@smtp.example.org/")
    assert parsed["EMAIL_USE_SSL"] is True and parsed["EMAIL_PORT"] == 465
    assert (parsed["EMAIL_HOST_USER"], parsed["EMAIL_HOST_PASSWORD"]) == ("user@x", "p/w")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings("pigeon://coop")


def test_a_misspelt_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_sqlite_is_set_up_for_several_processes(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection;"
        "c = connection.cursor(); print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        "c.execute('PRAGMA busy_timeout').fetchone()[0],"
        "connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = _run(code, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"], result.stderr


def test_every_response_carries_a_content_security_policy(client):
    response = client.get("/accounts/login/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
