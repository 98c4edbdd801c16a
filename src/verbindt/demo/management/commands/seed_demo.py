from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from verbindt.demo.services import seed_demo


class Command(BaseCommand):
    help = "Fill the database with the demo organisations and one login per role (idempotent)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off. Demo users must never reach a real database.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to add demo users with DEBUG off: this looks like a real database. "
                "Use `verbindt demo`, or pass --allow-production if you are sure."
            )
        counts = seed_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data ready: ")
            + ", ".join(f"{count} {kind}" for kind, count in counts.items())
        )
