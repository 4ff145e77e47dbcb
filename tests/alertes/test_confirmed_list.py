"""« The confirmed list is the list » (issue 16): what the référente confirmed is what is sent.

A campaign confirmed for some recipients sends to them only: people who joined its groups since
make it wait « à reconfirmer »; people who withdrew consent or were erased are skipped and
counted; the monthly budget is checked again at sending and never exceeded.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alertes import services
from alertes.choices import CampaignStatus, ConsentSource, HoldReason, RecipientOutcome
from alertes.models import Campaign, CampaignRecipient, Message, StructureSettings
from alertes.replies import withdraw_consent_by_phone
from alertes.sending import sweep
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db


def tomorrow_9():
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def campaign_data(alertes, **overrides):
    data = {
        "title": "Sortie au musée",
        "category": "activite",
        "text": "Bonjour {prenom}, sortie au musée samedi.",
        "channel": "sms",
        "groups": [alertes.jeunesse.pk],
        "send_mode": "later",
        "scheduled_at": tomorrow_9().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def confirmed_campaign(alertes, client, **overrides):
    """A campaign to « Jeunesse » (Alice and Bob consent, Carla does not), confirmed for tomorrow 9:00."""
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes, **overrides))
    campaign = Campaign.objects.latest("pk")
    client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED and campaign.recipients_count == 2
    return campaign


def send_when_due(campaign):
    sweep(now=campaign.scheduled_at + datetime.timedelta(minutes=1))
    campaign.refresh_from_db()


def test_confirming_records_the_list_of_recipients(alertes, login):
    campaign = confirmed_campaign(alertes, login(alertes.world.owner))
    confirmed = set(CampaignRecipient.objects.filter(campaign=campaign).values_list("member_id", flat=True))
    assert confirmed == {alertes.alice.pk, alertes.bob.pk}


def test_a_campaign_whose_groups_grew_waits_then_sends_to_the_list_confirmed_again(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    campaign = confirmed_campaign(alertes, client)
    # Imported into « Jeunesse » after the confirmation, before the sending time.
    dan = make_member(alertes.world.structure_a, "Petit", "Dan", "06 12 34 56 04", groups=[alertes.jeunesse])
    send_when_due(campaign)
    assert campaign.status == CampaignStatus.RECONFIRM and campaign.hold_reason == HoldReason.GROWN
    assert sms_outbox == [] and not Message.objects.exists()
    sweep(now=campaign.scheduled_at + datetime.timedelta(minutes=5))  # the sweep does not retry it alone
    assert sms_outbox == []

    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "À reconfirmer" in page
    assert "De nouveaux destinataires sont apparus depuis la confirmation" in page
    assert "1 nouvelle personne est entrée depuis dans ses groupes" in page
    assert "Confirmer de nouveau" in page
    assert "<strong>3</strong> destinataires" in page  # the new count, before confirming again
    listing = client.get(reverse("alertes:campaign_list")).content.decode()
    assert "À reconfirmer" in listing and "De nouveaux destinataires sont apparus" in listing

    response = client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]), follow=True)
    assert "Campagne confirmée : 3 destinataire(s)" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED and campaign.hold_reason == ""
    send_when_due(campaign)
    assert campaign.status == CampaignStatus.SENT
    assert sorted(sms.to for sms in sms_outbox) == sorted([alertes.alice.phone, alertes.bob.phone, dan.phone])
    assert Message.objects.filter(campaign=campaign).count() == 3


def test_people_who_withdrew_consent_since_the_confirmation_are_skipped_and_counted(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    campaign = confirmed_campaign(alertes, client)
    withdraw_consent_by_phone(alertes.bob.phone)  # « STOP »
    services.record_consent(alertes.alice, False, source=ConsentSource.FORM)
    send_when_due(campaign)
    assert sms_outbox == [] and not Message.objects.exists()
    assert campaign.status == CampaignStatus.SENT
    outcomes = set(CampaignRecipient.objects.filter(campaign=campaign).values_list("outcome", flat=True))
    assert outcomes == {RecipientOutcome.WITHDRAWN}
    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "2 personnes ont retiré leur accord depuis la confirmation" in page
    assert "Liste confirmée : 2 destinataires" in page


def test_a_member_erased_since_the_confirmation_is_skipped_and_counted(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    campaign = confirmed_campaign(alertes, client)
    services.erase_member(alertes.bob, author=alertes.world.owner)
    send_when_due(campaign)
    assert campaign.status == CampaignStatus.SENT
    assert [sms.to for sms in sms_outbox] == [alertes.alice.phone]
    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "1 fiche a été effacée depuis la confirmation" in page


def test_a_number_refused_since_the_confirmation_is_skipped_and_counted(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    campaign = confirmed_campaign(alertes, client)
    alertes.bob.phone_invalid = True
    alertes.bob.save()
    send_when_due(campaign)
    assert [sms.to for sms in sms_outbox] == [alertes.alice.phone]
    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "1 personne n'est plus joignable" in page


def test_when_another_campaign_used_the_budget_meanwhile_nothing_is_sent_over_it(alertes, login, sms_outbox):
    StructureSettings.objects.create(structure=alertes.world.structure_a, monthly_budget_segments=3)
    client = login(alertes.world.owner)
    campaign = confirmed_campaign(alertes, client)  # 2 segments of 3
    # Meanwhile, another campaign went out and used 2 segments of the same month.
    other = Campaign.objects.create(
        structure=alertes.world.structure_a, title="Autre", category="autre", text="x", status=CampaignStatus.SENT
    )
    for n in range(2):
        Message.objects.create(
            structure=alertes.world.structure_a, campaign=other, to=f"+3361234569{n}", segments=1, status="sent"
        )
    Message.objects.filter(campaign=other).update(created_at=campaign.scheduled_at)
    send_when_due(campaign)
    assert campaign.status == CampaignStatus.RECONFIRM and campaign.hold_reason == HoldReason.BUDGET
    assert sms_outbox == [] and not Message.objects.filter(campaign=campaign).exists()
    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "Le budget mensuel de SMS serait dépassé : rien n&#x27;est parti." in page
    assert "Confirmer de nouveau" not in page  # the preview refuses it too, with the detail
    assert "Le budget mensuel de la structure serait dépassé" in page
    # Once the budget is raised, the référente confirms again and it goes.
    StructureSettings.objects.filter(structure=alertes.world.structure_a).update(monthly_budget_segments=10)
    client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    send_when_due(campaign)
    assert campaign.status == CampaignStatus.SENT and len(sms_outbox) == 2


def test_a_reused_campaign_confirms_its_own_new_list(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    source = confirmed_campaign(alertes, client)
    send_when_due(source)
    dan = make_member(alertes.world.structure_a, "Petit", "Dan", "06 12 34 56 04", groups=[alertes.jeunesse])
    next_week = tomorrow_9() + datetime.timedelta(days=7)
    client.post(
        reverse("alertes:campaign_reuse", args=[source.pk]),
        campaign_data(alertes, scheduled_at=next_week.strftime("%Y-%m-%dT%H:%M")),
    )
    copy = Campaign.objects.get(reused_from=source)
    client.post(reverse("alertes:campaign_confirm", args=[copy.pk]))
    copy.refresh_from_db()
    assert copy.recipients_count == 3
    assert CampaignRecipient.objects.filter(campaign=source).count() == 2
    send_when_due(copy)
    assert copy.status == CampaignStatus.SENT
    assert Message.objects.filter(campaign=copy).count() == 3
    assert Message.objects.filter(campaign=copy, member=dan).exists()
