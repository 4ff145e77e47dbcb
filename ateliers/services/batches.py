"""Certificate batches as parts on the task queue: prepare, render each part, join, sweep, retry.

1. ``prepare`` issues (or reuses) every certificate of the batch, in one transaction, and cuts them
   into parts of at most ``PDF_BATCH_PART`` certificates, the last ones smaller, by rendering cost;
2. ``render_part`` renders one part on whichever worker took its task and stores its PDF;
3. ``join`` joins the parts' PDFs, in order, into the batch's file, once every part is done.

Each step is idempotent: certificates are issued once (an unchanged certificate is reused), a part is
claimed by one worker at a time and stored under a fixed name, a finished batch is left alone. The
functions return the ids to queue; ``ateliers.tasks`` queues them (tasks import services, never the
reverse). ``sweep`` finds the steps whose worker died; ``retry`` (« Relancer ») re-runs what failed.
"""

import io

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ateliers.choices import BatchKind, BatchStatus
from ateliers.models import Certificate, CertificateBatch, CertificateBatchPart
from lab.infra import batches as rules
from lab.infra.pdf import join_pdfs, part_slices


def batch_title(batch):
    if batch.kind == BatchKind.STRUCTURES:
        return _("Certificats des structures — %(name)s") % {"name": batch.workshop or batch.programme}
    return _("Certificats — %(name)s") % {"name": batch.workshop or batch.programme}


def _fail(batch_id, reason):
    CertificateBatch.objects.filter(pk=batch_id).exclude(status=BatchStatus.DONE).update(
        status=BatchStatus.FAILED, error=str(reason)[:1000], finished_at=timezone.now()
    )


def rendering_cost(certificate):
    """A certificate's rendering time in person certificates: a structure's certificate lists its
    people, about a tenth of a certificate each (20 people: 46 ms against 15, bench/certificates.py).
    The structures come last in a batch: cut by number, its last parts were three times longer."""
    return 1 + len(certificate.data.get("people", ())) / 10


def prepare(batch_id):
    """Issue the batch's certificates and cut them into parts; the ids of the parts to render.

    Run twice, it issues nothing new and cuts nothing new: it returns the parts still waiting.
    A batch with nothing to certify ends « terminé » with no file.
    """
    from ateliers.services.certificates import issue_all_certificates

    with transaction.atomic():
        batch = (
            CertificateBatch.objects.select_for_update(of=("self",))
            .select_related("workshop", "programme", "requested_by")
            .get(pk=batch_id)
        )
        if batch.status in (BatchStatus.DONE, BatchStatus.FAILED):
            return []
        if not batch.parts.exists():
            certificates = issue_all_certificates(
                batch.programme,
                workshop=batch.workshop,
                user=batch.requested_by,
                include_people=batch.kind != BatchKind.STRUCTURES,
            )
            ids = [certificate.pk for certificate in certificates]
            now = timezone.now()
            slices = part_slices(len(ids), weights=[rendering_cost(certificate) for certificate in certificates])
            CertificateBatchPart.objects.bulk_create(
                CertificateBatchPart(batch=batch, index=index, certificate_ids=ids[start:stop], heartbeat_at=now)
                for index, (start, stop) in enumerate(slices)
            )
            batch.total = len(ids)
            if not ids:  # nothing to certify: said on the page, no PDF
                batch.status = BatchStatus.DONE
                batch.finished_at = now
                batch.save(update_fields=["total", "status", "finished_at"])
                return []
        batch.status = BatchStatus.RUNNING
        batch.heartbeat_at = timezone.now()
        batch.save(update_fields=["total", "status", "heartbeat_at"])
    return list(batch.parts.filter(status=BatchStatus.PENDING).values_list("pk", flat=True))


