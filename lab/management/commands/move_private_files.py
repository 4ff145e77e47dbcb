"""Move the files that must not be public out of MEDIA_ROOT, and deliverables' documents into
their programme's restricted collection. Idempotent: run it once after upgrading (``load_demo``
runs it too)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from lab.infra.storage import PRIVATE_FILE_FIELDS, PRIVATE_FILE_TASKS, move_to_private_storage


class Command(BaseCommand):
    help = "Déplace les fichiers personnels vers le stockage privé et protège les documents des livrables."

    def handle(self, *args, **options):
        # The fields and tasks are registered by each app's AppConfig.ready (lab.infra.storage).
        for label, field_name in PRIVATE_FILE_FIELDS:
            moved = move_to_private_storage(apps.get_model(label), field_name)
            self.stdout.write(f"{label}.{field_name} : {moved} fichier(s) déplacé(s) vers le stockage privé.")
        for task, message in PRIVATE_FILE_TASKS:
            self.stdout.write(message.format(count=task()))
