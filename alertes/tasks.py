"""Tasks of the Alertes SMS module (django-tasks; `manage.py db_worker` runs them).

They take ids only and delegate to ``alertes.sending``, which is safe to run twice: a task
re-run after a worker died creates and sends nothing twice.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alertes import sending


@task()
def dispatch_campaign(campaign_id):
    """Create a due campaign's messages and queue their sending."""
    return sending.dispatch_campaign(campaign_id)


@task()
def send_messages(message_ids):
    """Send a batch of pending messages (each claimed atomically)."""
    sending.send_messages(message_ids)


@task()
def sweep():
    """Recover stale messages, dispatch due campaigns and reminders (see ``alertes_sweep``)."""
    return sending.sweep()


def enqueue_dispatch(campaign):
    """Queue the dispatch of a just-scheduled ``campaign`` once the transaction commits.

    A campaign due later is queued with ``run_after`` when the queue can defer; otherwise the sweep
    dispatches it when it is due.
    """

    def enqueue():
        task = dispatch_campaign
        if campaign.scheduled_at > timezone.now():
            if not task.get_backend().supports_defer:
                return  # the sweep dispatches it when it is due
            task = task.using(run_after=campaign.scheduled_at)
        task.enqueue(campaign.pk)

    transaction.on_commit(enqueue)
