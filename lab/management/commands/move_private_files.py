"""Move the files that must not be public out of MEDIA_ROOT, and deliverables' documents into
their programme's restricted collection. Idempotent: run it once after upgrading (``load_demo``
runs it too)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from lab.infra.storage import PRIVATE_FILE_FIELDS, move_to_private_storage


class Command(BaseCommand):
    help = "Déplace les fichiers personnels vers le stockage privé et protège les documents des livrables."

    def handle(self, *args, **options):
        from livrables.services import protect_deliverable_documents

        for label, field_name in PRIVATE_FILE_FIELDS:
            moved = move_to_private_storage(apps.get_model(label), field_name)
            self.stdout.write(f"{label}.{field_name} : {moved} fichier(s) déplacé(s) vers le stockage privé.")
        count = protect_deliverable_documents()
        self.stdout.write(f"Livrables : {count} document(s) dans les collections restreintes des programmes.")
