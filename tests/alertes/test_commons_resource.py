"""The module as a commons resource: a public notice and install guide, an import template that imports."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from alertes import resources
from alertes.imports import FIELD_NAMES, guess_mapping, read_table
from alertes.models import Member, MemberImport

pytestmark = pytest.mark.django_db

FEDER = "cofinancé par l'Union Européenne avec le FEDER"


def flat(text):
    return " ".join(text.split()).replace("’", "'")


def test_an_anonymous_visitor_reads_the_notice_with_the_feder_sentence(client):
    response = client.get(reverse("alertes_public:notice"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Alertes SMS — notice d'utilisation" in text
    assert FEDER in text.replace("&#x27;", "'")
    assert reverse("alertes_public:notice_pdf") in text


def test_an_anonymous_visitor_downloads_the_notice_pdf_with_the_feder_sentence_on_every_page(client):
    response = client.get(reverse("alertes_public:notice_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert FEDER in flat(page.extract_text())


def test_the_public_notice_is_served_from_the_public_page_cache(client):
    url = reverse("alertes_public:notice")
    assert client.get(url)["X-Labo-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Labo-Cache"] == "hit" and "public" in second["Cache-Control"]


def test_an_anonymous_visitor_reads_the_install_guide_with_the_provider_settings_and_processes(client):
    response = client.get(reverse("alertes_public:installation"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "guide d&#x27;installation" in text or "guide d'installation" in text
    for word in ("make run", "ALERTES_HTTP_URL", "ALERTES_HTTP_API_KEY", "ALERTES_WEBHOOK_SECRET"):
        assert word in text
    assert "db_worker" in text and "alertes_sweep" in text


def test_the_import_templates_have_every_column_the_importer_recognises():
    for data, name in ((resources.import_template_csv(), "x.csv"), (resources.import_template_xlsx(), "x.xlsx")):
        table = read_table(data, name)
        assert table.header[:4] == ["Nom", "Prénom", "Téléphone mobile", "Date de naissance"]
        assert set(guess_mapping(table.header)) == set(FIELD_NAMES)
        assert table.rows == []


def test_the_csv_template_filled_with_one_member_imports_that_member(alertes, login):
    data = (
        resources.import_template_csv()
        + ("Dupont;Léa;06 12 34 56 99;01/02/2000;lea@exemple.invalid;Jeunesse;oui;Arrivée en septembre\r\n").encode()
    )
    client = login(alertes.world.owner)
    response = client.post(
        reverse("alertes:import_upload"), {"file": SimpleUploadedFile("modele-import-adherents.csv", data)}
    )
    assert response.status_code == 302
    preview = client.get(response.url)
    validation = preview.context["validation"]
    assert len(validation.valid) == 1 and not validation.invalid
    client.post(reverse("alertes:import_confirm", args=[MemberImport.objects.get().pk]))
    lea = Member.objects.get(structure=alertes.world.structure_a, last_name="Dupont")
    assert lea.phone == "+33612345699" and lea.consent and lea.email == "lea@exemple.invalid"
    assert list(lea.groups.values_list("name", flat=True)) == ["Jeunesse"]
