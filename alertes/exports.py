"""Exports of a structure's members (CSV, XLSX) whose cells never run as spreadsheet formulas."""

import csv
import io

from django.utils.translation import gettext as _

from alertes.models import Member
from lab.infra.phones import format_phone

#: A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as text, prefixed with a quote when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


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
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def members_xlsx(structure):
    """An Excel workbook of the members; every text cell is stored as text, never as a formula."""
    from openpyxl import Workbook

    header, rows = member_rows(structure)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Adhérents"))
    sheet.append(header)
    for row in rows:
        sheet.append([cell if isinstance(cell, int) else safe_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
