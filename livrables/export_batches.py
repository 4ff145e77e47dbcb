"""Exports as parts on the task queue: prepare, render each part, assemble, sweep, retry.

The shared rules are ``lab.infra.batches`` (the same as the certificate batches):

1. ``prepare`` lists the export's files and makes one part of each: every file of the proofs pack
   (each attendance sheet, the certificates, the expenses workbook, the review, the receipts), or
   the one PDF of a review, a booklet or the structure sheets (tagged and numbered « page X / Y »
   across the whole document, so it is not cut);
2. ``render_part`` renders one part on whichever worker took its task and stores it under a fixed
   name (running it twice leaves one file);
3. ``join`` assembles the parts, in order, into the export's file (the zip of the proofs pack).

``sweep`` finds the steps whose worker died; ``retry`` (« Relancer ») re-runs only what failed.
The functions return the ids to queue; ``livrables.tasks`` queues them.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lab.infra import batches as rules
from livrables import exports
from livrables.models import ExportJob, ExportPart, ExportStatus

PROOFS_PACK = "justificatifs"


def export_files(job):
    """``(name, make)`` of every file of ``job``'s export, in order (see ``exports.proofs_pack_files``)."""
    programme, start, end = job.programme, job.start, job.end
    if job.kind == PROOFS_PACK:
        return exports.proofs_pack_files(programme, start, end)
    return [
        (
            f"{job.kind}-{exports._slug(programme)}.pdf",
            lambda: exports.render_export(job.kind, programme, start=start, end=end)[0],
        )
    ]


def export_name(job):
    if job.kind == PROOFS_PACK:
        return exports.proofs_pack_name(job.programme)
    return f"{job.kind}-{exports._slug(job.programme)}.pdf"


def _fail(job_id, reason):
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=str(reason)[:2000], finished_at=timezone.now()
    )


def _part_file_name(part):
    suffix = "zip" if part.name.endswith("/") else part.name.rsplit(".", 1)[-1][:5]
    return f"part-{part.index:03d}.{suffix}"


def prepare(job_id):
    """Cut the export into parts (once); the ids of the parts still waiting."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update(of=("self",)).select_related("programme").get(pk=job_id)
        if job.kind != PROOFS_PACK and job.kind not in exports.EXPORTS:
            _fail(job.pk, _("Export inconnu : %(kind)s.") % {"kind": job.kind})
            return []
        if job.status in (ExportStatus.DONE, ExportStatus.FAILED):
            return []
        now = timezone.now()
        if not job.parts.exists():
            names = [name for name, _make in export_files(job)]
            ExportPart.objects.bulk_create(
                ExportPart(batch=job, index=index, name=name, heartbeat_at=now) for index, name in enumerate(names)
            )
            job.total = len(names)
            job.done = 0
        job.status = ExportStatus.RUNNING
        job.heartbeat_at = now
        job.save(update_fields=["total", "done", "status", "heartbeat_at"])
    return list(job.parts.filter(status=ExportStatus.PENDING).values_list("pk", flat=True))


def render_part(part_id):
    """Render the part ``part_id`` if it is waiting; ``True`` when it was the export's last part (the
    caller then queues ``join``). A failure is recorded on the part and its export, with the reason."""
    if not rules.claim(ExportPart, part_id):
        return False  # done, failed, or being rendered by another worker
    part = ExportPart.objects.select_related("batch__programme").get(pk=part_id)
    try:
        makers = dict(export_files(part.batch))
        if part.name not in makers:
            raise LookupError(
                _("ce fichier n'est plus dans l'export (les données ont changé) ; demandez un nouvel export")
            )
        content = makers[part.name]()
        rules.store(part.file, _part_file_name(part), content)
    except Exception as error:
        ExportPart.objects.filter(pk=part.pk).update(status=ExportStatus.FAILED, error=str(error)[:1000])
        _fail(part.batch_id, _("« %(name)s » : %(error)s") % {"name": part.name, "error": error})
        raise
    part.status = ExportStatus.DONE
    part.error = ""
    part.save(update_fields=["status", "file", "error"])
    statuses = list(ExportPart.objects.filter(batch_id=part.batch_id).values_list("status", flat=True))
    done = statuses.count(ExportStatus.DONE)
    ExportJob.objects.filter(pk=part.batch_id).update(done=done, heartbeat_at=timezone.now())
    return done == len(statuses)


def join(job_id):
    """Assemble the parts of ``job_id`` into its file, once all are done; nothing if already done."""
    job = ExportJob.objects.select_related("programme").get(pk=job_id)
    if job.status != ExportStatus.RUNNING:
        return
    parts = list(job.parts.order_by("index"))
    if not parts or any(part.status != ExportStatus.DONE for part in parts):
        return
    ExportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    try:
        files = []
        for part in parts:
            with part.file.open("rb") as handle:
                files.append((part.name, handle.read()))
        content = exports.pack_zip(files) if job.kind == PROOFS_PACK else files[0][1]
        rules.store(job.file, export_name(job), content)
    except Exception as error:
        _fail(job.pk, _("Assemblage de l'export : %(error)s") % {"error": error})
        raise
    updated = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.DONE, file=job.file.name, done=len(parts), error="", finished_at=timezone.now()
    )
    if updated:
        rules.delete_files(parts)
        ExportPart.objects.filter(batch=job).update(file="")


def progress(job):
    """What the progress bar shows: files done, of how many, and whether they are being assembled."""
    counts = job.parts.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=ExportStatus.DONE)))
    return {
        "parts_done": counts["done"],
        "parts_total": counts["total"],
        "assembling": job.status == ExportStatus.RUNNING and counts["total"] and counts["done"] == counts["total"],
    }


def retry(job):
    """« Relancer » a failed export: only its failed parts (or its failed step) run again."""
    return rules.retry(job)


def sweep(now=None):
    """Steps whose worker died, to queue again (``lab.infra.batches.sweep``)."""
    return rules.sweep(ExportJob, ExportPart, fail=_fail, now=now)
