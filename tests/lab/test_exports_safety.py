"""Every CSV and XLSX of the site goes through lab.infra.exports: no cell runs as a formula.

For each export URL, a formula is typed in a text field the export shows, the file is downloaded by
a user who may, and the cell must start with a quote, while genuine numbers stay numbers.
"""

import csv
import datetime
import io
import time
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from lab.infra.exports import SafeSpreadsheetExportMixin, cell_value, csv_bytes
from lab.models import Person

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.invalid","clic")'


def content(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(response, delimiter=";"):
    rows = csv.reader(io.StringIO(content(response).decode("utf-8-sig")), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def xlsx_cells(response):
    workbook = load_workbook(io.BytesIO(content(response)))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


def is_number(text):
    try:
        Decimal(text.replace(",", "."))
    except ArithmeticError:
        return False
    return True


def assert_quoted(cells):
    """The formula is there, quoted; no text cell (a number aside) starts as a formula would."""
    assert "'" + FORMULA in cells
    texts = [cell for cell in cells if isinstance(cell, str) and not is_number(cell)]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in texts)


# -- the writer itself -----------------------------------------------------------------------------


def test_the_writer_quotes_formulas_and_keeps_numbers():
    for text in ("=1+1", "+33", "-x", "@SUM(A1)", "\tcmd", "\rcmd"):
        assert cell_value(text) == "'" + text
    assert cell_value(-3) == -3 and cell_value(Decimal("-3.5"), decimal_comma=True) == "-3,5"
    assert cell_value(gettext_lazy("Ateliers tenus"), xlsx=True) == "Ateliers tenus"
    assert cell_value(None) == "" and cell_value(["a", "=b"]) == "a, =b"
    assert cell_value("=a\x01b", xlsx=True) == "'=ab"  # a character XLSX cannot hold is dropped
    text = csv_bytes([[FORMULA, -3]], header=["Nom", "Valeur"]).decode("utf-8")
    assert (
        text.startswith("\ufeffNom;Valeur")
        and text.splitlines()[1] == '"\'=HYPERLINK(""http://evil.invalid"",""clic"")";-3'
    )


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                yield str(pattern.pattern), view_class, getattr(pattern.callback, "view_initkwargs", {})


def test_every_exporting_admin_view_writes_through_the_one_writer():
    """Every view with columns to export (a viewset's list_export, a report, form answers)."""
    from wagtail.contrib.forms.views import SubmissionsListView

    exporting = [
        (route, view)
        for route, view, options in _views(get_resolver().url_patterns)
        if hasattr(view, "as_spreadsheet")
        and (options.get("list_export") or view.list_export or issubclass(view, SubmissionsListView))
    ]
    assert len(exporting) > 20
    assert [route for route, view in exporting if not issubclass(view, SafeSpreadsheetExportMixin)] == []


# -- Wagtail's list exports -----------------------------------------------------------------------


@pytest.fixture
def prototype(world):
    from tests.projets.factories import make_prototype

    return make_prototype(world.programme_a, title="Alertes SMS", structure=world.structure_a)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_typed_in_the_public_replication_form_is_quoted_in_the_list_export(
    client, world, prototype, login, fmt
):
    from projets.forms import make_form_token

    data = {
        "structure_name": FORMULA,
        "city": "Valenciennes",
        "contact_name": "Camille Exemple",
        "email": "camille@exemple.invalid",
        "message": "Nous aimerions le tester.",
        "website": "",
        "token": make_form_token(time.time() - 30),
    }
    assert client.post(prototype.url + "essaimer/", data, REMOTE_ADDR="203.0.113.7").status_code == 302
    response = login(world.coordinator).get(reverse("projets_essaimages:index"), {"export": fmt})
    cells = xlsx_cells(response) if fmt == "xlsx" else csv_cells(response, delimiter=",")
    assert_quoted(cells)
    assert "Valenciennes" in cells


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("model", ["person", "structure"])
def test_participants_and_structures_list_exports_quote_formulas(world, login, model, fmt):
    if model == "person":
        Person.objects.filter(pk=world.person_a.pk).update(last_name=FORMULA)
    else:
        type(world.structure_a).objects.filter(pk=world.structure_a.pk).update(city=FORMULA)
    response = login(world.owner).get(reverse(f"wagtailsnippets_lab_{model}:list"), {"export": fmt})
    cells = xlsx_cells(response) if fmt == "xlsx" else csv_cells(response, delimiter=",")
    assert_quoted(cells)


def test_the_questionnaire_answers_exports_quote_formulas_and_keep_numbers(client, world, login):
    from ateliers.builders import add_questionnaire

    page = add_questionnaire(
        world.programme_a,
        title="Questionnaire",
        questions=[
            {"label": "Remarque", "field_type": "singleline", "required": False},
            {"label": "Écart", "field_type": "number", "required": False},
        ],
    )
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    page.get_submission_class().objects.create(
        page=page, form_data={fields["Remarque"]: FORMULA, fields["Écart"]: "-3"}
    )
    coordinator = login(world.coordinator)
    cells = csv_cells(coordinator.get(reverse("ateliers_admin:questionnaire_csv", args=[page.pk])))
    assert_quoted(cells)
    assert "-3" in cells  # a number answer stays a number
    admin = login(world.admin)
    listing = reverse("wagtailforms:list_submissions", args=[page.pk])
    assert "'" + FORMULA in csv_cells(admin.get(listing, {"export": "csv"}), delimiter=",")
    assert "'" + FORMULA in xlsx_cells(admin.get(listing, {"export": "xlsx"}))


def test_the_site_history_report_export_quotes_formulas(world, login):
    from wagtail.log_actions import log

    log(world.person_a, "wagtail.edit", user=world.admin, title=FORMULA)  # the entry's label
    client = login(world.admin)
    cells = csv_cells(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}), delimiter=",")
    assert "'" + FORMULA in cells
    cells = xlsx_cells(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "xlsx"}))
    assert "'" + FORMULA in cells


