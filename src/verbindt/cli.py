"""The ``verbindt`` command: Django's management commands plus the product's own.

A few commands need no settings or database (they work on files); they run before Django
is set up, so they work on a machine without SECRET_KEY or a database.
"""

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def _compile_translations(args: Sequence[str]) -> int:
    from verbindt.i18n import compile_translations

    for mo in compile_translations(Path(__file__).parent / "locale"):
        print(f"compiled {mo}")
    return 0


def _allocate(args: Sequence[str]) -> int:
    from verbindt.engines.allocation.cli import main as allocate

    return allocate(args)


STANDALONE: dict[str, Callable[[Sequence[str]], int]] = {
    "compile_translations": _compile_translations,
    "allocate": _allocate,
}


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = "verbindt"
    command = args[1] if len(args) > 1 else ""
    if command in STANDALONE:
        sys.exit(STANDALONE[command](args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbindt.config.settings")
    if command == "demo":
        # The demo runs on a laptop over plain http with a throw-away key: development mode,
        # and only ever on a local SQLite file, so demo logins never reach a real database.
        if not os.environ.get("DATABASE_URL", "sqlite:").startswith("sqlite:"):
            sys.exit("verbindt demo runs on its own SQLite database: unset DATABASE_URL first.")
        os.environ.setdefault("DEBUG", "1")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as problem:
        sys.exit(f"verbindt: {problem}")
