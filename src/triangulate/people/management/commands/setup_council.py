"""First set-up of a council's installation (docs/deployment.md, "First start"): the council, and a system
administrator who then makes everything else on the pages (teams, staff, accounts, group mappings).

    triangulate setup_council --name "Aldermoor Council" --la-code 929 --region north_east \\
        --admin jo.bloggs --admin-email jo.bloggs@aldermoor.gov.uk

The password is asked for twice at the terminal (never an argument: `ps` and the shell's history would keep
it). With --no-password the account has none: it signs in through the council's identity provider, which binds
it by its email address at the first sign-in (docs/design/estate.md §1.3). Run once; a second run changes
nothing and says so.
"""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from triangulate.core.authority import System
from triangulate.core.roles import Role
from triangulate.people import services
from triangulate.people.models import Council, Region


class Command(BaseCommand):
    help = "Create the council and its first system administrator (once, after the first migrate)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='the council\'s name, e.g. "Aldermoor Council"')
        parser.add_argument("--la-code", required=True, help="its DfE local authority code (3 digits)")
        parser.add_argument("--region", required=True, choices=Region.values)
        parser.add_argument("--admin", required=True, help="the system administrator's username")
        parser.add_argument("--admin-email", required=True,
                            help="their council email address (sign-in with the council's account matches it)")
        parser.add_argument("--no-password", action="store_true",
                            help="no local password: the account signs in through the council's identity provider")

    def handle(self, *args, name, la_code, region, admin, admin_email, no_password, **options):
        if Council.objects.exists():
            self.stdout.write("This installation is set up already: nothing changed. Sign in as a system "
                              "administrator to change the council or add accounts.")
            return
        if get_user_model().objects.filter(username__iexact=admin).exists():
            raise CommandError(f"An account named {admin} exists already.")
        password = None if no_password else self.ask_password(admin, admin_email)
        try:
            with transaction.atomic():  # both or neither (password None: an unusable one)
                services.create_council.step(actor=System.COMMAND_LINE, name=name, la_code=la_code, region=region)
                services.create_account.step(
                    actor=System.COMMAND_LINE, username=admin, password=password, email=admin_email,
                    role=Role.SYSTEM_ADMIN)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Set up {name}; {admin} is its system administrator.")

    def ask_password(self, username, email):
        candidate = get_user_model()(username=username, email=email)
        for _ in range(3):
            password = getpass.getpass(f"Password for {username}: ")
            if password != getpass.getpass("The same password again: "):
                self.stderr.write("The two passwords differ.")
                continue
            try:
                validate_password(password, user=candidate)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No password set: run the command again.")
