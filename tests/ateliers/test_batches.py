"""Certificate batches as parts on the task queue: parts, the sweep of dead workers, « Relancer »,
progress, empty batches and the per-structure batch. Tasks run immediately (test settings); the
steps a dead worker leaves behind are written in the database as it would leave them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ateliers.choices import AttendanceStatus, BatchKind, BatchStatus
from ateliers.models import Certificate, CertificateBatch, CertificateBatchPart
from ateliers.services import batches
from ateliers.services.attendance import mark_attendance
from ateliers.services.registrations import register
from tests.ateliers.conftest import make_workshop, team
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


def pages_text(pdf_bytes):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


@pytest.fixture
def crowd(world, labo, settings):
    """Seven people of two structures who came to the labo: 9 certificates, in parts of 2, 2, 2, 1, 1, 1."""
    settings.PDF_BATCH_PART = 2
    labo.max_per_structure = None
    labo.save()
    world.structure_c = StructureFactory(name="CCAS de Dembéni")
    world.structure_c.programmes.add(world.programme_a)
    labo.invited_structures.add(world.structure_c)
    sessions = list(labo.sessions.all())
    for n, person in enumerate(team(world.structure_a, 4) + team(world.structure_c, 3)):
        registration = register(labo, person)
        for session in sessions[: 1 + n % 3]:
            mark_attendance(registration, session, AttendanceStatus.PRESENT)
    return labo


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start a batch as the button does (its tasks run when the request's work is committed)."""

    def _start(client, url, **data):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, data)
        return CertificateBatch.objects.latest("pk")

    return _start


def download(client, batch):
    response = client.get(reverse("ateliers_admin:batch_download", args=[batch.pk]))
    return b"".join(response.streaming_content)


