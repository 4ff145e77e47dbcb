"""Background work of the ateliers: certificate batches, as parts any worker may run.

``prepare_certificate_batch`` issues the certificates and queues one ``render_certificate_part``
per part; the part that finishes last queues ``join_certificate_batch``. The steps themselves are in
``ateliers.services.batches``; this module only queues them.
"""

from django_tasks import task


def enqueue_steps(step, ids):
    """Queue the tasks of ``step`` (``prepare``, ``parts`` or ``join``) for ``ids``."""
    run = {"prepare": prepare_certificate_batch, "parts": render_certificate_part, "join": join_certificate_batch}
    for pk in ids:
        run[step].enqueue(pk)


@task()
def prepare_certificate_batch(batch_id):
    """Issue (or reuse) every certificate of the batch and queue its parts."""
    from ateliers.services import batches

    enqueue_steps("parts", batches.prepare(batch_id))


@task()
def render_certificate_part(part_id):
    """Render one part of a batch; the last one queues the join."""
    from ateliers.models import CertificateBatchPart
    from ateliers.services import batches

    if batches.render_part(part_id):
        enqueue_steps("join", [CertificateBatchPart.objects.values_list("batch_id", flat=True).get(pk=part_id)])


@task()
def join_certificate_batch(batch_id):
    """Join the parts of a batch into its PDF."""
    from ateliers.services import batches

    batches.join(batch_id)


def sweep():
    """Queue again the steps whose worker died (``manage.py batches_sweep``)."""
    from ateliers.services import batches

    found = batches.sweep()
    for step, ids in found.items():
        enqueue_steps(step, ids)
    return {step: len(ids) for step, ids in found.items()}


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
