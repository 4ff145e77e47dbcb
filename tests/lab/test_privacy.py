"""RGPD: a participant's data exported and erased by who may change them, every action logged."""

import json

import pytest
from django.urls import reverse

from lab.models import AuditAction, AuditEvent, Person

pytestmark = pytest.mark.django_db


def test_a_coordinator_exports_everything_held_about_a_participant(world, login):
    world.person_a.email = "alice@exemple.invalid"
    world.person_a.save()
    response = login(world.coordinator).get(reverse("lab_person_export", args=[world.person_a.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["participant"]["courriel"] == "alice@exemple.invalid"
    assert data["participant"]["structure"] == "Centre social A"
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.target) == (
        world.coordinator,
        AuditAction.EXPORT,
        f"Participant n°{world.person_a.pk}",
    )


def test_erasing_a_participant_removes_the_identity_and_keeps_the_counts(world, login):
    client = login(world.owner)
    assert (
        "Effacer définitivement" in client.get(reverse("lab_person_erase", args=[world.person_a.pk])).content.decode()
    )
    response = client.post(reverse("lab_person_erase", args=[world.person_a.pk]))
    assert response.status_code == 302
    person = Person.objects.get(pk=world.person_a.pk)
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        "Personne",
        f"effacée n°{person.pk}",
        "",
        "",
    )
    assert person.structure == world.structure_a and person.role == "agent"
    assert AuditEvent.objects.filter(action=AuditAction.ERASE, actor=world.owner).count() == 1


@pytest.mark.parametrize("username", ["outsider", "funder", "animateur"])
@pytest.mark.parametrize("view", ["lab_person_export", "lab_person_erase"])
def test_it_refuses_rgpd_actions_to_who_may_not_change_the_participant(world, login, username, view):
    client = login(getattr(world, username))
    assert client.get(reverse(view, args=[world.person_a.pk])).status_code == 404
    assert client.post(reverse(view, args=[world.person_a.pk])).status_code == 404
    world.person_a.refresh_from_db()
    assert world.person_a.first_name == "Alice"
    assert not AuditEvent.objects.exists()


def test_exporting_the_participants_list_is_logged(world, login):
    response = login(world.owner).get(reverse("wagtailsnippets_lab_person:list") + "?export=csv")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LIST_EXPORT, actor=world.owner).exists()


def test_only_administrators_read_the_audit_log(world, login):
    AuditEvent.objects.create(actor=world.owner, action=AuditAction.EXPORT, target="Participant n°1")
    assert login(world.coordinator).get(reverse("wagtailsnippets_lab_auditevent:list")).status_code == 302
    assert "Participant n°1" in login(world.admin).get(reverse("wagtailsnippets_lab_auditevent:list")).content.decode()


def test_the_participants_list_offers_the_rgpd_actions(world, login):
    content = login(world.owner).get(reverse("wagtailsnippets_lab_person:list")).content.decode()
    assert reverse("lab_person_erase", args=[world.person_a.pk]) in content
