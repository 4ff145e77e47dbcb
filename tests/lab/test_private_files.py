"""Files with personal data or funders' documents are never reachable by URL alone.

Exports (the proofs pack), certificate batches and receipts live in the private storage (outside
MEDIA_ROOT, no media URL) and are downloaded through scoped views; deliverables' documents sit in
a restricted collection that Wagtail's document view enforces. Each is tried by someone who must be
refused: an anonymous visitor, another structure's member, another programme's funder.
"""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from ateliers.choices import BatchStatus
from ateliers.models import CertificateBatch
from lab.choices import ProgrammeRoleKind
from lab.models import ProgrammeRole
from livrables.choices import DeliverableKind
from livrables.models import Deliverable, Expense, ExportJob, ExportStatus
from tests import files
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_funder(world):
    """A funder of programme B: logged in, with a role, but not on programme A."""
    user = UserFactory(username="funder_b")
    ProgrammeRole.objects.create(user=user, programme=world.programme_b, role=ProgrammeRoleKind.FUNDER)
    return user


@pytest.fixture
def proofs_pack(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("feuilles/emargement.pdf", b"%PDF-1.4 Alice Martin")
    job = ExportJob.objects.create(programme=world.programme_a, kind="justificatifs", status=ExportStatus.DONE)
    job.file.save("justificatifs-programme-a.zip", ContentFile(buffer.getvalue()))
    return job


@pytest.fixture
def batch(world):
    batch = CertificateBatch.objects.create(programme=world.programme_a, status=BatchStatus.DONE, total=1, done=1)
    batch.file.save("certificats-a.pdf", ContentFile(b"%PDF-1.4 certificats"))
    return batch


@pytest.fixture
def expense(world):
    return Expense.objects.create(
        programme=world.programme_a,
        date=datetime.date(2021, 5, 3),
        category="deplacement",
        label="Billet Dzaoudzi",
        amount_ht=Decimal("410.10"),
        amount_ttc=Decimal("410.10"),
        receipt=SimpleUploadedFile("billet.pdf", b"%PDF-1.4 billet"),
    )


def assert_private(field_file):
    path = Path(field_file.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    with pytest.raises(ValueError):
        field_file.url  # noqa: B018 — no media URL at all


def assert_download(response, content):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Labo-Cache" not in response


def test_the_proofs_pack_is_outside_media_root_and_has_no_media_url(proofs_pack):
    assert_private(proofs_pack.file)


def test_the_proofs_pack_downloads_for_the_programmes_funder_only(world, proofs_pack, login, client, other_funder):
    url = reverse("livrables_export_download", args=[proofs_pack.pk])
    content = proofs_pack.file.open("rb").read()
    assert client.get(url).status_code == 302  # anonymous: the admin's login page
    assert login(world.outsider).get(url).status_code == 404
    assert login(other_funder).get(url).status_code == 404
    assert_download(login(world.funder).get(url), content)
    assert_download(login(world.coordinator).get(url), content)


def test_the_export_status_gives_the_download_view_not_a_media_url(world, proofs_pack, login):
    status = login(world.coordinator).get(reverse("livrables_export_status", args=[proofs_pack.pk])).json()
    assert status["url"] == reverse("livrables_export_download", args=[proofs_pack.pk])
    page = login(world.coordinator).get(reverse("livrables_exports", args=[world.programme_a.pk])).content.decode()
    assert reverse("livrables_export_download", args=[proofs_pack.pk]) in page
    assert settings.MEDIA_URL + "exports/" not in page


def test_a_certificate_batch_is_private_and_refused_to_another_programme(world, batch, login, client, other_funder):
    assert_private(batch.file)
    url = reverse("ateliers_admin:batch_download", args=[batch.pk])
    assert client.get(url).status_code == 302
    assert login(world.outsider).get(url).status_code == 404
    assert login(other_funder).get(url).status_code == 404
    assert_download(login(world.coordinator).get(url), b"%PDF-1.4 certificats")


def test_a_receipt_is_private_and_refused_to_another_structure(world, expense, login, client, other_funder):
    assert_private(expense.receipt)
    url = reverse("livrables_expense_receipt", args=[expense.pk])
    assert client.get(url).status_code == 302
    assert login(world.outsider).get(url).status_code == 404
    assert login(other_funder).get(url).status_code == 404
    assert_download(login(world.funder).get(url), b"%PDF-1.4 billet")


def test_the_expense_form_links_the_receipt_to_its_download_view(world, expense, login):
    page = login(world.coordinator).get(reverse("wagtailsnippets_livrables_expense:edit", args=[expense.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert reverse("livrables_expense_receipt", args=[expense.pk]) in content
    assert "/justificatifs/" not in content.replace(reverse("livrables_expense_receipt", args=[expense.pk]), "")


def test_the_receipts_zip_still_holds_the_receipts(world, expense, login):
    response = login(world.funder).get(reverse("livrables_expenses_export", args=[world.programme_a.pk, "zip"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert b"%PDF-1.4 billet" in [archive.read(name) for name in archive.namelist()]


@pytest.fixture
def submitted(world, login):
    """A deliverable of programme A submitted with a file by its coordinator, through the admin."""
    deliverable = Deliverable.objects.create(
        programme=world.programme_a, title="Bilan intermédiaire", kind=DeliverableKind.REPORT
    )
    response = login(world.coordinator).post(
        reverse("livrables_deliverable", args=[deliverable.pk]),
        {
            "submit-comment": "Voici le bilan.",
            "submit-file": SimpleUploadedFile("bilan.pdf", files.pdf("bilan avec des noms")),
        },
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    return deliverable


def _served(response):
    return response.status_code == 200 and b"bilan avec des noms" in b"".join(response.streaming_content)


def test_a_submitted_file_lands_in_the_programmes_restricted_collection(world, submitted):
    collection = submitted.document.collection
    assert collection.name == f"Livrables — {world.programme_a.short_name or world.programme_a.title}"
    assert collection.get_parent().name == "Livrables"
    assert submitted.events.get(document__isnull=False).document == submitted.document


def test_a_deliverables_document_is_served_to_the_funder_and_coordinator(world, submitted, login):
    url = submitted.document.url
    assert _served(login(world.funder).get(url))
    assert _served(login(world.coordinator).get(url))


def test_a_deliverables_document_is_refused_to_an_anonymous_visitor(submitted, client):
    client.logout()  # the fixture submitted the file as the coordinator
    response = client.get(submitted.document.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_deliverables_document_is_refused_to_another_programmes_user(world, submitted, login, other_funder):
    assert not _served(login(other_funder).get(submitted.document.url))
    assert not _served(login(world.outsider).get(submitted.document.url))


def test_a_document_chosen_in_the_deliverables_form_is_protected_too(world):
    document = get_document_model().objects.create(
        title="Ancien livrable", file=ContentFile(b"%PDF-1.4 ancien", name="ancien.pdf")
    )
    assert document.collection.is_root()
    Deliverable.objects.create(
        programme=world.programme_a, title="Ancien", kind=DeliverableKind.REPORT, document=document
    )
    document.refresh_from_db()
    assert document.collection.name.startswith("Livrables — ")


def test_moving_existing_files_takes_them_out_of_media_root(world):
    from django.core.files.storage import default_storage, storages
    from django.core.management import call_command

    name = default_storage.save("justificatifs/2021/05/ancien.pdf", ContentFile(b"%PDF-1.4 ancien"))
    Expense.objects.filter(
        pk=Expense.objects.create(
            programme=world.programme_a,
            date=datetime.date(2021, 5, 3),
            category="deplacement",
            label="Ancien",
            amount_ht=Decimal("1"),
            amount_ttc=Decimal("1"),
        ).pk
    ).update(receipt=name)
    call_command("move_private_files", stdout=io.StringIO())
    call_command("move_private_files", stdout=io.StringIO())  # idempotent
    assert not default_storage.exists(name)
    assert storages["private"].open(name).read() == b"%PDF-1.4 ancien"


def test_a_follow_up_attachment_is_private_and_served_to_its_structure_only(world, login, client, other_funder):
    from projets.choices import FollowUpKind
    from projets.models import FollowUpEntry
    from tests.projets.factories import make_project

    entry = FollowUpEntry.objects.create(
        project=make_project(world.structure_a, world.programme_a),
        kind=FollowUpKind.CONTACT,
        text="Échange avec la famille",
        attachment=SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4 suivi"),
    )
    assert_private(entry.attachment)
    url = reverse("projets_suivi:attachment", args=[entry.pk])
    assert client.get(url).status_code == 302
    assert login(world.outsider).get(url).status_code == 404
    assert login(other_funder).get(url).status_code == 404
    assert_download(login(world.colleague).get(url), b"%PDF-1.4 suivi")
    edit = login(world.colleague).get(reverse("projets_suivi:edit", args=[entry.pk])).content.decode()
    assert url in edit and "/projets/suivi/20" not in edit


def test_the_document_chooser_hides_another_programmes_deliverable_files(world, submitted, login, other_funder):
    from lab.services import staff_group

    other_funder.groups.add(staff_group())
    chooser = reverse("wagtaildocs_chooser:choose")
    assert "Bilan intermédiaire" not in login(other_funder).get(chooser).json()["html"]
    assert "Bilan intermédiaire" not in login(other_funder).get(chooser, {"q": "Bilan"}).json()["html"]
    world.coordinator.groups.add(staff_group())
    assert "Bilan intermédiaire" in login(world.coordinator).get(chooser).json()["html"]
