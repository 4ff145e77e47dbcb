"""The task queue on a distributed broker: the project's tasks through RQ and a real Redis server.

Settings come from ``lab.settings.tasks.task_settings("rq", …)``, the function production settings
use for ``TASKS_BACKEND=rq``. Jobs are pushed to Redis database 9 (``REDIS_TEST_URL``; only that
database is flushed) and run by RQ's own worker in burst mode, then the outcome is read in the
database as a user would see it. Without a Redis server these tests are skipped, unless
``REQUIRE_REDIS=1`` (CI), where a missing server is an error.
"""

import datetime
import io
import os
import signal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from alertes import sending, tasks
from alertes.backends import TransientError, locmem
from alertes.choices import CampaignStatus, MessageStatus
from alertes.models import Campaign, Group, Message
from ateliers.choices import AttendanceStatus, BatchStatus
from ateliers.models import CertificateBatch
from ateliers.services.attendance import mark_attendance
from ateliers.services.registrations import register
from lab.settings.tasks import RQ_BACKEND, task_settings
from tests.alertes.conftest import make_member
from tests.ateliers.conftest import make_workshop
from tests.conftest import redis_test_client
from tests.factories import PersonFactory

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/9")


def redis_or_skip():
    """A client of the test database, flushed; a skip (or, with REQUIRE_REDIS=1, a failure) without a server."""
    return redis_test_client(REDIS_TEST_URL, "the RQ broker tests")


@pytest.fixture
def rq_broker(settings, redis_lock):
    """The RQ backend on the test Redis database; yields a function that runs a burst worker."""
    import django_rq
    from rq import SimpleWorker

    client = redis_or_skip()
    settings.ALERTES_SMS_BACKEND = "alertes.backends.locmem.LocmemBackend"
    locmem.outbox.clear()
    locmem.failures.clear()
    with override_settings(**task_settings("rq", REDIS_TEST_URL)):

        def run_worker(with_scheduler=True):
            """RQ's worker, in this process (it sees the test database), until the queue is empty."""
            worker = django_rq.get_worker("default", worker_class=SimpleWorker)
            handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
            try:
                worker.work(burst=True, with_scheduler=with_scheduler)
            finally:  # the worker installs its own: give Ctrl-C back to pytest
                for number, handler in handlers.items():
                    signal.signal(number, handler)
            failed = run_worker.queue.failed_job_registry
            assert failed.count == 0, [run_worker.queue.fetch_job(job_id).exc_info for job_id in failed.get_job_ids()]
            return worker

        run_worker.queue = django_rq.get_queue("default")
        run_worker.queued = lambda: [job.func_name for job in run_worker.queue.get_jobs()]
        yield run_worker
    client.flushdb()
    locmem.outbox.clear()
    locmem.failures.clear()


#: Worker processes and on_commit hooks must see committed rows: no test-wide transaction.
committed_db = pytest.mark.django_db(transaction=True)


