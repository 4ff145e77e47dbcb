"""Who a campaign goes to, and the recording of its confirmed list.

One rule for the confirmation service (``services.campaign_recipients``, ``services.record_recipients``)
and for migration 0008, which froze the lists of campaigns confirmed before lists were recorded. The
functions take the model classes, so the migration passes its historical models.
"""

from django.db.models import Exists, OuterRef, Q

from alertes.choices import CampaignStatus, Channel


def audience(member_model, campaign, channel=None):
    """The consenting members of the campaign's groups, plus its chosen members, each once.

    For SMS, members whose number the provider refused are left out; for e-mail, those without one;
    with no ``channel``, those the campaign's channel cannot reach.
    """
    group_ids = list(campaign.groups.values_list("pk", flat=True))
    member_ids = list(campaign.members.values_list("pk", flat=True))
    queryset = member_model.objects.filter(structure_id=campaign.structure_id, consent=True).filter(
        Q(groups__in=group_ids) | Q(pk__in=member_ids)
    )
    sms = Q(phone_invalid=False) & ~Q(phone="")
    email = ~Q(email="")
    if channel == Channel.SMS:
        queryset = queryset.filter(sms)
    elif channel == Channel.EMAIL:
        queryset = queryset.filter(email)
    else:
        queryset = queryset.filter(
            sms | email if campaign.channel == Channel.BOTH else (email if campaign.channel == Channel.EMAIL else sms)
        )
    return member_model.objects.filter(pk__in=queryset.values("pk"))


def record(recipient_model, member_model, campaign):
    """Record who ``campaign`` goes to now, replacing an earlier confirmation's list."""
    recipient_model.objects.filter(campaign=campaign).delete()
    ids = audience(member_model, campaign).order_by("pk").values_list("pk", flat=True)
    recipient_model.objects.bulk_create(
        [recipient_model(campaign=campaign, member_id=pk) for pk in ids], batch_size=500
    )


def freeze_unrecorded(campaign_model, recipient_model, member_model):
    """Record the list of every campaign confirmed (« programmée ») without one: the people it
    would have gone to when sent, under the confirmation's rules. Returns how many were frozen."""
    unrecorded = campaign_model.objects.filter(status=CampaignStatus.SCHEDULED).exclude(
        Exists(recipient_model.objects.filter(campaign=OuterRef("pk")))
    )
    frozen = 0
    for campaign in unrecorded.order_by("pk").iterator():
        record(recipient_model, member_model, campaign)
        frozen += 1
    return frozen
