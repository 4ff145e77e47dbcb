"""Give every issued certificate without a stored document its signed PDF/A (once; safe to re-run)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ateliers.models import Certificate
from ateliers.services.certificate_files import store_certificate_files


class Command(BaseCommand):
    help = _(
        "Enregistre, signé, le document de chaque certificat déjà émis qui n'en a pas encore "
        "(les certificats émis avant la conservation des documents, ou par un lot)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--current-only", action="store_true", help=_("Seulement les versions en vigueur."))

    def handle(self, *args, current_only=False, **options):
        certificates = Certificate.objects.filter(file="").select_related("workshop", "programme").order_by("pk")
        if current_only:
            certificates = certificates.filter(superseded_by__isnull=True)
        stored = store_certificate_files(certificates.iterator(chunk_size=100))
        self.stdout.write(_("%(count)d certificat(s) enregistré(s) et signé(s).") % {"count": stored})
