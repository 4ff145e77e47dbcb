"""`manage.py alertes_inactive [--months N] [--structure SLUG] [--erase [--yes]]`

Lists the SMS members with no message, no reminder and no change of their fiche for
ALERTES_RETENTION_MONTHS months (or N); with --erase, erases them after confirmation. Each erasure
is logged in the RGPD log, like one made from the member's page.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max

from alertes import services
from alertes.privacy import inactive_members
from lab.models import Structure


class Command(BaseCommand):
    help = "Liste (et efface avec --erase) les adhérents SMS inactifs depuis la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Durée sans activité (ALERTES_RETENTION_MONTHS).")
        parser.add_argument("--structure", default="", help="Identifiant (slug) d'une seule structure.")
        parser.add_argument("--erase", action="store_true", help="Effacer les adhérents listés, après confirmation.")
        parser.add_argument("--yes", action="store_true", help="Avec --erase : ne pas demander de confirmation.")

    def handle(self, *args, months=None, structure="", erase=False, yes=False, **options):
        from django.conf import settings

        months = settings.ALERTES_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError("--months doit valoir au moins 1.")
        queryset = inactive_members(months=months).select_related("structure")
        if structure:
            if not Structure.objects.filter(slug=structure).exists():
                raise CommandError(f"Aucune structure « {structure} ».")
            queryset = queryset.filter(structure__slug=structure)
        members = list(
            queryset.annotate(last_message=Max("messages__created_at")).order_by("structure__name", "last_name", "pk")
        )
        for member in members:
            last = member.last_message or member.updated_at
            self.stdout.write(f"n°{member.pk}\t{member.structure.name}\t{member}\tdernière activité : {last:%d/%m/%Y}")
        self.stdout.write(f"{len(members)} adhérent(s) inactif(s) depuis {months} mois.")
        if not erase or not members:
            return
        if not yes:
            answer = input(f"Effacer définitivement ces {len(members)} adhérent(s) ? Tapez « oui » pour confirmer : ")
            if answer.strip().lower() != "oui":
                self.stdout.write("Rien n'a été effacé.")
                return
        anonymised = 0
        for member in members:
            anonymised += services.erase_member(member, author=None, reason=f"inactif depuis {months} mois")
        self.stdout.write(f"{len(members)} adhérent(s) effacé(s), {anonymised} message(s) anonymisé(s).")