def test_production_settings_name_the_rq_backend_and_its_redis_queue():
    values = task_settings("rq", "redis://redis.internal:6379/0")
    assert values["TASKS"]["default"]["BACKEND"] == RQ_BACKEND
    assert values["RQ_QUEUES"]["default"]["URL"] == "redis://redis.internal:6379/0"
    assert values["RQ_QUEUES"]["default"]["DEFAULT_TIMEOUT"] >= 3600  # a programme's batch outlasts RQ's 180 s
    assert values["RQ"]["JOB_CLASS"] == "django_tasks_rq.Job"
    assert task_settings("db")["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "RQ_QUEUES" not in task_settings("db")


def test_it_refuses_an_unknown_backend_or_a_redis_url_that_is_not_one():
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND='celery'"):
        task_settings("celery")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        task_settings("rq", "127.0.0.1:6379")


def production(command, **environ):
    """``manage.py`` with the production settings and ``environ``, in another process."""
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "lab.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "labo.example.org",
        **environ,
    }
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *command],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_with_tasks_backend_rq_passes_the_deploy_checks_and_uses_redis(signing_pair):
    checked = production(
        ["check", "--deploy", "--fail-level", "WARNING"],
        TASKS_BACKEND="rq",
        REDIS_URL="redis://redis:6379/0",
        WAGTAILADMIN_BASE_URL="https://labo.example.org",
        **signing_pair,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr  # includes django-tasks-rq's own checks
    shown = production(
        [
            "shell",
            "-c",
            "from django_tasks import task_backends; b = task_backends['default']; print(type(b).__name__, b.queues)",
        ],
        TASKS_BACKEND="rq",
        REDIS_URL="redis://redis:6379/0",
    )
    assert shown.stdout.splitlines()[-1] == "TransactionalRQBackend {'default'}", shown.stdout + shown.stderr


def test_production_refuses_the_rq_backend_without_redis_url():
    result = production(["check"], TASKS_BACKEND="rq")
    assert result.returncode != 0
    assert "TASKS_BACKEND=rq needs REDIS_URL" in result.stderr


@committed_db
def test_a_certificate_batch_is_queued_in_redis_then_rendered_by_an_rq_worker(world, wagtail_base, login, rq_broker):
    workshop = make_workshop(world.programme_a, title="Labo du broker")
    sessions = list(workshop.sessions.all())
    for person in [world.person_a, PersonFactory(structure=world.structure_a)]:
        registration = register(workshop, person)
        for session in sessions[:2]:
            mark_attendance(registration, session, AttendanceStatus.PRESENT)
    client = login(world.coordinator)

    client.post(reverse("ateliers_admin:workshop_batch", args=[workshop.pk]))
    batch = CertificateBatch.objects.get()
    assert batch.status == BatchStatus.PENDING  # queued in Redis, not run in the request
    assert "ateliers.tasks.prepare_certificate_batch" in rq_broker.queued()

    rq_broker()
    status = client.get(reverse("ateliers_admin:batch_status", args=[batch.pk])).json()
    assert status["label"] == "Terminé" and status["done"] == status["total"] == 3  # 2 people + 1 structure
    download = client.get(status["download"])
    pages = PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages
    assert len(pages) == 3
    assert "Labo du broker" in pages[0].extract_text()


def sms_campaign(world, *, consenting, refusing):
    group = Group.objects.create(structure=world.structure_a, name="Jeunesse")
    members = [
        make_member(
            world.structure_a, f"Membre{n}", "Léa", f"06 12 34 57 {n:02d}", consent=n < consenting, groups=[group]
        )
        for n in range(consenting + refusing)
    ]
    campaign = Campaign.objects.create(
        structure=world.structure_a,
        title="Fête de quartier",
        category="actualite",
        text="Bonjour {prenom} !",
        status=CampaignStatus.SCHEDULED,
        scheduled_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    campaign.groups.set([group])
    return campaign, members


@committed_db
def test_every_consenting_member_gets_exactly_one_sms_even_when_rq_delivers_jobs_twice(
    world, wagtail_base, rq_broker, settings
):
    settings.ALERTES_BATCH_SIZE = 4
    campaign, members = sms_campaign(world, consenting=10, refusing=3)
    tasks.dispatch_campaign.enqueue(campaign.pk)
    tasks.dispatch_campaign.enqueue(campaign.pk)  # a second delivery, as after a lost acknowledgement

    rq_broker()
    phones = [sms.to for sms in locmem.outbox]
    assert sorted(phones) == sorted(member.phone for member in members if member.consent)
    assert len(set(phones)) == len(phones) == 10
    # The same batches queued again (the sweep re-queues a batch whose worker died): nothing more goes.
    tasks.send_messages.enqueue(list(Message.objects.values_list("pk", flat=True)))
    rq_broker()
    assert len(locmem.outbox) == 10
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 10


@committed_db
def test_a_transient_failure_is_retried_by_rqs_scheduler(world, wagtail_base, rq_broker, settings):
    settings.ALERTES_RETRY_BASE_SECONDS = 0  # the retry is due at once: no waiting in the test
    campaign, members = sms_campaign(world, consenting=2, refusing=0)
    locmem.failures.append(TransientError("Passerelle indisponible"))
    tasks.dispatch_campaign.enqueue(campaign.pk)

    rq_broker()
    assert len(locmem.outbox) == 1
    retried = Message.objects.get(status=MessageStatus.PENDING)
    assert retried.attempts == 1 and retried.next_attempt_at is not None
    # The retry waits in RQ's scheduled registry: a worker without the scheduler never runs it…
    rq_broker(with_scheduler=False)
    assert len(locmem.outbox) == 1
    # …and the sweep leaves it to the queue, which will run it (enqueued less than ALERTES_STALE_MINUTES ago).
    assert sending.sweep()["queued"] == 0
    rq_broker(with_scheduler=True)
    retried.refresh_from_db()
    assert retried.status == MessageStatus.SENT and retried.attempts == 2
    assert sorted(sms.to for sms in locmem.outbox) == sorted(member.phone for member in members)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


@committed_db
def test_a_task_enqueued_in_a_transaction_that_rolls_back_never_reaches_redis(wagtail_base, rq_broker):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.sweep.enqueue()
        assert rq_broker.queued() == []  # not before the commit…
        raise RuntimeError("rollback")
    assert rq_broker.queued() == []  # …and never after a rollback
    with transaction.atomic():
        tasks.sweep.enqueue()
    assert rq_broker.queued() == ["alertes.tasks.sweep"]


@committed_db
def test_the_production_worker_command_sends_a_campaign_once_per_consenting_member(
    world, wagtail_base, rq_broker, settings
):
    """``manage.py rqworker --with-scheduler`` as deployed: another process, forking a work horse per job,
    configured only by TASKS_BACKEND and REDIS_URL, sending through the HTTP backend to a local fake gateway."""
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    from tests.alertes.fake_gateway import FakeGateway

    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must open the test database: run with DATABASE_URL=postgres://… (CI does)")
    campaign, members = sms_campaign(world, consenting=12, refusing=3)
    gateway = FakeGateway(api_key="broker-key").start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lab.settings.dev",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_TEST_URL,
        "ALERTES_SMS_BACKEND": "alertes.backends.http.HttpBackend",
        "ALERTES_HTTP_URL": gateway.url,
        "ALERTES_HTTP_API_KEY": "broker-key",
        "ALERTES_BATCH_SIZE": "5",
    }
    tasks.dispatch_campaign.enqueue(campaign.pk)
    tasks.dispatch_campaign.enqueue(campaign.pk)
    try:
        worker = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "rqworker", "default", "--burst", "--with-scheduler"],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        gateway.stop()
    assert worker.returncode == 0, worker.stderr[-3000:]
    phones = sorted(body["to"] for body in gateway.requests)
    assert phones == sorted(member.phone for member in members if member.consent)  # each once, none refusing
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 12
