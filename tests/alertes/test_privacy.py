"""RGPD for SMS members: export from the member's page, logged erasure, retention of inactive members."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alertes import services, statistics
from alertes.choices import MessageStatus
from alertes.models import Campaign, Member, Message, Reminder
from lab.models import AuditAction, AuditEvent
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(alertes):
    """Alice has a campaign message (delivered), a reminder, and a consent history."""
    structure = alertes.world.structure_a
    campaign = Campaign.objects.create(structure=structure, title="Sortie au musée", category="culture", text="Bonjour")
    message = Message.objects.create(
        structure=structure,
        campaign=campaign,
        member=alertes.alice,
        to=alertes.alice.phone,
        text="Bonjour Alice, sortie samedi",
        status=MessageStatus.DELIVERED,
        sent_at=timezone.now(),
        delivered_at=timezone.now(),
    )
    reminder = Reminder.objects.create(
        structure=structure,
        member=alertes.alice,
        kind="document",
        text="Actualisation France Travail le {date}",
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    services.record_consent(alertes.alice, True, source="form", author=alertes.world.owner)
    return message, reminder


def test_it_exports_everything_about_a_member_from_their_page_and_logs_it(alertes, history, login):
    client = login(alertes.world.colleague)
    page = client.get(reverse("alertes:member_detail", args=[alertes.alice.pk])).content.decode()
    url = reverse("alertes:member_data_export", args=[alertes.alice.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f"adherent-{alertes.alice.pk}-donnees.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["adhérent"]["prénom"] == "Alice"
    assert data["adhérent"]["téléphone mobile"] == "+33612345601"
    assert data["adhérent"]["structure"] == "Centre social A"
    assert data["groupes"] == ["Jeunesse"]
    assert data["historique du consentement"][-1]["accord"] == "donné"
    assert data["rappels"][0]["texte"] == "Actualisation France Travail le {date}"
    [message] = data["messages"]
    assert message["campagne"] == "Sortie au musée"
    assert message["statut"] == "Distribué" or message["statut"]
    assert message["texte"] == "Bonjour Alice, sortie samedi"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == alertes.world.colleague
    assert event.target == f"Adhérent SMS n°{alertes.alice.pk}"
    assert "Alice" not in event.target


def test_the_export_holds_nothing_about_other_members(alertes, history, login):
    response = login(alertes.world.owner).get(reverse("alertes:member_data_export", args=[alertes.bob.pk]))
    data = json.loads(response.content)
    assert data["adhérent"]["prénom"] == "Bob"
    assert data["messages"] == [] and data["rappels"] == []
    assert "Alice" not in response.content.decode()


@pytest.mark.parametrize("username", ["owner", "colleague", "animateur"])
def test_it_refuses_to_export_another_structures_member(alertes, login, username):
    response = login(getattr(alertes.world, username)).get(
        reverse("alertes:member_data_export", args=[alertes.zoe_b.pk])
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.exists()


def test_it_refuses_the_export_to_a_user_outside_the_module(alertes, login):
    response = login(alertes.world.funder).get(reverse("alertes:member_data_export", args=[alertes.alice.pk]))
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.exists()


def test_erasure_is_logged_with_its_counts_and_leaves_the_statistics_unchanged(alertes, history, login):
    structure = alertes.world.structure_a
    before = statistics.statistics(structure)
    response = login(alertes.world.owner).post(reverse("alertes:member_erase", args=[alertes.alice.pk]))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert event.actor == alertes.world.owner
    assert event.target == f"Adhérent SMS n°{alertes.alice.pk}"
    assert event.details["messages_anonymised"] == 1
    assert "Alice" not in json.dumps(event.details) and "Martin" not in json.dumps(event.details)
    after = statistics.statistics(structure)
    assert after["months"] == before["months"]
    assert after["per_category"] == before["per_category"]
    assert Message.objects.filter(structure=structure, status=MessageStatus.DELIVERED).count() == 1


# --- Retention ------------------------------------------------------------------------------------


@pytest.fixture
def old_members(alertes, settings):
    """Bob and Carla's fiches untouched for 25 months; Carla got a message 3 months ago."""
    settings.ALERTES_RETENTION_MONTHS = 24
    long_ago = timezone.now() - datetime.timedelta(days=30 * 25)
    Member.objects.filter(pk__in=[alertes.bob.pk, alertes.carla.pk, alertes.zoe_b.pk]).update(updated_at=long_ago)
    recent = Message.objects.create(
        structure=alertes.world.structure_a, member=alertes.carla, to=alertes.carla.phone, text="Rappel"
    )
    Message.objects.filter(pk=recent.pk).update(created_at=timezone.now() - datetime.timedelta(days=90))
    return alertes


