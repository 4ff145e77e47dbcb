"""Background exports: built by `manage.py db_worker`, progress stored on the ExportJob row."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from livrables.models import ExportJob, ExportStatus


@task()
def run_export(job_id):
    """Build the export of ``job_id`` and store its file; failures are recorded, never lost."""
    from livrables import exports

    job = ExportJob.objects.select_related("programme").get(pk=job_id)
    if job.status not in (ExportStatus.PENDING, ExportStatus.FAILED):
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)

    def progress(done, total):
        ExportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        if job.kind == "justificatifs":
            content, name = exports.proofs_pack(job.programme, job.start, job.end, progress=progress)
        else:
            progress(0, 2)
            content, name = exports.render_export(job.kind, job.programme, start=job.start, end=job.end)
            progress(1, 2)
    except Exception as error:  # the job row says what went wrong; the worker keeps going
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, error=str(error)[:2000])
        raise
    job.refresh_from_db()
    job.file.save(name, ContentFile(content), save=False)
    job.status = ExportStatus.DONE
    job.done = job.total
    job.finished_at = timezone.now()
    job.save()
