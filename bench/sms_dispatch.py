"""SMS dispatch: 5,000 messages through the HTTP backend to a local fake gateway, by a real
``manage.py db_worker`` killed with SIGKILL halfway and restarted; the sweep recovers what it left.

Prints the throughput, the SMS delivered twice to one phone (must be 0), the requests the gateway
absorbed thanks to the idempotency key, and the SMS received by non-consenting members (must be 0).

With ``TASKS_BACKEND=rq REDIS_URL=redis://127.0.0.1:6379/9`` the same run goes through Redis: the
workers are ``manage.py rqworker default --with-scheduler``, killed with their work horse.
"""

import datetime
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONSENTING = 5_000
NON_CONSENTING = 500
ROOT = Path(__file__).resolve().parent.parent


def worker_command():
    from django.conf import settings

    if hasattr(settings, "RQ_QUEUES"):
        return ["rqworker", "default", "--with-scheduler"]
    return ["db_worker", "--queue-name", "*", "--interval", "0.05", "--no-reload", "--no-startup-delay"]


def start_worker(env, log):
    # A session of its own: the SIGKILL reaches the worker and any process it forked (RQ's work horse).
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *worker_command()],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def run(report):
    from django.conf import settings
    from django.utils import timezone

    from alertes import sending, tasks
    from alertes.choices import CampaignStatus, MessageStatus
    from alertes.models import Campaign, Group, Member, Message, StructureSettings
    from lab.models import Structure
    from tests.alertes.fake_gateway import FakeGateway

    gateway = FakeGateway(api_key="bench-key").start()
    env = {
        **os.environ,
        "ALERTES_SMS_BACKEND": "alertes.backends.http.HttpBackend",
        "ALERTES_HTTP_URL": gateway.url,
        "ALERTES_HTTP_API_KEY": "bench-key",
        "ALERTES_BATCH_SIZE": "100",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "lab.settings.dev"),
    }
    settings.ALERTES_SMS_BACKEND = env["ALERTES_SMS_BACKEND"]
    settings.ALERTES_HTTP_URL = gateway.url
    settings.ALERTES_HTTP_API_KEY = "bench-key"

    structure, _ = Structure.objects.get_or_create(name="Banc envoi", city="Lille", defaults={"kind": "centre_social"})
    StructureSettings.objects.update_or_create(
        structure=structure, defaults={"send_from": datetime.time(0, 0), "send_until": datetime.time(23, 59)}
    )
    Member.objects.filter(structure=structure).delete()
    group, _ = Group.objects.get_or_create(structure=structure, name="Tous")
    birth = datetime.date(1980, 1, 1)
    members = [
        Member(
            structure=structure,
            last_name=f"Banc{n}",
            first_name="Test",
            phone=f"+336{20_000_000 + n}",
            birth_date=birth,
            consent=n < CONSENTING,
            name_key=f"banc{n}|test",
        )
        for n in range(CONSENTING + NON_CONSENTING)
    ]
    Member.objects.bulk_create(members, batch_size=1000)
    group.members.add(*Member.objects.filter(structure=structure))
    refusing = set(Member.objects.filter(structure=structure, consent=False).values_list("phone", flat=True))

    campaign = Campaign.objects.create(
        structure=structure,
        title="Banc",
        category="actualite",
        text="Bonjour {prenom}, ceci est un test.",
        status=CampaignStatus.SCHEDULED,
        scheduled_at=timezone.now(),
    )
    campaign.groups.set([group])
    tasks.dispatch_campaign.enqueue(campaign.pk)

    log = open(Path(tempfile.mkdtemp(prefix="labo-bench-worker-")) / "db_worker.log", "ab")  # noqa: SIM115
    start = time.perf_counter()
    worker = start_worker(env, log)
    while len(gateway.delivered) < CONSENTING // 2:
        if worker.poll() is not None:
            raise RuntimeError(f"{worker_command()[0]} stopped early: see {log.name}")
        time.sleep(0.02)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    killed_at = len(gateway.delivered)
    stuck = Message.objects.filter(campaign=campaign, status=MessageStatus.SENDING).count()
    # The sweep (cron) puts back what the dead worker left « sending » and re-queues lost batches.
    swept = sending.sweep(stale_minutes=0)
    worker = start_worker(env, log)
    deadline = time.time() + 300
    try:
        while Message.objects.filter(campaign=campaign, status__in=sending.OPEN_STATUSES).exists():
            if time.time() > deadline:
                raise RuntimeError("dispatch did not finish within 5 minutes")
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
        gateway.stop()

    delivered = list(gateway.delivered.values())
    by_phone = {}
    for body in delivered:
        by_phone[body["to"]] = by_phone.get(body["to"], 0) + 1
    duplicates = sum(n - 1 for n in by_phone.values() if n > 1)
    to_refusing = sum(1 for body in delivered if body["to"] in refusing)
    sent = Message.objects.filter(campaign=campaign, status=MessageStatus.SENT).count()

    report.row(f"messages envoyés ({worker_command()[0]})", sent, "SMS")
    report.row("débit (tuage et reprise compris)", sent / elapsed, "SMS/s")
    report.row("durée totale", elapsed, "s")
    report.row("reçus avant le SIGKILL", killed_at, "SMS")
    report.row("laissés « en cours » par le worker tué", stuck, "SMS")
    report.row("relancés par le balayage", swept["revived"], "SMS")
    report.row("requêtes répétées absorbées (clé d'idempotence)", gateway.repeated_keys(), "requêtes")
    report.row("SMS reçus deux fois par un même numéro", duplicates, "SMS", bar="= 0")
    report.row("SMS reçus par des non-consentants", to_refusing, "SMS", bar="= 0")
    if duplicates or to_refusing or sent != CONSENTING:
        raise AssertionError(f"sent={sent} duplicates={duplicates} non-consenting={to_refusing}")
