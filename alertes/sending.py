"""Sending, exactly once: message rows first, then an atomic claim per message, then the provider.

1. ``dispatch_campaign`` claims a due campaign (``scheduled`` → ``sending``) and creates one
   ``Message`` per confirmed recipient and channel in the same transaction — or holds it « à
   reconfirmer » when its groups grew or the budget would be exceeded (``alertes.confirmation``).
   ``(campaign, member, channel)`` is unique, so a second dispatch creates nothing.
2. ``send_messages`` claims each message with ``UPDATE … WHERE status='pending'`` (→ ``sending``,
   ``claimed_at``): two workers never both own a message. Consent (and a reminder's date) is checked
   again, then the backend is called with the message's uuid as idempotency key.
3. Transient failures go back to ``pending`` with ``next_attempt_at`` (exponential backoff);
   permanent ones end ``failed`` and mark the member's phone invalid.
4. ``sweep`` (command ``alertes_sweep``, every minute) puts back messages left ``sending`` by a dead
   worker, re-queues due pending ones, dispatches due campaigns and reminders, closes finished
   campaigns.
"""

import datetime
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alertes import replies
from alertes.backends import OutgoingSms, PermanentError, TransientError, get_backend
from alertes.choices import CampaignStatus, Channel, MessageStatus
from alertes.confirmation import prepare_campaign
from alertes.gsm import segments as count_segments
from alertes.models import Campaign, Member, Message, Reminder
from alertes.services import personalise, settings_for

logger = logging.getLogger(__name__)

OPEN_STATUSES = [MessageStatus.PENDING, MessageStatus.SENDING]


# --- Queueing ----------------------------------------------------------------------------------

#: The task that sends a batch of message ids (``alertes.tasks.send_messages``), registered by
#: ``AlertesConfig.ready()``: the tasks import this module, so it never imports them.
send_messages_task = None


def enqueue_messages(message_ids):
    """Queue the sending of ``message_ids`` in batches (one task per batch)."""
    message_ids = list(message_ids)
    if not message_ids:
        return
    Message.objects.filter(pk__in=message_ids).update(enqueued_at=timezone.now())
    size = settings.ALERTES_BATCH_SIZE
    for start in range(0, len(message_ids), size):
        send_messages_task.enqueue(message_ids[start : start + size])


def enqueue_retry(message_id, when):
    """Queue one message again at ``when`` (or leave it to the sweep if the queue cannot defer)."""
    task = send_messages_task
    if not task.get_backend().supports_defer:
        return
    Message.objects.filter(pk=message_id).update(enqueued_at=timezone.now())
    task.using(run_after=when).enqueue([message_id])


# --- Dispatch ------------------------------------------------------------------------------------


def dispatch_campaign(campaign_id, now=None):
    """Create the campaign's messages (once) and queue them. Returns how many were created.

    Does nothing for a campaign cancelled, already dispatched, or not due yet; creates nothing for
    one held « à reconfirmer » (see ``alertes.confirmation``).
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Campaign.objects.filter(
            pk=campaign_id, status=CampaignStatus.SCHEDULED, scheduled_at__lte=now
        ).update(status=CampaignStatus.SENDING, dispatched_at=now)
        if not claimed:
            return 0
        campaign = Campaign.objects.select_related("structure").get(pk=campaign_id)
        rows = prepare_campaign(campaign, now)
        if rows is None:  # held « à reconfirmer »: nothing is sent
            return 0
        Message.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        created = len(rows)
    pending = Message.objects.filter(campaign_id=campaign_id, status=MessageStatus.PENDING).values_list("pk", flat=True)
    enqueue_messages(pending)
    finish_campaigns([campaign_id])
    return created


def dispatch_reminders(now=None):
    """Create and queue the reminders' messages that are due; returns how many were created."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    created_ids = []
    reminders = Reminder.objects.filter(active=True, member__consent=True, member__phone_invalid=False).select_related(
        "member", "structure"
    )
    for reminder in reminders:
        occurrence = reminder.next_occurrence(today)
        if occurrence is None or today < occurrence - datetime.timedelta(days=reminder.lead_days):
            continue
        rules = settings_for(reminder.structure)
        if rules.send_from < rules.send_until and not (rules.send_from <= local.time() < rules.send_until):
            continue
        text = personalise(reminder.text, reminder.member.first_name).replace(
            "{date}", date_format(occurrence, "d/m/Y")
        )
        try:
            with transaction.atomic():
                message, created = Message.objects.get_or_create(
                    reminder=reminder,
                    occurrence=occurrence,
                    channel=Channel.SMS,
                    defaults={
                        "structure_id": reminder.structure_id,
                        "member": reminder.member,
                        "to": reminder.member.phone,
                        "text": text,
                        "segments": count_segments(text),
                    },
                )
        except IntegrityError:
            continue
        if created:
            created_ids.append(message.pk)
    enqueue_messages(created_ids)
    return len(created_ids)


