from django.core.management.base import BaseCommand, CommandError

from verbindt.accounts.models import User
from verbindt.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Personal access tokens for the API."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it (shown only once).")
        create.add_argument("--user", required=True, help="username of the token's owner")
        create.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['user']!r}.")
        _token, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
