"""The rules every batch split into parts on the task queue follows (certificate batches, exports).

A batch is a row with a status; its parts are rows too, each rendered by one task that any worker
may run. The rows hold the state, never the task queue: a worker killed mid-part (``kill -9``, a
lost machine) leaves its part « en cours » with an old ``heartbeat_at``, and the sweep
(``manage.py batches_sweep``) queues it again. A part is claimed by one conditional ``UPDATE``, so
two workers never render the same part at once, and rendering it again stores the same file.

The statuses are the same four words in every app (``attente``, ``en_cours``, ``termine``, ``echec``).
"""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F, Q
from django.utils import timezone

PENDING, RUNNING, DONE, FAILED = "attente", "en_cours", "termine", "echec"

_sweeps = []


def register_sweep(sweep):
    """Add ``sweep()`` (returns a dict of counts) to what ``manage.py batches_sweep`` runs."""
    if sweep not in _sweeps:
        _sweeps.append(sweep)


def run_sweeps():
    """Every registered sweep, once: ``{name: counts}``."""
    return {sweep.__module__: sweep() for sweep in _sweeps}


def stale_seconds():
    """How long a step may stay silent before the sweep runs it again (``BATCH_STALE_SECONDS``, 600)."""
    return getattr(settings, "BATCH_STALE_SECONDS", 600)


def max_attempts():
    """How many times a part is tried before its batch fails (``BATCH_MAX_ATTEMPTS``, 3)."""
    return getattr(settings, "BATCH_MAX_ATTEMPTS", 3)


def stale_before(now=None):
    return (now or timezone.now()) - datetime.timedelta(seconds=stale_seconds())


def claim(model, pk):
    """Mark the part ``pk`` of ``model`` as being rendered by this worker, if it is waiting.

    One conditional ``UPDATE``: of two workers given the same part, one gets ``True``.
    """
    return (
        model.objects.filter(pk=pk, status=PENDING).update(
            status=RUNNING, heartbeat_at=timezone.now(), attempts=F("attempts") + 1
        )
        == 1
    )


def stale(queryset, now=None):
    """The parts (or batches) of ``queryset`` waiting or running whose worker stayed silent too long."""
    silent = Q(heartbeat_at__lt=stale_before(now)) | Q(heartbeat_at__isnull=True)
    return queryset.filter(silent, status__in=(PENDING, RUNNING))


def store(field_file, name, content):
    """Save ``content`` as ``name`` in ``field_file``'s storage, replacing a file of the same name, so
    that running a step twice leaves one file, not two."""
    storage = field_file.storage
    path = field_file.field.generate_filename(field_file.instance, name)
    if storage.exists(path):
        storage.delete(path)
    field_file.save(name, ContentFile(content), save=False)


def delete_files(parts):
    """Remove the files of ``parts`` (once they are joined into the batch's file)."""
    for part in parts:
        if part.file:
            part.file.delete(save=False)


def sweep(batch_model, part_model, *, fail, now=None):
    """Steps of ``batch_model`` batches whose worker died, to queue again: ``{"prepare": ids, "parts":
    ids, "join": ids}``. The parts are ``part_model`` rows (a ``batch`` foreign key, ``index``).

    A part silent for ``BATCH_STALE_SECONDS`` goes back to « en attente », or fails its batch
    (``fail(batch_id, reason)``) after ``BATCH_MAX_ATTEMPTS`` tries; a batch waiting for its
    preparation, or whose parts are all done but not joined, is queued again.
    """
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    result = {"prepare": [], "parts": [], "join": []}
    for part in stale(part_model.objects.filter(batch__status=RUNNING), now):
        if part.attempts >= max_attempts():
            part_model.objects.filter(pk=part.pk).update(status=FAILED)
            fail(
                part.batch_id,
                _("Part %(number)s : le processus qui la produisait s'est arrêté %(count)s fois.")
                % {"number": part.index + 1, "count": part.attempts},
            )
            continue
        if part_model.objects.filter(pk=part.pk, status=part.status, heartbeat_at=part.heartbeat_at).update(
            status=PENDING, heartbeat_at=now
        ):
            result["parts"].append(part.pk)
    for batch in stale(batch_model.objects.all(), now):
        batch_model.objects.filter(pk=batch.pk).update(heartbeat_at=now)
        if batch.status == PENDING or not batch.parts.exists():
            result["prepare"].append(batch.pk)
        elif not batch.parts.exclude(status=DONE).exists():
            result["join"].append(batch.pk)
    return result


def retry(batch):
    """« Relancer » the failed ``batch`` (its parts are ``batch.parts``): only what failed runs again.
    Returns ``(step, ids)`` to queue: ``("prepare", [batch])``, ``("parts", [part ids])`` or
    ``("join", [batch])``; ``(None, [])`` when the batch had not failed."""
    from django.db import transaction

    model = type(batch)
    with transaction.atomic():
        now = timezone.now()
        updated = model.objects.filter(pk=batch.pk, status=FAILED).update(
            status=RUNNING, error="", finished_at=None, heartbeat_at=now
        )
        if not updated:
            return None, []
        parts = batch.parts.all()
        if not parts.exists():
            model.objects.filter(pk=batch.pk).update(status=PENDING)
            return "prepare", [batch.pk]
        again = list(parts.exclude(status=DONE).values_list("pk", flat=True))
        if not again:
            return "join", [batch.pk]
        parts.filter(pk__in=again).update(status=PENDING, error="", heartbeat_at=now)
        return "parts", again
