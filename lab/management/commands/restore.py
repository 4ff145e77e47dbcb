"""`manage.py restore ARCHIVE.tar.gz [--replace]`: load a backup into a migrated database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lab.infra.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Restaure une sauvegarde faite par « manage.py backup » (base vide, ou --replace)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Chemin de l'archive (.tar.gz)")
        parser.add_argument("--replace", action="store_true", help="Efface les données présentes avant de restaurer.")

    def handle(self, archive, replace=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(archive, replace=replace)
        except (RestoreError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restauration terminée : {rows} enregistrements, {len(manifest['files'])} fichiers publics, {len(manifest.get('private_files', {}))} privés."
        )
