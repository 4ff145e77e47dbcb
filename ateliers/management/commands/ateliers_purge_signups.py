"""`manage.py ateliers_purge_signups [--months N] [--erase [--yes]]`

Lists the people known only through the public agenda's online sign-ups whose last event ended more
than ATELIERS_SIGNUP_RETENTION_MONTHS months ago (or N); with --erase, erases them (anonymised, logged
in the RGPD log): their registrations and attendance stay, so the indicators do not change.
Run it from cron (e.g. each night with --erase --yes).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ateliers.services.signup import erase_expired_signups, expired_signups


class Command(BaseCommand):
    help = "Liste (et efface avec --erase) les personnes inscrites en ligne après la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None, help="Durée de conservation (ATELIERS_SIGNUP_RETENTION_MONTHS)."
        )
        parser.add_argument("--erase", action="store_true", help="Effacer les personnes listées, après confirmation.")
        parser.add_argument("--yes", action="store_true", help="Avec --erase : ne pas demander de confirmation.")

    def handle(self, *args, months=None, erase=False, yes=False, **options):
        months = settings.ATELIERS_SIGNUP_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError("--months doit valoir au moins 1.")
        people = list(expired_signups(months))
        for person in people:
            self.stdout.write(f"n°{person.pk}\t{person}\tdernier événement : {person.last_day:%d/%m/%Y}")
        self.stdout.write(f"{len(people)} personne(s) inscrite(s) en ligne au-delà de {months} mois.")
        if not erase or not people:
            return
        if not yes:
            answer = input(f"Effacer définitivement ces {len(people)} personne(s) ? Tapez « oui » pour confirmer : ")
            if answer.strip().lower() != "oui":
                self.stdout.write("Rien n'a été effacé.")
                return
        erased = erase_expired_signups(months)
        self.stdout.write(f"{erased} personne(s) effacée(s).")
