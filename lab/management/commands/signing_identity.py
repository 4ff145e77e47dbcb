"""Show who signs the certificates this instance issues; create the demo's self-signed key if allowed.

``manage.py signing_identity`` loads the key and certificate of ``DOCUMENT_SIGNING_KEY`` /
``DOCUMENT_SIGNING_CERT``; when they are missing and ``DOCUMENT_SIGNING_SELF_SIGNED`` is on (the demo
of ``make run``), it creates a self-signed pair there first (``load_demo`` runs it).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from lab.infra.signing import document_signer, signer_name


class Command(BaseCommand):
    help = "Affiche qui signe les certificats émis (et crée la clé autosignée de la démonstration si besoin)."

    def handle(self, *args, **options):
        try:
            signer = document_signer()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Certificats signés par : {signer_name(signer)} "
            f"(clé : {settings.DOCUMENT_SIGNING_KEY}, certificat : {settings.DOCUMENT_SIGNING_CERT})."
        )
