import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from verbindt.demo import data


class Command(BaseCommand):
    help = "Migrate, seed the demo data, and run the web server and task worker on 127.0.0.1:8000."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not serve.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo")
        self.print_logins(options["addrport"])
        if options["no_serve"]:
            return
        worker = subprocess.Popen(
            [sys.executable, "-m", "verbindt", "db_worker", "--no-reload", "--interval", "1"]
        )
        # A closed terminal or a kill must not leave the worker behind: unwind through finally.
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda *_: sys.exit(0))
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def print_logins(self, addrport: str) -> None:
        width = max(len(username) for username in data.SEES)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Verbindt demo on http://{addrport}/"))
        self.stdout.write(f"Every demo login has the password: {data.DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(f"  {'login'.ljust(width)}  sees")
        for username, sees in data.SEES.items():
            self.stdout.write(f"  {username.ljust(width)}  {sees}")
        self.stdout.write("")
