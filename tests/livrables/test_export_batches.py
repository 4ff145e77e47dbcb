"""Exports as parts on the task queue (``livrables.export_batches``): one part per file of the proofs
pack, the sweep of dead workers, a failure with its reason, « Relancer », progress. Tasks run
immediately (test settings); what a dead worker leaves behind is written in the database as it
would leave it."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from livrables import export_batches, exports
from livrables.models import ExportJob, ExportPart, ExportStatus

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = datetime.timedelta(hours=1)


def names_in(client, job):
    response = client.get(reverse("livrables_export_download", args=[job.pk]))
    return sorted(zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist())


@pytest.fixture
def pack(world):
    """A proofs pack of programme A, cut into its parts (not rendered yet)."""
    job = ExportJob.objects.create(programme=world.programme_a, kind="justificatifs", requested_by=world.coordinator)
    return job, export_batches.prepare(job.pk)


def test_the_proofs_pack_is_one_part_per_file_then_assembled(world, login, django_capture_on_commit_callbacks):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("livrables_exports", args=[world.programme_a.pk]), {"kind": "justificatifs"})
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE
    files = exports.proofs_pack_files(world.programme_a)
    assert [part.name for part in job.parts.all()] == [name for name, _make in files]
    assert not any(part.file for part in job.parts.all())  # assembled, then removed
    expected = zipfile.ZipFile(io.BytesIO(exports.proofs_pack(world.programme_a)[0])).namelist()
    assert names_in(client, job) == sorted(expected)
    status = client.get(reverse("livrables_export_status", args=[job.pk])).json()
    assert (status["parts_done"], status["parts_total"], status["percent"]) == (len(files), len(files), 100)


def test_a_review_export_is_one_part(world, login, django_capture_on_commit_callbacks):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("livrables_exports", args=[world.programme_a.pk]), {"kind": "bilan"})
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE and job.parts.count() == 1 and job.file.name.endswith(".pdf")
    download = client.get(reverse("livrables_export_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_part_left_by_a_dead_worker_is_run_again_by_the_sweep(world, login, pack):
    job, part_ids = pack
    assert len(part_ids) >= 3
    # A worker claimed the second part, then was killed: « en cours », silent for an hour.
    ExportPart.objects.filter(pk=part_ids[1]).update(
        status=ExportStatus.RUNNING, attempts=1, heartbeat_at=timezone.now() - AN_HOUR_AGO
    )
    for pk in part_ids[:1] + part_ids[2:]:
        export_batches.render_part(pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and job.done == len(part_ids) - 1  # stuck without the sweep
    assert export_batches.render_part(part_ids[1]) is False  # a claimed part is not taken twice
    call_command("batches_sweep", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.done == job.total == len(part_ids)
    assert ExportPart.objects.get(pk=part_ids[1]).attempts == 2
    assert "bilan.pdf" in names_in(login(world.funder), job)


def test_an_export_whose_preparation_never_ran_is_prepared_by_the_sweep(world):
    job = ExportJob.objects.create(
        programme=world.programme_a, kind="livret", heartbeat_at=timezone.now() - AN_HOUR_AGO
    )
    call_command("batches_sweep", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.file


def test_a_part_that_keeps_dying_fails_the_export_with_the_reason(world, pack, settings):
    settings.BATCH_MAX_ATTEMPTS = 2
    job, part_ids = pack
    ExportPart.objects.filter(pk=part_ids[0]).update(
        status=ExportStatus.RUNNING, attempts=2, heartbeat_at=timezone.now() - AN_HOUR_AGO
    )
    call_command("batches_sweep", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "Part 1" in job.error and "2 fois" in job.error


def test_relancer_runs_again_only_the_failed_part(world, login, pack, django_capture_on_commit_callbacks):
    job, part_ids = pack
    broken = ExportPart.objects.get(pk=part_ids[-1])
    ExportPart.objects.filter(pk=broken.pk).update(name="fantome.pdf")
    for pk in part_ids:
        try:
            export_batches.render_part(pk)
        except LookupError:
            pass
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "« fantome.pdf »" in job.error and "données ont changé" in job.error
    client = login(world.coordinator)
    page = client.get(reverse("livrables_exports", args=[world.programme_a.pk])).content.decode()
    assert "Relancer" in page and "fantome.pdf" in page
    ExportPart.objects.filter(pk=broken.pk).update(name=broken.name)  # the cause is fixed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("livrables_export_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert [part.attempts for part in job.parts.order_by("index")] == [1] * (len(part_ids) - 1) + [2]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("livrables_export_retry", args=[job.pk]), follow=True)
    assert "rien à relancer" in response.content.decode()


def test_nobody_relaunches_another_programmes_export(world, login, pack):
    job, _ids = pack
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED)
    assert login(world.outsider).post(reverse("livrables_export_retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