def test_the_member_list_flags_and_filters_inactive_members(old_members, login):
    client = login(old_members.world.owner)
    page = client.get(reverse("alertes:member_list")).content.decode()
    assert page.count("inactif depuis 24 mois") == 1  # Bob only
    filtered = client.get(reverse("alertes:member_list"), {"inactif": "oui"}).content.decode()
    assert "Bernard" in filtered
    assert "Martin" not in filtered and "Durand" not in filtered and "Zola" not in filtered
    assert "1 adhérent" in filtered


def test_an_upcoming_reminder_keeps_a_member_active(old_members, login):
    Reminder.objects.create(
        structure=old_members.world.structure_a,
        member=old_members.bob,
        kind="document",
        text="x",
        date=timezone.localdate() + datetime.timedelta(days=10),
    )
    Reminder.objects.filter(member=old_members.bob).update(created_at=timezone.now() - datetime.timedelta(days=800))
    filtered = login(old_members.world.owner).get(reverse("alertes:member_list"), {"inactif": "oui"})
    assert "Bernard" not in filtered.content.decode()


def test_the_member_list_costs_the_same_queries_with_many_inactive_members(old_members, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(old_members.world.owner)
    client.get(reverse("alertes:member_list"))  # the first request of a session fills caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("alertes:member_list"))
    for number in range(30):
        make_member(old_members.world.structure_a, f"Ancien{number}", "X", f"06 12 34 57 {number:02d}")
    Member.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30 * 25))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("alertes:member_list"))
    # Alice, Bob and the 30 new ones; Carla got a message 3 months ago.
    assert response.content.decode().count("inactif depuis 24 mois") == 32
    assert len(many) == len(few)


def test_the_command_lists_inactive_members_and_erases_them_only_when_asked(old_members):
    out = io.StringIO()
    call_command("alertes_inactive", stdout=out)
    listing = out.getvalue()
    assert f"n°{old_members.bob.pk}" in listing and f"n°{old_members.zoe_b.pk}" in listing
    assert f"n°{old_members.carla.pk}\t" not in listing
    assert "2 adhérent(s) inactif(s) depuis 24 mois" in listing
    assert Member.objects.filter(pk=old_members.bob.pk).exists()

    call_command("alertes_inactive", "--structure", old_members.world.structure_a.slug, "--erase", "--yes", stdout=out)
    assert not Member.objects.filter(pk=old_members.bob.pk).exists()
    assert Member.objects.filter(pk=old_members.zoe_b.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert event.target == f"Adhérent SMS n°{old_members.bob.pk}"
    assert event.actor is None
    assert event.details["reason"] == "inactif depuis 24 mois"


def test_the_command_erases_nothing_without_confirmation(old_members, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    out = io.StringIO()
    call_command("alertes_inactive", "--erase", stdout=out)
    assert "Rien n'a été effacé" in out.getvalue()
    assert Member.objects.filter(pk=old_members.bob.pk).exists()
    assert not AuditEvent.objects.exists()


def test_a_member_becomes_inactive_once_the_period_has_passed(alertes, settings):
    settings.ALERTES_RETENTION_MONTHS = 24
    from alertes.privacy import inactive_members

    assert not inactive_members(Member.objects.filter(pk=alertes.alice.pk)).exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30 * 24 + 1)):
        assert inactive_members(Member.objects.filter(pk=alertes.alice.pk)).exists()
