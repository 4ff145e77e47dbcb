"""Migration 0008: campaigns confirmed before confirmed lists existed get theirs, under the
confirmation's rules, so they go to the people they would have gone to, and no one joins them."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from alertes.choices import CampaignStatus, HoldReason
from alertes.models import Campaign, CampaignRecipient, Message
from alertes.sending import sweep
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db

MIGRATION = "0008_freeze_confirmed_lists"


def run_migration():
    """Run 0008's function with the historical models of the state before it (as ``migrate`` does)."""
    apps = MigrationLoader(connection).project_state(("alertes", "0007_settings_night_and_member_order")).apps
    importlib.import_module(f"alertes.migrations.{MIGRATION}").freeze(apps, None)


def old_campaign(alertes, status=CampaignStatus.SCHEDULED, **extra):
    """A campaign as the previous version left it: « programmée », no recorded list."""
    campaign = Campaign.objects.create(
        structure=alertes.world.structure_a,
        title="Fête de quartier",
        category="activite",
        text="Bonjour {prenom}, fête samedi.",
        status=status,
        scheduled_at=timezone.now() + datetime.timedelta(hours=2),
        **extra,
    )
    campaign.groups.set([alertes.jeunesse])
    return campaign


def listed(campaign):
    return set(CampaignRecipient.objects.filter(campaign=campaign).values_list("member_id", flat=True))


def test_a_scheduled_campaign_without_a_list_gets_the_people_it_would_have_gone_to(alertes):
    campaign = old_campaign(alertes)
    refused = make_member(alertes.world.structure_a, "Petit", "Paul", "06 12 34 56 07", groups=[alertes.jeunesse])
    refused.phone_invalid = True
    refused.save()
    campaign.members.add(alertes.zoe_b)  # another structure's member, forged in: never on the list
    run_migration()
    # Jeunesse: Alice and Bob consent; Carla does not; Paul's number was refused by the provider.
    assert listed(campaign) == {alertes.alice.pk, alertes.bob.pk}


def test_drafts_sent_campaigns_and_recorded_lists_are_left_alone(alertes):
    draft = old_campaign(alertes, status=CampaignStatus.DRAFT)
    sent = old_campaign(alertes, status=CampaignStatus.SENT)
    recorded = old_campaign(alertes)
    CampaignRecipient.objects.create(campaign=recorded, member=alertes.alice)
    run_migration()
    assert listed(draft) == set() and listed(sent) == set()
    assert listed(recorded) == {alertes.alice.pk}


def test_after_the_freeze_a_newcomer_makes_the_campaign_wait_instead_of_joining_it(alertes):
    campaign = old_campaign(alertes)
    run_migration()
    make_member(alertes.world.structure_a, "Nouveau", "Nina", "06 12 34 56 08", groups=[alertes.jeunesse])
    sweep(now=campaign.scheduled_at + datetime.timedelta(minutes=1))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RECONFIRM and campaign.hold_reason == HoldReason.GROWN
    assert not Message.objects.filter(campaign=campaign).exists()


def test_a_frozen_campaign_is_sent_to_its_list(alertes):
    campaign = old_campaign(alertes)
    run_migration()
    sweep(now=campaign.scheduled_at + datetime.timedelta(minutes=1))
    assert set(Message.objects.filter(campaign=campaign).values_list("member_id", flat=True)) == {
        alertes.alice.pk,
        alertes.bob.pk,
    }
