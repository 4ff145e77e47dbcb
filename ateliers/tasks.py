"""Background work of the ateliers: batches of certificates rendered as one PDF."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task

from ateliers.choices import BatchStatus


@task()
def render_certificate_batch(batch_id):
    """Issue (or reuse) every certificate of the batch's workshop or programme and store one PDF."""
    from ateliers.models import CertificateBatch
    from ateliers.services.certificates import issue_all_certificates, render_certificates

    batch = CertificateBatch.objects.select_related("workshop", "programme", "requested_by").get(pk=batch_id)
    batch.status = BatchStatus.RUNNING
    batch.save(update_fields=["status"])
    try:
        certificates = issue_all_certificates(batch.programme, workshop=batch.workshop, user=batch.requested_by)
        batch.total = len(certificates)
        batch.save(update_fields=["total"])

        def progress(done, _total):  # each finished part of the PDF moves the admin's progress bar
            batch.done = done
            CertificateBatch.objects.filter(pk=batch.pk).update(done=done)

        title = f"Certificats — {batch.workshop or batch.programme}"
        # The same path as one certificate and as the benchmark: untagged, in parallel parts.
        pdf = render_certificates(certificates, title=title, progress=progress)
        name = slugify(str(batch.workshop or batch.programme.short_name or batch.programme))[:60] or "certificats"
        batch.file.save(f"certificats-{name}-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.status = BatchStatus.DONE
    except Exception as error:  # the page shows the failure instead of spinning forever
        batch.status = BatchStatus.FAILED
        batch.error = str(error)[:1000]
        raise
    finally:
        batch.finished_at = timezone.now()
        batch.save()
    return batch.pk


@task()
def send_signup_email(registration_id, kind):
    """Send the e-mail of a public sign-up (registered, waiting, promoted) to the person."""
    from ateliers.models import Registration
    from ateliers.services.signup_mail import signup_email

    registration = (
        Registration.objects.select_related("workshop__programme", "person").filter(pk=registration_id).first()
    )
    if registration is None or not registration.person.email:
        return
    signup_email(registration, kind).send()
