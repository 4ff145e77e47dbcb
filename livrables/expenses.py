"""The expenses file funders ask for: totals, the XLSX/CSV export and the receipts as one zip."""

import io
import zipfile
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.text import slugify

from lab.infra.exports import XlsxWorkbook, csv_bytes
from livrables.choices import ExpenseCategory

#: Columns in the order of the FSE/FEDER expense statements (état récapitulatif des dépenses).
COLUMNS = [
    ("Date", lambda e: e.date.strftime("%d/%m/%Y")),
    ("Catégorie", lambda e: e.get_category_display()),
    ("Objet", lambda e: e.label),
    ("Mission ou atelier", lambda e: e.mission),
    ("Fournisseur", lambda e: e.supplier),
    ("Montant HT (€)", lambda e: e.amount_ht),
    ("TVA (€)", lambda e: e.vat),
    ("Montant TTC (€)", lambda e: e.amount_ttc),
    ("Avancé par", lambda e: e.advanced_by),
    ("Justificatif", lambda e: receipt_name(e) or "MANQUANT"),
]
#: Excel's format of the amount columns (HT, TVA, TTC).
AMOUNT_FORMATS = [None] * 5 + ["#,##0.00"] * 3


def receipt_name(expense):
    """The receipt's name inside the zip: the expense's number, date and label."""
    if not expense.receipt:
        return ""
    extension = expense.receipt.name.rsplit(".", 1)[-1].lower()
    return f"justificatifs/{expense.pk:05d}-{expense.date:%Y%m%d}-{slugify(expense.label)[:40]}.{extension}"


def summary(programme):
    """Totals per category, justified or not, and the share of the programme's budget spent."""
    expenses = programme.expenses.all()
    rows = []
    by_category = {
        row["category"]: row
        for row in expenses.values("category").annotate(
            ht=Sum("amount_ht"), ttc=Sum("amount_ttc"), count=Count("pk"), missing=Count("pk", filter=Q(receipt=""))
        )
    }
    for value, label in ExpenseCategory.choices:
        row = by_category.get(value)
        if row:
            rows.append({"category": label, **row})
    totals = expenses.aggregate(
        ht=Sum("amount_ht"),
        ttc=Sum("amount_ttc"),
        count=Count("pk"),
        missing=Count("pk", filter=Q(receipt="")),
        justified_ttc=Sum("amount_ttc", filter=~Q(receipt="")),
    )
    totals = {key: value or (Decimal("0") if key not in ("count", "missing") else 0) for key, value in totals.items()}
    budget = programme.budget_ttc
    totals["budget_ttc"] = budget
    totals["budget_share"] = (totals["ttc"] / budget * 100).quantize(Decimal("0.1")) if budget else None
    return {"rows": rows, "totals": totals}


def export_rows(programme):
    for expense in programme.expenses.order_by("date", "pk"):
        yield [getter(expense) for _title, getter in COLUMNS]


def export_csv(programme):
    """UTF-8 CSV with BOM, « ; » separators and decimal commas, as French spreadsheets open it."""
    return csv_bytes(export_rows(programme), header=[title for title, _getter in COLUMNS], decimal_comma=True)


def export_xlsx(programme):
    workbook = XlsxWorkbook()
    sheet = workbook.sheet("Dépenses")
    sheet.append([title for title, _getter in COLUMNS], bold=True)
    sheet.extend(export_rows(programme), number_formats=AMOUNT_FORMATS)
    return workbook.to_bytes()


def receipts_zip(programme):
    """The export (XLSX and CSV) and every receipt, named as the export names them, in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("depenses.xlsx", export_xlsx(programme))
        archive.writestr("depenses.csv", export_csv(programme))
        for expense in programme.expenses.exclude(receipt="").order_by("date", "pk"):
            with expense.receipt.open("rb") as handle:
                archive.writestr(receipt_name(expense), handle.read())
    return buffer.getvalue()
