"""``verbindt report levels|forms|…|pdf``: the monitor's tables and report from the command line.

Run by someone with access to the server, so it covers any region (no user to scope by).
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbindt.core.tables import FORMATS, table_bytes
from verbindt.monitor.selectors import Scope, scope_from
from verbindt.monitor.tables import TABLES


class Command(BaseCommand):
    help = "Monitor figures as CSV/XLSX, or the report 'Stand van de samenwerking' as PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=[*TABLES, "pdf"])
        parser.add_argument("--school-year", default="", help="e.g. 2025-2026; now when omitted")
        parser.add_argument("--region", default="", help="a region code; the nation when omitted")
        parser.add_argument("--form", default="", help="only collaborations of this form")
        parser.add_argument("--sector", default="", help="only with an institution of this sector")
        parser.add_argument("--format", choices=list(FORMATS), default="csv", dest="fmt")
        parser.add_argument("-o", "--output", type=Path, help="the file; CSV to stdout if none")

    def handle(self, *args: object, **options: object) -> None:
        try:
            scope = scope_from(
                school_year=str(options["school_year"]),
                region=str(options["region"]),
                form=str(options["form"]),
                sector=str(options["sector"]),
            )
        except ValidationError as error:
            problems = error.message_dict.items()
            raise CommandError(
                "; ".join(f"--{name.replace('_', '-')}: {' '.join(m)}" for name, m in problems)
            ) from error
        output = options["output"]
        if options["what"] == "pdf":
            if output is None:
                raise CommandError("A PDF needs a file: -o FILE.pdf")
            data = self._pdf(scope)
        else:
            if output is None and options["fmt"] == "xlsx":
                raise CommandError("An Excel file needs a file: -o FILE.xlsx")
            headers, rows = TABLES[str(options["what"])](scope)
            data = table_bytes(str(options["fmt"]), headers, rows)
        if output is None:
            sys.stdout.write(data.decode("utf-8-sig"))
            return
        assert isinstance(output, Path)
        # Written whole or not at all: a half-written report is worse than none.
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(data)
        partial.replace(output)
        self.stderr.write(f"{output}: {len(data):,} bytes")

    def _pdf(self, scope: Scope) -> bytes:
        from verbindt.monitor.report import report_pdf

        def progress(done: int, total: int) -> None:
            bar = "#" * round(30 * done / total) if total else ""
            self.stderr.write(f"\r[{bar:<30}] {done}/{total}", ending="")

        data = report_pdf(scope, progress=progress)
        self.stderr.write("")
        return data
