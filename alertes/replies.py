"""SMS replies from members: STOP withdraws consent at once, anything else waits in the inbox.

The provider's webhook gives the sender's number and the text, never the structure (one sending
account serves every structure). So a reply is filed:

- in the structure that last sent an SMS to that number, when one did;
- otherwise in each structure where that number is a member's;
- nowhere when the number is no member's (erased, mistyped, spam): it is not kept, only counted in
  the log without number or text.

A STOP (``alertes.stop.is_stop``) withdraws the consent of every member with that number, in every
structure (the member asked the sending account to stop), cancels their pending SMS, and is filed
already « traitée » so the team sees it. Any other reply is filed « à traiter ».
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alertes.choices import Channel, ConsentSource, MessageStatus
from alertes.models import InboundReply, Member, Message
from alertes.services import record_consent
from alertes.stop import is_stop
from lab.infra.phones import normalize_phone

logger = logging.getLogger(__name__)

#: Longest reply text kept (providers concatenate long SMS; more is not a reply to a reminder).
MAX_TEXT = 2000


def sender_phone(raw):
    """The sender's number in E.164 form, or "" when it cannot be read."""
    try:
        return normalize_phone(str(raw or ""))
    except Exception:  # noqa: BLE001 — an unreadable sender is ignored, not an error
        return ""


def recipients_of_reply(phone):
    """The members a reply from ``phone`` is filed for: see the module docstring."""
    members = list(Member.objects.filter(phone=phone).order_by("pk"))
    if len(members) > 1:
        last_writer = (
            Message.objects.filter(channel=Channel.SMS, to=phone, structure__in=[m.structure_id for m in members])
            .exclude(sent_at=None)
            .order_by("-sent_at", "-pk")
            .values_list("structure_id", flat=True)
            .first()
        )
        if last_writer is not None:
            members = [member for member in members if member.structure_id == last_writer]
    return members


@transaction.atomic
def receive(raw_sender, raw_text, now=None):
    """Apply one inbound SMS. Returns how many members lost their consent (STOP) or got a reply filed."""
    phone = sender_phone(raw_sender)
    text = str(raw_text or "")[:MAX_TEXT]
    if not phone:
        return 0
    now = now or timezone.now()
    stop = is_stop(text)
    members = recipients_of_reply(phone)
    if not members:
        logger.info("Alertes: an SMS reply from a number no member has was not kept")
        return 0
    InboundReply.objects.bulk_create(
        InboundReply(
            structure_id=member.structure_id,
            member=member,
            sender=phone,
            text=text,
            received_at=now,
            is_stop=stop,
            handled=stop,
            handled_at=now if stop else None,
        )
        for member in members
    )
    if stop:
        return withdraw_consent_by_phone(phone)
    return len(members)


@transaction.atomic
def withdraw_consent_by_phone(phone):
    """« STOP »: every member with this number loses their consent now; their pending SMS are cancelled."""
    members = list(Member.objects.select_for_update().filter(phone=phone, consent=True))
    for member in members:
        record_consent(member, False, source=ConsentSource.STOP)
    Message.objects.filter(member__phone=phone, status=MessageStatus.PENDING).update(
        status=MessageStatus.CANCELLED, error=_("Réponse STOP : consentement retiré.")
    )
    return len(members)


@transaction.atomic
def withdraw_from_reply(reply, author):
    """« Retirer l'accord » from the inbox: this member (of this structure) loses their consent, their
    pending messages are cancelled and the reply is marked « traitée ». Returns False if they had
    already withdrawn it."""
    member = Member.objects.select_for_update().get(pk=reply.member_id)
    withdrawn = member.consent
    if withdrawn:
        record_consent(member, False, source=ConsentSource.REPLY, author=author)
        Message.objects.filter(member=member, status=MessageStatus.PENDING).update(
            status=MessageStatus.CANCELLED, error=_("Accord retiré après une réponse de l'adhérent.")
        )
    mark_handled(reply, author, handled=True)
    return withdrawn


def mark_handled(reply, author, *, handled=True):
    """Mark a reply « traitée » (or back « à traiter »)."""
    reply.handled = handled
    reply.handled_at = timezone.now() if handled else None
    reply.handled_by = author if handled else None
    reply.save(update_fields=["handled", "handled_at", "handled_by"])
