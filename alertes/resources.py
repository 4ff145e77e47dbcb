"""The module as a commons resource: what the Alertes SMS prototype fiche links and its kit holds.

``AlertesConfig.ready()`` registers the module in ``projets.software``: the fiche of a prototype
whose « logiciel » is Alertes SMS shows the code source (``settings.ALERTES_SOURCE_URL``, only when
set), the public notice (page and PDF), the install guide (docs/alertes-installation.md), and its
replication kit adds the notice PDF, the install guide and an import template (CSV and XLSX) whose
columns are the ones the importer recognises (``alertes.imports.FIELDS``).
"""

from pathlib import Path

import markdown
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from alertes import notice
from alertes.imports import FIELDS
from lab.infra.exports import XlsxWorkbook, csv_bytes

SOFTWARE_KEY = "alertes"
TEMPLATE_NAME = "modele-import-adherents"

#: How to fill each column of the import template (the « Mode d'emploi » sheet).
COLUMN_HELP = {
    "last_name": "Nom de famille.",
    "first_name": "Prénom.",
    "phone": "Téléphone mobile (06 12 34 56 78, +262 639 12 34 56…) : les fixes ne reçoivent pas de SMS.",
    "birth_date": "JJ/MM/AAAA (ou une date Excel).",
    "email": "Facultatif : pour la lettre d'information par courriel.",
    "groups": "Facultatif : noms de groupes déjà créés dans le module, séparés par des virgules.",
    "consent": "« oui » si la personne accepte de recevoir des SMS ; vide ou « non » sinon.",
    "notes": "Facultatif : remarques de suivi (pas de données sensibles).",
}


def template_header():
    """The import template's columns: the importer's own label of each field, in its order."""
    return [str(label) for _name, label, _aliases, _required in FIELDS]


def import_template_csv():
    """An empty import template (UTF-8 with BOM, « ; »): Excel opens it with accents intact."""
    return csv_bytes([], header=template_header())


def import_template_xlsx():
    """An empty import template as an Excel workbook, with a sheet explaining each column."""
    workbook = XlsxWorkbook()
    workbook.sheet(_("Adhérents")).append(template_header(), bold=True)
    guide = workbook.sheet(_("Mode d'emploi"))
    guide.append([_("Colonne"), _("Obligatoire"), _("Contenu")], bold=True)
    for name, label, _aliases, required in FIELDS:
        guide.append([str(label), _("oui") if required else _("non"), COLUMN_HELP.get(name, "")])
    return workbook.to_bytes()


def installation_path():
    return Path(settings.BASE_DIR) / "docs" / "alertes-installation.md"


def installation_html():
    """The install guide rendered from Markdown (our own file: trusted HTML)."""
    text = installation_path().read_text(encoding="utf-8")
    return mark_safe(markdown.markdown(text, extensions=["tables", "toc", "sane_lists", "fenced_code"]))  # noqa: S308


def links():
    """The fiche's links to the software; the code source only when its address is configured."""
    result = []
    if settings.ALERTES_SOURCE_URL:
        result.append((_("Le code source"), settings.ALERTES_SOURCE_URL))
    result += [
        (_("La notice d'utilisation"), reverse("alertes_public:notice")),
        (_("La notice d'utilisation (PDF)"), reverse("alertes_public:notice_pdf")),
        (_("Le guide d'installation"), reverse("alertes_public:installation")),
    ]
    return result


def kit_files():
    """The files the replication kit adds under ``logiciel/``."""
    return [
        ("notice-alertes-sms.pdf", notice.notice_pdf()),
        ("guide-installation.md", installation_path().read_bytes()),
        (f"{TEMPLATE_NAME}.csv", import_template_csv()),
        (f"{TEMPLATE_NAME}.xlsx", import_template_xlsx()),
    ]


def sitemap_entries():
    """The module's public documents, for the sitemap (``home.sitemaps``)."""
    return [(reverse("alertes_public:notice"), None), (reverse("alertes_public:installation"), None)]