def finish_campaigns(campaign_ids):
    """Mark « envoyée » the campaigns among ``campaign_ids`` that have no open message left."""
    for campaign_id in set(campaign_ids):
        if campaign_id and not Message.objects.filter(campaign_id=campaign_id, status__in=OPEN_STATUSES).exists():
            Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.SENDING).update(
                status=CampaignStatus.SENT, finished_at=timezone.now()
            )


# --- Sending -------------------------------------------------------------------------------------


def send_messages(message_ids):
    """Send each message of ``message_ids`` that is still pending and due."""
    backend = None
    campaigns = set()
    senders = {}
    for message_id in message_ids:
        if backend is None:
            backend = get_backend()
        campaign_id = send_message(message_id, backend, senders)
        if campaign_id:
            campaigns.add(campaign_id)
    finish_campaigns(campaigns)


def _claim(message_id, now):
    return Message.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), pk=message_id, status=MessageStatus.PENDING
    ).update(status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)


def _close(message, status, **fields):
    Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(status=status, **fields)


def send_message(message_id, backend=None, senders=None):
    """Claim one pending message, check it may still go, send it. Returns its campaign id.

    ``senders`` caches each structure's sender name across a batch.
    """
    senders = {} if senders is None else senders
    now = timezone.now()
    if not _claim(message_id, now):
        return None
    message = Message.objects.select_related("member", "campaign", "structure").get(pk=message_id)
    member = message.member
    if member is None or not member.consent:
        _close(message, MessageStatus.CANCELLED, error=_("Pas de consentement : message non envoyé."))
        return message.campaign_id
    if message.campaign_id and message.campaign.status == CampaignStatus.CANCELLED:
        _close(message, MessageStatus.CANCELLED, error=_("Campagne annulée."))
        return message.campaign_id
    if message.occurrence and message.occurrence < timezone.localdate(now):
        _close(
            message,
            MessageStatus.CANCELLED,
            error=_("Échéance du %(date)s passée : le rappel n'est pas envoyé.")
            % {"date": date_format(message.occurrence, "d/m/Y")},
        )
        return None
    if message.channel == Channel.SMS and member.phone_invalid:
        _close(message, MessageStatus.FAILED, error=_("Numéro refusé par l'opérateur."))
        return message.campaign_id
    try:
        if message.channel == Channel.EMAIL:
            provider_id = _send_email(message)
        else:
            backend = backend or get_backend()
            provider_id = backend.send(
                OutgoingSms(
                    to=message.to,
                    text=message.text,
                    sender=_sender(message.structure, senders),
                    idempotency_key=str(message.uuid),
                )
            )
    except PermanentError as error:
        _close(message, MessageStatus.FAILED, error=str(error)[:1000])
        if message.channel == Channel.SMS:
            Member.objects.filter(pk=member.pk).update(phone_invalid=True)
    except Exception as error:  # TransientError, or an unexpected failure: retried the same way
        if not isinstance(error, TransientError):
            logger.exception("Unexpected error while sending message %s", message.pk)
        attempts = message.attempts
        if attempts >= settings.ALERTES_MAX_ATTEMPTS:
            _close(message, MessageStatus.FAILED, error=str(error)[:1000])
        else:
            when = timezone.now() + datetime.timedelta(
                seconds=settings.ALERTES_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
            )
            _close(message, MessageStatus.PENDING, error=str(error)[:1000], next_attempt_at=when)
            enqueue_retry(message.pk, when)
            return None
    else:
        _close(message, MessageStatus.SENT, provider_id=provider_id[:100], sent_at=timezone.now(), error="")
    return message.campaign_id


def _sender(structure, senders):
    if structure.pk not in senders:
        senders[structure.pk] = settings_for(structure).sender_name
    return senders[structure.pk]


