"""`manage.py backup ARCHIVE.tar.gz`: the database and the media files (public and private) in one archive."""

from django.core.management.base import BaseCommand

from lab.infra.backup import backup


class Command(BaseCommand):
    help = "Sauvegarde la base et les fichiers déposés dans une archive .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Chemin de l'archive à écrire (.tar.gz)")

    def handle(self, archive, **options):
        manifest = backup(archive)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Sauvegarde écrite : {archive} — {rows} enregistrements, {len(manifest['files'])} fichiers publics, {len(manifest.get('private_files', {}))} privés."
        )
