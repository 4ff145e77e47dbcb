"""Exports of a structure's members (CSV, XLSX), written by ``lab.infra.exports`` (no formula cells)."""

from django.utils.translation import gettext as _

from alertes.models import Member
from lab.infra.exports import XlsxWorkbook, csv_bytes
from lab.infra.phones import format_phone


def member_rows(structure):
    """Header and rows of the structure's members, alphabetically, in two queries."""
    header = [
        _("Nom"),
        _("Prénom"),
        _("Téléphone mobile"),
        _("Adresse e-mail"),
        _("Date de naissance"),
        _("Âge"),
        _("Groupes"),
        _("Consentement"),
        _("Notes"),
    ]
    members = Member.objects.filter(structure=structure).prefetch_related("groups")
    rows = [
        [
            member.last_name,
            member.first_name,
            format_phone(member.phone),
            member.email,
            member.birth_date.strftime("%d/%m/%Y"),
            member.age,
            ", ".join(group.name for group in member.groups.all()),
            _("oui") if member.consent else _("non"),
            member.notes,
        ]
        for member in members
    ]
    return header, rows


def members_csv(structure):
    """CSV (UTF-8 with BOM, « ; ») that Excel opens with accents intact."""
    header, rows = member_rows(structure)
    return csv_bytes(rows, header=header)


def members_xlsx(structure):
    """An Excel workbook of the members; every text cell is stored as text, never as a formula."""
    header, rows = member_rows(structure)
    workbook = XlsxWorkbook()
    sheet = workbook.sheet(_("Adhérents"))
    sheet.append(header)
    sheet.extend(rows)
    return workbook.to_bytes()