def _send_email(message):
    """The newsletter of the consent box, through Django's e-mail backend."""
    subject = message.campaign.title if message.campaign_id else _("Rappel")
    try:
        send_mail(subject, message.text, None, [message.to])
    except OSError as error:
        raise TransientError(str(error)) from error
    return f"email-{message.uuid}"


# --- Sweep ---------------------------------------------------------------------------------------


def sweep(now=None, stale_minutes=None):
    """Recover from dead workers and start what is due. Returns what it did, by kind."""
    now = now or timezone.now()
    stale_minutes = settings.ALERTES_STALE_MINUTES if stale_minutes is None else stale_minutes
    stale_before = now - datetime.timedelta(minutes=stale_minutes)
    # Messages a dead worker left « sending »: the provider's idempotency key keeps them single.
    revived = Message.objects.filter(status=MessageStatus.SENDING, claimed_at__lte=stale_before).update(
        status=MessageStatus.PENDING, next_attempt_at=None
    )
    campaigns = 0
    for campaign_id in Campaign.objects.filter(status=CampaignStatus.SCHEDULED, scheduled_at__lte=now).values_list(
        "pk", flat=True
    ):
        dispatch_campaign(campaign_id, now=now)
        campaigns += 1
    reminders = dispatch_reminders(now)
    pending = Message.objects.filter(status=MessageStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    if enqueue_supports_defer():
        # Retries are queued with run_after: only messages whose task was lost are queued again.
        pending = pending.filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=stale_before))
    due = list(pending.values_list("pk", flat=True))
    enqueue_messages(due)
    finish_campaigns(Campaign.objects.filter(status=CampaignStatus.SENDING).values_list("pk", flat=True))
    return {"revived": revived, "campaigns": campaigns, "reminders": reminders, "queued": len(due)}


def enqueue_supports_defer():
    return send_messages_task.get_backend().supports_defer


# --- Webhook -------------------------------------------------------------------------------------


#: Headers of a webhook call: when it was signed (Unix seconds) and the signature.
TIMESTAMP_HEADER = "X-Labo-Timestamp"
SIGNATURE_HEADER = "X-Labo-Signature"


def signature(body, timestamp, secret=None):
    """HMAC-SHA256 (hex) of ``"<timestamp>." + raw body`` with the webhook secret."""
    secret = settings.ALERTES_WEBHOOK_SECRET if secret is None else secret
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def webhook_refusal(body, timestamp, given, now=None):
    """Why a webhook call is refused (a short English reason for the log), or "" when it is genuine.

    Genuine: signed with the configured secret (none configured: every call is refused) over this
    timestamp and body, the timestamp within ``ALERTES_WEBHOOK_TOLERANCE`` seconds of now (either
    way), and this signature not seen before in that window (a captured call replayed at once).
    """
    secret = settings.ALERTES_WEBHOOK_SECRET
    if not secret:
        return "no ALERTES_WEBHOOK_SECRET configured"
    if not given or not timestamp:
        return "unsigned"
    try:
        signed_at = int(timestamp)
    except ValueError:
        return "unreadable timestamp"
    if not hmac.compare_digest(signature(body, timestamp), given.strip()):
        return "wrong signature"
    now = timezone.now().timestamp() if now is None else now
    tolerance = settings.ALERTES_WEBHOOK_TOLERANCE
    if abs(now - signed_at) > tolerance:
        return "timestamp outside the tolerance"
    # The window makes an old call useless; remembering the signatures seen in it refuses a replay
    # within it too (the cache is shared by every process: CACHE_URL).
    if not cache.add(f"alertes:webhook:{given.strip()}", 1, timeout=2 * tolerance + 60):
        return "replayed"
    return ""


def handle_event(event):
    """Apply one provider event: a delivery receipt, or an inbound reply (``alertes.replies``)."""
    kind = event.get("type")
    if kind == "status":
        provider_id = str(event.get("id", ""))
        status = event.get("status")
        if not provider_id or status not in {"delivered", "failed"}:
            return 0
        messages = Message.objects.filter(provider_id=provider_id).exclude(status=MessageStatus.CANCELLED)
        if status == "delivered":
            return messages.update(status=MessageStatus.DELIVERED, delivered_at=timezone.now())
        return messages.update(status=MessageStatus.FAILED, error=str(event.get("error", ""))[:1000])
    if kind == "inbound":
        # STOP however it is typed withdraws consent; any other reply goes to the structure's inbox.
        return replies.receive(event.get("from"), event.get("text"))
    return 0
