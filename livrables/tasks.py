"""Background exports, as parts any worker may run (``livrables.export_batches``): ``run_export``
cuts the export into parts and queues one ``render_export_part`` each; the part that finishes last
queues ``join_export``. This module only queues the steps."""

from django_tasks import task


def enqueue_steps(step, ids):
    """Queue the tasks of ``step`` (``prepare``, ``parts`` or ``join``) for ``ids``."""
    run = {"prepare": run_export, "parts": render_export_part, "join": join_export}
    for pk in ids:
        run[step].enqueue(pk)


@task()
def run_export(job_id):
    """Cut the export ``job_id`` into parts and queue them."""
    from livrables import export_batches

    enqueue_steps("parts", export_batches.prepare(job_id))


@task()
def render_export_part(part_id):
    """Render one file of an export; the last one queues the assembly."""
    from livrables import export_batches
    from livrables.models import ExportPart

    if export_batches.render_part(part_id):
        enqueue_steps("join", [ExportPart.objects.values_list("batch_id", flat=True).get(pk=part_id)])


@task()
def join_export(job_id):
    """Assemble the parts of an export into its file."""
    from livrables import export_batches

    export_batches.join(job_id)


def sweep():
    """Queue again the steps whose worker died (``manage.py batches_sweep``)."""
    from livrables import export_batches

    found = export_batches.sweep()
    for step, ids in found.items():
        enqueue_steps(step, ids)
    return {step: len(ids) for step, ids in found.items()}
