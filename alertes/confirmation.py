"""At sending time, the confirmed list is the list: nobody is added, and what changed is counted.

``prepare_campaign`` runs inside ``sending.dispatch_campaign``'s transaction, once the campaign is
claimed. It returns the messages to create — one per person of the confirmed list who may still
receive it, per channel — after recording who was skipped and why (consent withdrawn, record
erased, no longer reachable). Or it sends nothing, holds the campaign « à reconfirmer » and returns
None, when:

- people joined the campaign's groups (or gave their consent) since the confirmation: they are not
  added silently; the référente confirms again and sees the new count and budget;
- the structure's monthly budget would be exceeded: the segments really used this month (messages
  created, cancelled ones aside) plus this campaign's must stay within it. Nothing is sent rather
  than part of the list: the référente confirms again (later, or once the budget is raised) or
  cancels. The structure's settings row is locked meanwhile, so two campaigns dispatched at once
  cannot both take the last segments.
"""

from django.db.models import Count, Sum

from alertes.choices import CampaignStatus, Channel, HoldReason, MessageStatus, RecipientOutcome
from alertes.gsm import segments as count_segments
from alertes.models import Campaign, CampaignRecipient, Message, StructureSettings
from alertes.services import (
    channels_of,
    month_bounds,
    new_recipients,
    personalise,
    record_recipients,
    settings_for,
)

BATCH = 500


def prepare_campaign(campaign, now):
    """The ``Message`` rows (unsaved) the claimed ``campaign`` sends now, or None when it is held."""
    rules = StructureSettings.objects.select_for_update().get(pk=settings_for(campaign.structure).pk)
    confirmed = CampaignRecipient.objects.filter(campaign=campaign)
    if not confirmed.exists():
        # Scheduled without a recorded list (before this version, or by code): its list is today's.
        record_recipients(campaign)
    elif new_recipients(campaign).exists():
        return hold(campaign, HoldReason.GROWN)
    existing = set(Message.objects.filter(campaign=campaign).values_list("member_id", "channel"))
    channels = channels_of(campaign)
    rows, skipped = [], {}
    recipients = confirmed.select_related("member").only(
        "pk", "member__first_name", "member__phone", "member__email", "member__consent", "member__phone_invalid"
    )
    for recipient in recipients.order_by("pk"):
        member = recipient.member
        outcome, reachable = _reachable(member, channels)
        if outcome != RecipientOutcome.CONFIRMED:
            skipped.setdefault(outcome, []).append(recipient.pk)
            continue
        for channel in reachable:
            if (member.pk, channel) in existing:
                continue
            text = personalise(campaign.text, member.first_name)
            rows.append(
                Message(
                    structure_id=campaign.structure_id,
                    campaign=campaign,
                    member=member,
                    channel=channel,
                    to=member.phone if channel == Channel.SMS else member.email,
                    text=text,
                    segments=count_segments(text) if channel == Channel.SMS else 0,
                )
            )
    budget = rules.monthly_budget_segments
    if budget and rows and segments_created(campaign.structure_id, now) + sum(row.segments for row in rows) > budget:
        return hold(campaign, HoldReason.BUDGET)
    for outcome, ids in skipped.items():
        for start in range(0, len(ids), BATCH):
            CampaignRecipient.objects.filter(pk__in=ids[start : start + BATCH]).update(outcome=outcome)
    return rows


def _reachable(member, channels):
    """(outcome, channels this confirmed person may still be sent on)."""
    if member is None:
        return RecipientOutcome.ERASED, []
    if not member.consent:
        return RecipientOutcome.WITHDRAWN, []
    reachable = [
        channel
        for channel in channels
        if (channel == Channel.SMS and member.phone and not member.phone_invalid)
        or (channel == Channel.EMAIL and member.email)
    ]
    return (RecipientOutcome.CONFIRMED if reachable else RecipientOutcome.UNREACHABLE), reachable


def segments_created(structure_id, when):
    """SMS segments of the month of ``when`` whose messages exist (cancelled ones aside)."""
    start, end = month_bounds(when)
    return (
        Message.objects.filter(
            structure_id=structure_id, channel=Channel.SMS, created_at__gte=start, created_at__lt=end
        )
        .exclude(status=MessageStatus.CANCELLED)
        .aggregate(total=Sum("segments"))["total"]
        or 0
    )


def hold(campaign, reason):
    """Put the claimed ``campaign`` « à reconfirmer »: nothing is sent until it is confirmed again."""
    Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
        status=CampaignStatus.RECONFIRM, hold_reason=reason, dispatched_at=None
    )
    return None


def skipped_counts(campaign):
    """{outcome: number of people} of the confirmed list not sent to, for the campaign's page."""
    return dict(
        CampaignRecipient.objects.filter(campaign=campaign)
        .exclude(outcome=RecipientOutcome.CONFIRMED)
        .values("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
