"""`manage.py backup ARCHIVE`: the database and the media files (public and private) in one archive,
readable by its owner only, encrypted with a public key or a passphrase when one is given."""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lab.infra import backup_crypto
from lab.infra.backup import backup


def read_passphrase_file(path):
    try:
        return Path(path).read_text(encoding="utf-8").strip("\r\n")
    except OSError as error:
        raise CommandError(f"Impossible de lire la phrase de passe dans {path} : {error.strerror}.") from error


class Command(BaseCommand):
    help = (
        "Sauvegarde la base et les fichiers déposés dans une archive .tar.gz lisible par son seul propriétaire, "
        "chiffrée (format age) avec une clé publique ou une phrase de passe si l'une est donnée "
        "(options, ou BACKUP_RECIPIENTS / BACKUP_PASSPHRASE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Chemin de l'archive à écrire (.tar.gz, ou .tar.gz.age si chiffrée)")
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="Clé publique age (age1…) ou SSH qui pourra déchiffrer ; répétable. Remplace BACKUP_RECIPIENTS.",
        )
        parser.add_argument(
            "--passphrase-file", help="Fichier contenant la phrase de passe. Remplace BACKUP_PASSPHRASE."
        )
        parser.add_argument("--ask-passphrase", action="store_true", help="Demande la phrase de passe au clavier.")
        parser.add_argument(
            "--no-encryption", action="store_true", help="N'écrit pas l'archive chiffrée, même si les réglages le font."
        )

    def handle(self, archive, recipient, passphrase_file, ask_passphrase, no_encryption, **options):
        passphrase, recipients = backup_crypto.configured_keys()
        if recipient or passphrase_file or ask_passphrase:
            passphrase, recipients = None, recipient
        if passphrase_file:
            passphrase = read_passphrase_file(passphrase_file)
        if ask_passphrase:
            passphrase = getpass.getpass("Phrase de passe de la sauvegarde : ")
            if passphrase != getpass.getpass("La même, une seconde fois : "):
                raise CommandError("Les deux phrases de passe diffèrent : rien n'a été écrit.")
        if no_encryption:
            passphrase, recipients = None, []
        if passphrase is not None and not passphrase.strip() and not recipients and not no_encryption:
            raise CommandError("La phrase de passe est vide : rien n'a été écrit.")
        try:
            manifest = backup(archive, passphrase=passphrase, recipients=recipients)
        except backup_crypto.EncryptionError as error:
            raise CommandError(f"{error} Rien n'a été écrit.") from error
        rows = sum(manifest["counts"].values())
        if recipients:
            protection = (
                "chiffrée pour la clé publique donnée"
                if len(recipients) == 1
                else "chiffrée pour les clés publiques données"
            )
        elif passphrase:
            protection = "chiffrée par phrase de passe"
        else:
            protection = "non chiffrée, lisible par son seul propriétaire"
        self.stdout.write(
            f"Sauvegarde écrite ({protection}) : {archive} — {rows} enregistrements, "
            f"{len(manifest['files'])} fichiers publics, {len(manifest.get('private_files', {}))} privés."
        )
