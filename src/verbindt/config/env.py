"""Tiny helpers to read settings from the environment (no extra dependency)."""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings(url: str) -> dict[str, object]:
    """Django e-mail settings from EMAIL_URL.

    ``smtp://user:password@host:587/?tls=1``, ``smtps://…`` (implicit TLS), ``console://``,
    ``locmem://`` or ``dummy://``.
    """
    parts = urlsplit(url)
    backends = {
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(sorted(backends))}://; got {url!r}."
        )
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    return {
        "EMAIL_BACKEND": backends[parts.scheme],
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", "") in TRUE,
        "EMAIL_TIMEOUT": 20,
    }