def test_a_batch_is_rendered_in_parts_then_joined_in_order(world, crowd, login, start):
    client = login(world.coordinator)
    batch = start(client, reverse("ateliers_admin:workshop_batch", args=[crowd.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.total == 9 and batch.pages == 9
    parts = list(batch.parts.all())
    assert len(parts) == 6 and all(part.status == BatchStatus.DONE for part in parts)
    assert sum(part.size for part in parts) == 9
    assert not any(part.file for part in parts)  # joined, then removed
    texts = pages_text(download(client, batch))
    codes = [Certificate.objects.get(pk=pk).code for part in parts for pk in part.certificate_ids]
    assert [code in text for code, text in zip(codes, texts, strict=True)] == [True] * 9
    status = client.get(reverse("ateliers_admin:batch_status", args=[batch.pk])).json()
    assert (status["parts_done"], status["parts_total"], status["done"], status["total"]) == (6, 6, 9, 9)


def test_a_part_left_by_a_dead_worker_is_run_again_by_the_sweep(world, crowd, login, settings):
    batch = CertificateBatch.objects.create(programme=crowd.programme, workshop=crowd, requested_by=world.coordinator)
    part_ids = batches.prepare(batch.pk)
    assert len(part_ids) == 6
    issued = Certificate.objects.count()
    # A worker claimed the second part, then was killed: « en cours », silent for an hour.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    assert batches.render_part(part_ids[0]) is False
    CertificateBatchPart.objects.filter(pk=part_ids[1]).update(
        status=BatchStatus.RUNNING, attempts=1, heartbeat_at=an_hour_ago
    )
    for pk in part_ids[2:]:
        batches.render_part(pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and batch.done == 7  # stuck there without the sweep
    assert batches.render_part(part_ids[1]) is False  # a live claim is not taken twice

    call_command("batches_sweep", stdout=io.StringIO())

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.done == batch.total == 9
    assert len(pages_text(download(login(world.coordinator), batch))) == 9
    assert CertificateBatchPart.objects.get(pk=part_ids[1]).attempts == 2
    assert Certificate.objects.count() == issued  # no certificate twice
    assert batches.prepare(batch.pk) == [] and Certificate.objects.count() == issued


def test_a_part_that_keeps_dying_fails_its_batch_with_the_reason(world, crowd, settings):
    settings.BATCH_MAX_ATTEMPTS = 2
    batch = CertificateBatch.objects.create(programme=crowd.programme, workshop=crowd)
    part_ids = batches.prepare(batch.pk)
    CertificateBatchPart.objects.filter(pk=part_ids[0]).update(
        status=BatchStatus.RUNNING, attempts=2, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    call_command("batches_sweep", stdout=io.StringIO())
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert "Part 1" in batch.error and "2 fois" in batch.error


def test_a_batch_whose_preparation_was_never_run_is_prepared_by_the_sweep(world, crowd):
    batch = CertificateBatch.objects.create(
        programme=crowd.programme, workshop=crowd, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    call_command("batches_sweep", stdout=io.StringIO())
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.pages == 9


def test_relancer_runs_again_only_the_failed_part(world, crowd, login, django_capture_on_commit_callbacks):
    batch = CertificateBatch.objects.create(programme=crowd.programme, workshop=crowd)
    part_ids = batches.prepare(batch.pk)
    broken = CertificateBatchPart.objects.get(pk=part_ids[2])
    good_ids = broken.certificate_ids
    CertificateBatchPart.objects.filter(pk=broken.pk).update(certificate_ids=[*good_ids, 999999])
    for pk in part_ids:
        try:
            batches.render_part(pk)
        except KeyError:
            pass
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and batch.error.startswith("Part 3")
    client = login(world.coordinator)
    page = client.get(reverse("ateliers_admin:batch", args=[batch.pk])).content.decode()
    assert "Relancer" in page and "Part 3" in page

    CertificateBatchPart.objects.filter(pk=broken.pk).update(certificate_ids=good_ids)  # the cause is fixed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ateliers_admin:batch_retry", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.pages == 9 and batch.error == ""
    attempts = dict(CertificateBatchPart.objects.filter(batch=batch).values_list("pk", "attempts"))
    assert attempts == {pk: 2 if pk == broken.pk else 1 for pk in part_ids}


def test_relancer_is_refused_to_a_funder_and_hidden_from_another_programme(world, crowd, login):
    batch = CertificateBatch.objects.create(programme=crowd.programme, workshop=crowd, status=BatchStatus.FAILED)
    url = reverse("ateliers_admin:batch_retry", args=[batch.pk])
    assert login(world.funder).post(url).status_code in (302, 403)  # read-only: refused
    assert login(world.outsider).post(url).status_code == 404
    assert login(world.coordinator).get(url).status_code == 405
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED


def test_a_batch_with_nothing_to_certify_says_so_and_makes_no_pdf(world, login, start):
    workshop = make_workshop(world.programme_a, title="Labo sans présence")
    client = login(world.coordinator)
    batch = start(client, reverse("ateliers_admin:workshop_batch", args=[workshop.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.total == 0 and not batch.file
    status = client.get(reverse("ateliers_admin:batch_status", args=[batch.pk])).json()
    assert status["empty"] and status["download"] is None
    page = client.get(reverse("ateliers_admin:batch", args=[batch.pk])).content.decode()
    assert "Rien à certifier" in page
    assert client.get(reverse("ateliers_admin:batch_download", args=[batch.pk])).status_code == 404


def test_one_pdf_holds_the_certificate_of_every_structure_of_the_programme(world, crowd, login, start):
    client = login(world.coordinator)
    batch = start(client, reverse("ateliers_admin:programme_batch", args=[crowd.programme.pk]), contenu="structures")
    batch.refresh_from_db()
    assert batch.kind == BatchKind.STRUCTURES and batch.status == BatchStatus.DONE
    texts = pages_text(download(client, batch))
    assert len(texts) == 2
    assert world.structure_c.name in texts[0] and world.structure_a.name in texts[1]  # « CCAS » < « Centre »
    assert not Certificate.objects.filter(person__isnull=False).exists()  # no person certificate issued
    page = client.get(reverse("ateliers_admin:batch", args=[batch.pk])).content.decode()
    assert "Un certificat par structure" in page
