"""Registrations: per-structure limits, referents, waiting list, bulk registration, scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ateliers.choices import RegistrationStatus
from ateliers.models import Session
from ateliers.services.registrations import (
    bulk_register,
    cancel_registration,
    invited_without_registration,
    register,
    structure_warnings,
)
from lab.choices import PersonRole
from tests.ateliers.conftest import team
from tests.factories import PersonFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_fourth_person_of_the_same_ccas(world, labo):
    structure = world.structure_a
    structure.name = "CCAS de Sada"
    structure.save()
    for person in team(structure, 3):
        register(labo, person)
    with pytest.raises(ValidationError) as error:
        register(labo, PersonFactory(structure=structure))
    assert "CCAS de Sada a déjà 3 inscrits : c'est le maximum pour ce labo." in str(error.value)


def test_a_cancelled_registration_frees_the_seat(world, labo):
    people = team(world.structure_a, 3)
    registrations = [register(labo, p) for p in people]
    cancel_registration(registrations[0])
    assert register(labo, PersonFactory(structure=world.structure_a)).status == RegistrationStatus.REGISTERED


def test_it_refuses_a_structure_that_was_not_invited(world, labo):
    stranger = PersonFactory(structure=StructureFactory(name="CCAS de Bouéni"))
    with pytest.raises(ValidationError, match="n'est pas invitée à ce labo"):
        register(labo, stranger)


def test_a_referent_must_be_an_agent(world, labo):
    elu = PersonFactory(structure=world.structure_a, role=PersonRole.ELU)
    with pytest.raises(ValidationError, match="doit être un agent"):
        register(labo, elu, is_referent=True)


def test_a_full_workshop_puts_newcomers_on_the_waiting_list_and_promotes_them(world, labo):
    labo.capacity = 2
    labo.max_per_structure = None
    labo.save()
    first, second, third = (register(labo, p) for p in team(world.structure_a, 3))
    assert third.status == RegistrationStatus.WAITING
    promoted = cancel_registration(first)
    third.refresh_from_db()
    assert promoted == [third] and third.status == RegistrationStatus.REGISTERED


def test_bulk_registration_registers_the_team_and_names_an_agent_referent(world, labo):
    people = [PersonFactory(structure=world.structure_a, role=PersonRole.ELU), *team(world.structure_a, 2)]
    created = bulk_register(labo, world.structure_a, people)
    assert len(created) == 3
    assert [r.is_referent for r in created] == [False, True, False]
    assert structure_warnings(labo) == []


def test_bulk_registration_refuses_a_team_without_agent_and_registers_nobody(world, labo):
    people = team(world.structure_a, 2, role=PersonRole.BENEVOLE)
    with pytest.raises(ValidationError, match="au moins un agent"):
        bulk_register(labo, world.structure_a, people)
    assert not labo.registrations.exists()


def test_bulk_registration_refuses_going_past_the_maximum(world, labo):
    with pytest.raises(ValidationError, match="dépasserait le maximum de 3"):
        bulk_register(labo, world.structure_a, team(world.structure_a, 4))
    assert not labo.registrations.exists()


def test_bulk_registration_page_registers_a_team(world, labo, login):
    people = team(world.structure_a, 2)
    client = login(world.coordinator)
    url = reverse("ateliers_admin:bulk_registration", args=[labo.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"structure": world.structure_a.pk, "people": [p.pk for p in people]})
    assert response.status_code == 302
    assert labo.registrations.count() == 2


def test_the_bulk_registration_page_shows_the_limit_message(world, labo, login):
    people = team(world.structure_a, 4)
    response = login(world.coordinator).post(
        reverse("ateliers_admin:bulk_registration", args=[labo.pk]),
        {"structure": world.structure_a.pk, "people": [p.pk for p in people]},
    )
    assert response.status_code == 200
    assert "dépasserait le maximum de 3" in response.content.decode()


def test_the_dashboard_lists_invited_structures_with_nobody_registered(world, labo, login):
    other = StructureFactory(name="CCAS de Tsingoni")
    other.programmes.add(world.programme_a)
    labo.invited_structures.add(other)
    labo.save()
    assert list(invited_without_registration(labo)) == [other, world.structure_a]
    response = login(world.coordinator).get(reverse("ateliers_admin:workshop", args=[labo.pk]))
    assert "CCAS de Tsingoni" in response.content.decode()


def test_a_structure_without_referent_is_flagged(world, labo):
    register(labo, PersonFactory(structure=world.structure_a, role=PersonRole.ELU))
    assert any("aucun agent référent" in w for w in structure_warnings(labo))


def test_a_session_outside_the_workshop_dates_is_refused(labo):
    session = Session(workshop=labo, date=datetime.date(2021, 6, 1), half_day="am")
    with pytest.raises(ValidationError, match="en dehors des dates de l'atelier"):
        session.full_clean()


def test_a_session_outside_the_programme_period_is_refused(labo):
    labo.start_date = labo.end_date = None
    session = Session(workshop=labo, date=datetime.date(2022, 6, 1), half_day="am")
    with pytest.raises(ValidationError, match="en dehors de la période du programme"):
        session.full_clean()


def test_the_admin_form_refuses_a_session_outside_the_dates(world, labo, login):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client = login(world.coordinator)
    url = reverse("wagtailsnippets_ateliers_workshop:add")
    data = nested_form_data(
        {
            "programme": world.programme_a.pk,
            "kind": "labo",
            "format": "presentiel",
            "title": "Labo test",
            "start_date": "2021-05-04",
            "end_date": "2021-05-06",
            "sessions": inline_formset([{"date": "2021-07-01", "half_day": "am", "label": ""}]),
            "subgroups": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "en dehors des dates de l" in response.content.decode()


def test_it_refuses_editing_another_programmes_workshop(world, labo_b, login):
    client = login(world.coordinator)
    assert client.get(reverse("wagtailsnippets_ateliers_workshop:edit", args=[labo_b.pk])).status_code == 404
    assert client.get(reverse("ateliers_admin:workshop", args=[labo_b.pk])).status_code == 404


def test_it_refuses_another_structures_member(world, labo, login):
    response = login(world.outsider).get(reverse("ateliers_admin:workshop", args=[labo.pk]))
    assert response.status_code == 404


def test_an_invited_structure_sees_the_workshop_but_cannot_change_it(world, labo, login):
    client = login(world.owner)
    assert client.get(reverse("ateliers_admin:workshop", args=[labo.pk])).status_code == 200
    response = client.get(reverse("ateliers_admin:bulk_registration", args=[labo.pk]))
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect with a message
    assert "/inscription-groupee/" not in response.get("Location", "")


def test_the_registration_list_runs_the_same_queries_with_few_or_many_rows(world, labo, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    labo.max_per_structure = None
    labo.save()
    client = login(world.coordinator)
    url = reverse("wagtailsnippets_ateliers_registration:list")
    register(labo, PersonFactory(structure=world.structure_a))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for person in team(world.structure_a, 30):
        register(labo, person)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_structure_team_registers_its_agent_in_the_admin_and_sees_the_limit(world, labo, login):
    client = login(world.owner)
    url = reverse("wagtailsnippets_ateliers_registration:add")
    data = {"workshop": labo.pk, "person": world.person_a.pk, "structure": "", "status": "inscrit", "subgroup": ""}
    assert client.post(url, data).status_code == 302
    registration = labo.registrations.get()
    assert registration.structure == world.structure_a and registration.registered_at
    labo.max_per_structure = 1
    labo.save()
    other = PersonFactory(structure=world.structure_a)
    response = client.post(url, {**data, "person": other.pk})
    assert response.status_code == 200
    assert "a déjà 1 inscrit : c'est le maximum pour ce labo." in response.content.decode().replace("&#x27;", "'")


def test_an_outsider_cannot_register_into_another_programmes_workshop(world, labo, login):
    response = login(world.outsider).post(
        reverse("wagtailsnippets_ateliers_registration:add"),
        {"workshop": labo.pk, "person": world.person_b.pk, "status": "inscrit"},
    )
    assert response.status_code == 200 and not labo.registrations.exists()


def test_the_workshop_edit_page_links_to_its_dashboard_and_grid(world, labo, login):
    page = login(world.coordinator).get(reverse("wagtailsnippets_ateliers_workshop:edit", args=[labo.pk]))
    content = page.content.decode()
    assert reverse("ateliers_admin:workshop", args=[labo.pk]) in content
    assert reverse("ateliers_admin:grid", args=[labo.pk]) in content
