"""Exports for funders: every page carries the programme's mention; long ones run in the background."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from alertes.imports import read_table
from livrables.models import ExportJob, ExportStatus
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


def pages(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_mention_on_every_page(pdf, programme):
    texts = pages(pdf)
    assert texts
    words = programme.publicity_sentence.split()[-4:]
    for number, text in enumerate(texts, start=1):
        flat = " ".join(text.split())
        assert " ".join(words) in flat, f"page {number} lacks the publicity sentence"
        assert f"page {number} / {len(texts)}" in flat


def test_the_alertes_kit_holds_the_notice_pdf_the_install_guide_and_the_import_templates(world, client):
    prototype = make_prototype(world.programme_a, title="Alertes SMS", software="alertes")
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("replication_bundle", args=[prototype.pk])).content))
    names = set(archive.namelist())
    for name in ("notice-alertes-sms.pdf", "guide-installation.md", "modele-import-adherents.csv"):
        assert f"alertes-sms/logiciel/{name}" in names
    notice = " ".join(" ".join(pages(archive.read("alertes-sms/logiciel/notice-alertes-sms.pdf"))).split())
    assert "cofinancé par l'Union Européenne avec le FEDER" in notice.replace("’", "'")
    template = read_table(archive.read("alertes-sms/logiciel/modele-import-adherents.xlsx"), "modele.xlsx")
    assert template.header[:4] == ["Nom", "Prénom", "Téléphone mobile", "Date de naissance"]
    csv_header = archive.read("alertes-sms/logiciel/modele-import-adherents.csv").decode("utf-8-sig")
    assert csv_header.startswith("Nom;Prénom;Téléphone mobile;Date de naissance")


def test_the_kit_of_a_prototype_that_is_no_software_has_no_software_files(world, client):
    prototype = make_prototype(world.programme_a, title="Atelier papote")
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("replication_bundle", args=[prototype.pk])).content))
    assert not [name for name in archive.namelist() if "/logiciel/" in name]


def test_an_export_runs_in_the_background_and_is_downloaded(world, login, django_capture_on_commit_callbacks):
    client = login(world.funder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("livrables_exports", args=[world.programme_a.pk]), {"kind": "bilan"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE and job.file.name.endswith(".pdf")
    status = client.get(reverse("livrables_export_status", args=[job.pk])).json()
    assert status["percent"] == 100 and status["url"] == reverse("livrables_export_download", args=[job.pk])
    download = client.get(status["url"])
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Télécharger" in client.get(reverse("livrables_exports", args=[world.programme_a.pk])).content.decode()


def test_the_proofs_pack_holds_the_review_and_the_expenses(world, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(world.coordinator).post(
            reverse("livrables_exports", args=[world.programme_a.pk]), {"kind": "justificatifs"}
        )
    job = ExportJob.objects.get()
    download = login(world.funder).get(reverse("livrables_export_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert {"bilan.pdf", "depenses/depenses.xlsx"} <= set(archive.namelist())


def test_a_preview_shows_the_export_in_the_browser(world, login):
    content = (
        login(world.coordinator)
        .get(reverse("livrables_export_preview", args=[world.programme_a.pk, "livret"]))
        .content.decode()
    )
    assert "lab/pdf.css" in content and "Livret du programme" in content


@pytest.mark.parametrize("name", ["livrables_exports", "livrables_indicators"])
def test_it_refuses_another_programmes_exports_and_indicators(world, login, name):
    assert login(world.outsider).get(reverse(name, args=[world.programme_a.pk])).status_code == 404


def test_the_indicators_dashboard_exports_csv_and_xlsx(world, login):
    client = login(world.funder)
    page = client.get(reverse("livrables_indicators", args=[world.programme_a.pk]))
    assert "Participants uniques" in page.content.decode() and "<svg" in page.content.decode()
    csv_response = client.get(reverse("livrables_indicators_export", args=[world.programme_a.pk, "csv"]))
    assert "Ateliers tenus" in csv_response.content.decode("utf-8")
    xlsx = client.get(reverse("livrables_indicators_export", args=[world.programme_a.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_an_unreadable_date_is_ignored_with_a_message(world, login):
    response = login(world.funder).get(reverse("livrables_indicators", args=[world.programme_a.pk]), {"debut": "hier"})
    assert response.status_code == 200
    assert "n&#x27;est pas lisible" in response.content.decode()


@pytest.mark.parametrize(
    ("menu", "target"),
    [
        ("livrables_expenses_index", "livrables_expenses"),
        ("livrables_exports_index", "livrables_exports"),
        ("livrables_indicators_index", "livrables_indicators"),
    ],
)
def test_the_menu_entries_open_the_users_own_programme(world, login, menu, target):
    response = login(world.funder).get(reverse(menu))
    assert response["Location"] == reverse(target, args=[world.programme_a.pk])
    assert login(world.animateur).get(reverse(menu)).status_code == 404


@pytest.mark.parametrize("page_id", ["9" * 30, str(2**63)])
def test_a_huge_prototype_id_in_the_replication_links_is_not_found(db, client, login, world, page_id):
    assert client.get(f"/commun/essaimage/{page_id}/kit.zip").status_code == 404
    assert client.get(f"/commun/essaimage/{page_id}/guide.pdf").status_code == 404
    admin = login(world.admin)
    assert admin.get(f"/admin/livrables/exports/{page_id}/apercu/bilan/").status_code == 404
