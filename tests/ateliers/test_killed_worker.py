"""A real worker killed mid-batch (``kill -9`` of a ``manage.py db_worker`` process), then a new worker
and ``manage.py batches_sweep``: the batch ends « terminé » with every certificate once.

The workers are subprocesses on the test's own database (a file on SQLite, the test database on
PostgreSQL) and files folder, given to them in their environment (see ``lab.settings.test``).
"""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pypdf import PdfReader

from ateliers.choices import BatchStatus
from ateliers.models import Certificate, CertificateBatch, CertificateBatchPart
from ateliers.services import batches
from ateliers.tasks import enqueue_steps
from tests.ateliers.test_batches import crowd  # noqa: F401 — the fixture: nine certificates

ROOT = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def database_url():
    """The URL of the test database, for the worker processes."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        assert db["NAME"] and ":memory:" not in str(db["NAME"]), "the workers need the test database in a file"
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(*options, part_delay=0):
    """A ``db_worker`` on the test's database; with ``part_delay``, each part waits that long before it
    renders (``tests/ateliers/slow_worker.py``), so that a kill falls inside a part."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lab.settings.test",
        "DATABASE_URL": database_url(),
        "LABO_TEST_FILES_ROOT": str(django_settings.TEST_FILES_ROOT),
        "LABO_TEST_WORKER": "1",
        "LABO_TEST_PART_DELAY": str(part_delay),
    }
    command = [
        sys.executable,
        "-m",
        "tests.ateliers.slow_worker",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.1",
    ]
    return subprocess.Popen(  # noqa: S603 — our own manage.py, fixed arguments
        [*command, "--no-reload", "--no-startup-delay", *options],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(predicate, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("the worker did not get there in time")


def test_a_batch_whose_worker_is_killed_completes_with_a_new_worker_and_the_sweep(world, crowd, settings):  # noqa: F811
    settings.PDF_BATCH_PART = 1  # nine parts of one certificate
    settings.BATCH_STALE_SECONDS = 1
    batch = CertificateBatch.objects.create(programme=crowd.programme, workshop=crowd, requested_by=world.coordinator)
    with override_settings(TASKS=DATABASE_QUEUE):
        enqueue_steps("parts", batches.prepare(batch.pk))
    issued = Certificate.objects.count()
    parts = CertificateBatchPart.objects.filter(batch=batch)
    assert parts.count() == 9

    worker = start_worker(part_delay=2)  # a part « en cours » lasts two seconds: the kill falls inside one
    try:
        wait_for(lambda: parts.filter(status=BatchStatus.DONE).exists() and parts.filter(status=BatchStatus.RUNNING))
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    running = list(parts.filter(status=BatchStatus.RUNNING).values_list("index", flat=True))
    done = parts.filter(status=BatchStatus.DONE).count()
    assert running and done < 9  # the killed worker left a part « en cours »
    time.sleep(1.1)  # the part is now silent for longer than BATCH_STALE_SECONDS
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("batches_sweep", stdout=io.StringIO())
    assert not parts.filter(status=BatchStatus.RUNNING).exists()

    worker = start_worker("--batch")  # until the queue is empty: the parts left, the stale one, the join
    try:
        _out, errors = worker.communicate(timeout=50)
    finally:
        worker.kill()
    assert worker.returncode == 0, errors[-2000:]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE, batch.error
    assert batch.total == batch.done == batch.pages == 9
    with batch.file.open("rb") as handle:
        texts = [page.extract_text() for page in PdfReader(handle).pages]
    codes = list(
        Certificate.objects.filter(pk__in=[pk for p in parts for pk in p.certificate_ids]).values_list(
            "code", flat=True
        )
    )
    assert len(texts) == 9 and sorted(next(c for c in codes if c in text) for text in texts) == sorted(codes)
    assert Certificate.objects.count() == issued  # no certificate twice
    assert {part.index: part.attempts for part in parts if part.index in running} == dict.fromkeys(running, 2)
