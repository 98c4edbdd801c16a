from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbindt.core.models import SchoolYear
from verbindt.core.services import school_year_from_label
from verbindt.maturity.services import levels_recompute


class Command(BaseCommand):
    help = "Recompute the maturity level of every school (all school years, or one)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school-year", help="e.g. 2025-2026; every known year when omitted")

    def handle(self, *args: object, school_year: str | None = None, **options: object) -> None:
        try:
            years = (
                [school_year_from_label(label=school_year)]
                if school_year
                else list(SchoolYear.objects.all())
            )
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        for year in years:
            changed = levels_recompute(school_years=[year])
            self.stdout.write(f"{year.label}: {changed} level(s) changed")
