"""`manage.py rebuild_commons`: rebuild the commons' index from the published pages."""

from django.core.management.base import BaseCommand

from home import commons


class Command(BaseCommand):
    help = "Reconstruit l'index du commun à partir des pages publiées (après un import ou une restauration)."

    def handle(self, **options):
        self.stdout.write(f"Commun : {commons.rebuild()} ressources indexées.")
