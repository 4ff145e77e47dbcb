"""`manage.py restore ARCHIVE [--replace]`: decrypt if needed, check, and load a backup into a migrated database."""

import getpass
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lab.infra import backup_crypto
from lab.infra.backup import RestoreError, is_encrypted, restore
from lab.management.commands.backup import read_passphrase_file


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par « manage.py backup » (base vide, ou --replace) ; une archive "
        "chiffrée demande sa clé privée (--identity) ou sa phrase de passe."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Chemin de l'archive (.tar.gz ou .tar.gz.age)")
        parser.add_argument("--replace", action="store_true", help="Efface les données présentes avant de restaurer.")
        parser.add_argument(
            "--identity", help="Fichier de la clé privée age (AGE-SECRET-KEY-1…). Remplace BACKUP_IDENTITY_FILE."
        )
        parser.add_argument(
            "--passphrase-file", help="Fichier contenant la phrase de passe. Remplace BACKUP_PASSPHRASE."
        )

    def handle(self, archive, replace=False, identity=None, passphrase_file=None, **options):
        try:
            encrypted = is_encrypted(archive)
        except OSError as error:
            raise CommandError(f"Impossible de lire {archive} : {error.strerror}.") from error
        passphrase, identities = None, []
        if encrypted:
            passphrase, identities = self.keys(identity, passphrase_file)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(archive, replace=replace, passphrase=passphrase, identities=identities)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restauration terminée : {rows} enregistrements, {len(manifest['files'])} fichiers publics, {len(manifest.get('private_files', {}))} privés."
        )

    def keys(self, identity, passphrase_file):
        """The passphrase or identities to decrypt with: options first, then settings, then the keyboard."""
        identity = identity or (None if passphrase_file else settings.BACKUP_IDENTITY_FILE)
        try:
            if identity:
                try:
                    text = Path(identity).read_text(encoding="utf-8")
                except OSError as error:
                    raise CommandError(f"Impossible de lire la clé {identity} : {error.strerror}.") from error
                return None, backup_crypto.read_identities(text)
        except backup_crypto.EncryptionError as error:
            raise CommandError(str(error)) from error
        if passphrase_file:
            return read_passphrase_file(passphrase_file), []
        if settings.BACKUP_PASSPHRASE:
            return settings.BACKUP_PASSPHRASE, []
        if sys.stdin.isatty():
            return getpass.getpass("Phrase de passe de la sauvegarde : "), []
        return None, []  # restore() says what is missing
