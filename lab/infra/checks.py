"""Checks of ``manage.py check --deploy`` for what Django's own checklist does not know about."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 (names compared, not bound)


@checks.register(checks.Tags.security, deploy=True)
def check_base_url(app_configs, **kwargs):
    """The canonical base URL must be the address the instance is served at, not the demo's."""
    url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    host = urlsplit(url).hostname or ""
    if host.lower() in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            checks.Warning(
                f"WAGTAILADMIN_BASE_URL vaut « {url or '(vide)'} » : les QR codes des certificats, les liens "
                "des e-mails, le plan du site et les liens absolus de l'API pointeraient vers cette machine.",
                hint="Renseignez WAGTAILADMIN_BASE_URL avec l'adresse publique de l'instance, "
                "par exemple https://labo.example.org.",
                id="lab.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_signing_key(app_configs, **kwargs):
    """Issued certificates are signed with the instance's key: it must be there."""
    key = Path(getattr(settings, "DOCUMENT_SIGNING_KEY", ""))
    cert = Path(getattr(settings, "DOCUMENT_SIGNING_CERT", ""))
    if getattr(settings, "DOCUMENT_SIGNING_SELF_SIGNED", False) or (key.is_file() and cert.is_file()):
        return []
    return [
        checks.Warning(
            f"La clé ({key}) ou le certificat ({cert}) de signature des certificats d'assiduité est introuvable : "
            "aucun certificat ne pourra être émis.",
            hint="Renseignez DOCUMENT_SIGNING_KEY et DOCUMENT_SIGNING_CERT (fichiers PEM) ; voir docs/ateliers.md.",
            id="lab.W002",
        )
    ]
