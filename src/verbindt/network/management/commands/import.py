"""``verbindt import KIND FILE``: run an import in this process, with a progress bar."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbindt.network.importers.files import size_problem
from verbindt.network.imports import (
    IMPORT_KINDS,
    STRICT_KINDS,
    ImportRefused,
    ImportReport,
    run_import,
)

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import DUO locations or exam candidates, GeoNames postcodes or an organisations file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORT_KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--all",
            action="store_true",
            help="duo-locations: every location, not only those with VBO or MAVO.",
        )
        parser.add_argument(
            "--school-year",
            help="duo-exams: the school year, e.g. 2024-2025 (default: from the file name).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            too_large = size_problem(path.stat().st_size)
            if too_large:  # before reading it into memory
                raise CommandError(too_large)
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path}) from exc
        except OSError as exc:
            raise CommandError(
                _("The file %(path)s cannot be read: %(error)s")
                % {"path": path, "error": exc.strerror}
            ) from exc
        import_options: dict[str, Any] = {}
        if options["all"]:
            import_options["all"] = True
        if options["school_year"]:
            import_options["school_year"] = options["school_year"]
        try:
            report = run_import(
                kind=options["kind"],
                data=data,
                filename=path.name,
                options=import_options,
                dry_run=options["dry_run"],
                progress=self._progress,
            )
        except ImportRefused as exc:
            self._end_bar()
            raise CommandError(
                _("%(file)s was not imported: %(reason)s")
                % {"file": path.name, "reason": exc.message}
            ) from exc
        self._end_bar()
        self._print(report, path.name)
        if options["kind"] in STRICT_KINDS and report.rejected:
            raise CommandError(
                ngettext(
                    "%(count)s row was rejected; nothing was saved.",
                    "%(count)s rows were rejected; nothing was saved.",
                    len({row for row, _reason in report.rejected}),
                )
                % {"count": len({row for row, _reason in report.rejected})}
            )

    _bar_shown = False

    def _progress(self, done: int, total: int) -> None:
        if not total:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stderr.flush()
        self._bar_shown = True

    def _end_bar(self) -> None:
        if self._bar_shown:
            self.stderr.write("")
            self._bar_shown = False

    def _print(self, report: ImportReport, filename: str) -> None:
        out = self.stdout.write
        title = _("%(kind)s: %(file)s") % {"kind": IMPORT_KINDS[report.kind], "file": filename}
        out(self.style.MIGRATE_HEADING(title))
        out(_("rows in the file: %(count)s") % {"count": report.rows})
        out(_("added: %(count)s") % {"count": report.added})
        out(_("updated: %(count)s") % {"count": report.updated})
        out(_("unchanged: %(count)s") % {"count": report.unchanged})
        out(_("rejected: %(count)s") % {"count": len(report.rejected)})
        for row, reason in report.rejected:
            if row is None:
                out(f"  - {reason}")
            else:
                out("  - " + _("row %(row)s: %(reason)s") % {"row": row, "reason": reason})
        for note in report.notes:
            out(f"* {note}")
        if report.saved:
            out(self.style.SUCCESS(_("Saved.")))