def render_part(part_id):
    """Render the part ``part_id`` if it is waiting; ``True`` when it was the batch's last part (the
    caller then queues ``join``). A failure is recorded on the part and its batch."""
    from ateliers.services.certificates import certificate_documents, programme_for_pdf
    from lab.infra.pdf import publicity_headers, render_pdf_part

    if not rules.claim(CertificateBatchPart, part_id):
        return False  # done, failed, or being rendered by another worker
    part = CertificateBatchPart.objects.select_related("batch").get(pk=part_id)
    batch = part.batch
    try:
        by_id = Certificate.objects.select_related("workshop__signature").in_bulk(part.certificate_ids)
        certificates = [by_id[pk] for pk in part.certificate_ids]
        documents = certificate_documents(certificates, programme_for_pdf(batch.programme_id))
        pdf = render_pdf_part(documents, title=batch_title(batch), tagged=False, headers=publicity_headers(documents))
        import pikepdf

        with pikepdf.open(io.BytesIO(pdf)) as rendered:  # qpdf: a tenth of pypdf's time to count them
            part.pages = len(rendered.pages)
        rules.store(part.file, f"part-{part.index:04d}.pdf", pdf)
    except Exception as error:
        reason = _("Part %(number)s (certificats %(first)s à %(last)s) : %(error)s") % {
            "number": part.index + 1,
            "first": part.certificate_ids[0] if part.certificate_ids else "-",
            "last": part.certificate_ids[-1] if part.certificate_ids else "-",
            "error": error,
        }
        CertificateBatchPart.objects.filter(pk=part.pk).update(status=BatchStatus.FAILED, error=str(error)[:1000])
        _fail(batch.pk, reason)
        raise
    part.status = BatchStatus.DONE
    part.error = ""
    part.save(update_fields=["status", "file", "pages", "error"])
    return _record_progress(batch.pk)


def _record_progress(batch_id):
    """Count the certificates of the finished parts on the batch; ``True`` when none is left."""
    parts = list(CertificateBatchPart.objects.filter(batch_id=batch_id).values("status", "certificate_ids"))
    done = sum(len(part["certificate_ids"]) for part in parts if part["status"] == BatchStatus.DONE)
    CertificateBatch.objects.filter(pk=batch_id).update(done=done, heartbeat_at=timezone.now())
    return all(part["status"] == BatchStatus.DONE for part in parts)


def join(batch_id):
    """Join the parts of ``batch_id`` into its file, once all are done; nothing if already joined."""
    batch = CertificateBatch.objects.select_related("workshop", "programme").get(pk=batch_id)
    if batch.status != BatchStatus.RUNNING:
        return
    parts = list(batch.parts.order_by("index"))
    if not parts or any(part.status != BatchStatus.DONE for part in parts):
        return
    CertificateBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now())
    try:
        pdfs = []
        for part in parts:
            with part.file.open("rb") as handle:
                pdfs.append(handle.read())
        pdf = join_pdfs(pdfs, title=batch_title(batch))
        name = slugify(str(batch.workshop or batch.programme.short_name or batch.programme))[:60] or "certificats"
        prefix = "certificats-structures" if batch.kind == BatchKind.STRUCTURES else "certificats"
        rules.store(batch.file, f"{prefix}-{name}-{batch.pk}.pdf", pdf)
    except Exception as error:
        _fail(batch.pk, _("Assemblage du PDF : %(error)s") % {"error": error})
        raise
    updated = CertificateBatch.objects.filter(pk=batch.pk, status=BatchStatus.RUNNING).update(
        status=BatchStatus.DONE,
        file=batch.file.name,
        pages=sum(part.pages for part in parts),
        done=batch.total,
        error="",
        finished_at=timezone.now(),
    )
    if updated:
        rules.delete_files(parts)
        CertificateBatchPart.objects.filter(batch=batch).update(file="")


def progress(batch):
    """What the progress bar shows: certificates and parts done, of how many."""
    counts = batch.parts.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=BatchStatus.DONE)))
    return {
        "done": batch.done,
        "total": batch.total,
        "parts_done": counts["done"],
        "parts_total": counts["total"],
        "empty": batch.status == BatchStatus.DONE and batch.total == 0,
    }


def retry(batch):
    """« Relancer » a failed batch: only what failed runs again (``lab.infra.batches.retry``)."""
    return rules.retry(batch)


def sweep(now=None):
    """Steps whose worker died, to queue again (``lab.infra.batches.sweep``)."""
    return rules.sweep(CertificateBatch, CertificateBatchPart, fail=_fail, now=now)
