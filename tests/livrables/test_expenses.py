"""Expenses: exact amounts, receipts required to count as justified, exports in the funders' columns."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from livrables import expenses
from livrables.models import Expense

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending(world):
    programme = world.programme_a
    programme.budget_ttc = Decimal("10000.00")
    programme.save()
    make = Expense.objects.create
    return [
        make(
            programme=programme,
            date=datetime.date(2021, 5, 3),
            category="deplacement",
            label="Billet d'avion Dzaoudzi",
            amount_ht=Decimal("410.10"),
            vat=Decimal("0.00"),
            amount_ttc=Decimal("410.10"),
            receipt=SimpleUploadedFile("billet.pdf", b"%PDF-1.4 billet"),
        ),
        make(
            programme=programme,
            date=datetime.date(2021, 5, 4),
            category="restauration",
            label='=HYPERLINK("http://evil")',
            amount_ht=Decimal("100.00"),
            vat=Decimal("10.00"),
            amount_ttc=Decimal("110.00"),
        ),
        make(
            programme=world.programme_b,
            date=datetime.date(2021, 5, 4),
            category="materiel",
            label="Dépense de B",
            amount_ht=Decimal("1"),
            vat=Decimal("0"),
            amount_ttc=Decimal("1"),
        ),
    ]


def test_the_summary_totals_exact_decimals_and_counts_missing_receipts(world, spending):
    summary = expenses.summary(world.programme_a)
    assert summary["totals"]["ttc"] == Decimal("520.10")
    assert summary["totals"]["justified_ttc"] == Decimal("410.10")
    assert summary["totals"]["missing"] == 1
    assert summary["totals"]["budget_share"] == Decimal("5.2")


def test_it_refuses_a_ttc_that_is_not_ht_plus_vat(world):
    expense = Expense(
        programme=world.programme_a,
        date="2021-01-01",
        category="autre",
        label="x",
        amount_ht=Decimal("10"),
        vat=Decimal("2"),
        amount_ttc=Decimal("13"),
    )
    with pytest.raises(ValidationError, match="doit être égal au HT plus la TVA"):
        expense.full_clean()


def test_the_xlsx_export_is_in_the_funders_order_and_defuses_formulas(world, spending, login):
    response = login(world.coordinator).get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Date", "Catégorie", "Objet")
    assert rows[1][2] == "Billet d'avion Dzaoudzi"
    assert rows[2][2].startswith("'=")
    assert rows[2][-1] == "MANQUANT"
    assert len(rows) == 3  # programme B's expense is not there


def test_the_csv_export_opens_in_a_french_spreadsheet(world, spending):
    text = expenses.export_csv(world.programme_a).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][5] == "410,10"


def test_the_zip_holds_the_export_and_the_receipts_named_as_in_the_export(world, spending, login):
    response = login(world.funder).get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "zip"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "depenses.xlsx" in names and "depenses.csv" in names
    receipt = expenses.receipt_name(spending[0])
    assert receipt in names
    assert archive.read(receipt) == b"%PDF-1.4 billet"


def test_it_refuses_another_programmes_expenses(world, spending, login):
    client = login(world.outsider)
    assert client.get(reverse("livrables_expenses", args=[world.programme_a.pk])).status_code == 404
    assert client.get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "zip"])).status_code == 404


def test_the_overview_shows_totals_against_the_budget(world, spending, login):
    content = login(world.coordinator).get(reverse("livrables_expenses", args=[world.programme_a.pk])).content.decode()
    assert "5,2 % consommé" in content