# -- the project's own exports --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_alertes_members_export_quotes_formulas(world, login, fmt):
    from tests.alertes.conftest import make_member

    make_member(world.structure_a, FORMULA, "Alice", "06 12 34 56 01")
    response = login(world.owner).get(reverse("alertes:member_export", args=[fmt]))
    cells = xlsx_cells(response) if fmt == "xlsx" else csv_cells(response)
    assert_quoted(cells)


@pytest.fixture
def expenses(world):
    from livrables.models import Expense

    common = {"programme": world.programme_a, "date": datetime.date(2021, 5, 4), "category": "autre", "vat": 0}
    Expense.objects.create(label=FORMULA, amount_ht=Decimal("10.00"), amount_ttc=Decimal("10.00"), **common)
    Expense.objects.create(label="Avoir", amount_ht=Decimal("-3.00"), amount_ttc=Decimal("-3.00"), **common)


def test_the_expenses_csv_quotes_formulas_and_keeps_a_credit_as_a_number(world, expenses, login):
    response = login(world.coordinator).get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "csv"]))
    cells = csv_cells(response)
    assert_quoted(cells)
    assert "-3,00" in cells


def test_the_expenses_xlsx_quotes_formulas_and_keeps_a_credit_as_a_number(world, expenses, login):
    response = login(world.coordinator).get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "xlsx"]))
    cells = xlsx_cells(response)
    assert_quoted(cells)
    assert Decimal("-3") in cells or -3 in cells


def test_the_indicators_xlsx_opens_with_the_french_labels_and_quotes_the_title(world, login):
    type(world.programme_a).objects.filter(pk=world.programme_a.pk).update(title=FORMULA)
    url = reverse("livrables_indicators_export", args=[world.programme_a.pk, "xlsx"])
    cells = xlsx_cells(login(world.funder).get(url))
    assert_quoted(cells)
    assert {"Rubrique", "Ateliers tenus", "Participants uniques", "Problèmes ouverts"} <= set(cells)
    assert 0 in cells  # counts are numbers


def test_the_indicators_csv_has_the_french_labels_and_numbers(world, login):
    url = reverse("livrables_indicators_export", args=[world.programme_a.pk, "csv"])
    rows = list(csv.reader(io.StringIO(content(login(world.funder).get(url)).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Rubrique", "Indicateur", "Valeur"]
    assert ["Activité", "Ateliers tenus", "0"] in rows
    assert not any(cell.startswith("'") for row in rows for cell in row)
