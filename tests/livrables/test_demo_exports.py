"""Exports of the demo built from the seeds: the mention on every page, bundles, storytelling, proofs.

The demo is loaded once for the module (``module_demo``); each test runs in a savepoint of it.
"""

import io
import zipfile

import pytest
from django.urls import reverse

from lab.models import ProgrammePage
from livrables import exports, indicators
from projets.models import PrototypePage
from tests.livrables.test_exports import assert_mention_on_every_page, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(module_demo, db):
    """The demo of the module, as it was loaded."""


@pytest.mark.parametrize("kind", ["bilan", "livret", "fiches-structures"])
def test_every_export_carries_the_mention_on_every_page(demo, kind):
    programme = ProgrammePage.objects.get(slug="design-palas-labo-2021")
    pdf, filename = exports.render_export(kind, programme)
    assert filename.endswith(".pdf")
    assert_mention_on_every_page(pdf, programme)


def test_the_review_shows_the_indicators_with_charts(demo):
    programme = ProgrammePage.objects.get(slug="design-palas-labo-2021")
    figures = indicators.compute(programme)
    text = " ".join(" ".join(pages(exports.render_export("bilan", programme)[0])).split())
    assert f"{figures.participants} participants uniques" in text
    assert "Participants uniques par rôle" in text
    assert "Résultats par structure" in text


def test_the_structure_sheets_have_one_sheet_per_structure(demo):
    programme = ProgrammePage.objects.get(slug="design-palas-labo-2021")
    text = " ".join(pages(exports.render_export("fiches-structures", programme)[0]))
    for structure in programme.structures.all():
        assert structure.name.split()[-1] in text


def test_the_replication_bundle_holds_a_readable_guide_with_licence_and_feder_sentence(demo, client):
    prototype = PrototypePage.objects.get(slug="alertes-sms")
    response = client.get(reverse("replication_bundle", args=[prototype.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "alertes-sms/LICENSE" in names and "alertes-sms/alertes-sms.md" in names
    guide = archive.read("alertes-sms/guide-essaimage.pdf")
    text = " ".join(" ".join(pages(guide)).split())
    assert "Guide d'essaimage — Alertes SMS" in text
    assert "CC BY-SA 4.0" in text
    assert "cofinancé par l'Union Européenne avec le FEDER" in text
    assert "CC BY-SA 4.0" in archive.read("alertes-sms/LICENSE").decode()


def test_an_unpublished_prototype_has_no_bundle(demo, client):
    prototype = PrototypePage.objects.get(slug="alertes-sms")
    prototype.unpublish()
    assert client.get(reverse("replication_bundle", args=[prototype.pk])).status_code == 404


def test_a_storytelling_tells_the_project_in_time_order_with_the_mention(demo, login):
    from livrables.models import Story
    from livrables.story import story_events
    from tests.factories import UserFactory

    story = Story.objects.select_related("project__programme").first()
    events, _undated = story_events(story.project)
    assert [e.date for e in events] == sorted(e.date for e in events)
    # The Croissant Sud storytelling (once « Aucun événement enregistré ») tells its prototype's iterations and
    # stages and its follow-up log.
    croissant = Story.objects.get(project__programme__slug="croissant-sud-2020")
    kinds = {event.kind for event in story_events(croissant.project)[0]}
    assert {"Itération", "Étape franchie", "Suivi — contact", "Suivi — problème"} <= kinds
    admin = UserFactory(username="chef", is_superuser=True, is_staff=True)
    response = login(admin).get(reverse("livrables_story_pdf", args=[story.pk]))
    assert_mention_on_every_page(response.content, story.project.programme)
    assert story.title.split(":")[0] in " ".join(pages(response.content))


def test_it_refuses_another_structures_storytelling(demo, world, login):
    from livrables.models import Story

    story = Story.objects.first()
    assert login(world.outsider).get(reverse("livrables_story_pdf", args=[story.pk])).status_code == 404


def test_the_design_palas_proofs_pack_holds_signed_scans_or_attendance_records_never_a_blank_sheet(demo):
    programme = ProgrammePage.objects.get(slug="design-palas-labo-2021")
    content, name = exports.proofs_pack(programme)
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert name.startswith("justificatifs-")
    assert {"certificats.pdf", "bilan.pdf", "depenses/depenses.xlsx"} <= set(names)
    proofs = [n for n in names if n.startswith("emargement/")]
    # The demo's signed scan of the first labo's first morning, and an état de présence elsewhere.
    assert any(n.endswith("2021-10-05-matin-feuille-signee.jpg") for n in proofs)
    records = [n for n in proofs if n.endswith("etat-de-presence.pdf")]
    assert records
    for record in records:
        text = " ".join(" ".join(page.split()) for page in pages(archive.read(record)))
        assert "État de présence" in text and " P " in text
        assert "Les lignes vides servent aux personnes venues sans inscription" not in text  # the blank sheet
        assert "Feuille d'émargement —" not in text
    assert not [n for n in names if n.startswith("feuilles-de-presence/")]
