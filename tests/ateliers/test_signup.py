"""Sign-up of the public to an event of the agenda: the form's checks (French messages, nothing lost),
seats and waiting list, the e-mails with the .ics, the signed cancellation link, anti-spam, the admin's
scope over the people who signed up, and the retention of their data."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import TestCase
from icalendar import Calendar

from ateliers.choices import PublicEventKind, RegistrationSource, RegistrationStatus, SubGroupKind, WorkshopKind
from ateliers.models import Registration, SubGroup
from ateliers.services.registrations import cancel_registration, register
from ateliers.services.signup import expired_signups
from ateliers.services.signup_tokens import cancel_token
from lab.infra.antispam import make_form_token
from lab.models import Person
from tests.ateliers.conftest import make_workshop

pytestmark = pytest.mark.django_db

SALT = "ateliers.public-signup"


@pytest.fixture
def event(world):
    """The programme A's temps fort, open to sign-up, organised by its carrier (structure A)."""
    world.programme_a.carrier = world.structure_a
    world.programme_a.save_revision().publish()
    return make_workshop(
        world.programme_a,
        days=1,
        start=datetime.date(2021, 11, 20),
        kind=WorkshopKind.TEMPS_FORT,
        title="Grand temps fort du bassin minier",
        place="Maison de quartier, Valenciennes",
        public_kind=PublicEventKind.TEMPS_FORT,
        published=True,
        signup_open=True,
    )


def answers(**overrides):
    data = {
        "first_name": "Nadia",
        "last_name": "Habitante",
        "email": "nadia@exemple.invalid",
        "phone": "06 12 34 56 78",
        "structure": "Association des parents",
        "role": "habitant",
        "website": "",
        "token": make_form_token(SALT, time.time() - 30),
    }
    data.update(overrides)
    return data


def committed(action, *args, **kwargs):
    """Run ``action`` and the work it leaves for after the commit (the e-mails), as a request would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)


def sign_up(client, event, **overrides):
    return committed(client.post, f"/agenda/{event.pk}/", answers(**overrides))


def cancel_link(message):
    return re.search(r"https?://\S+/agenda/annuler/\S+/", message.body).group(0).split("://", 1)[1].split("/", 1)[1]


def test_a_visitor_signs_up_and_receives_the_event_as_ics_with_a_cancel_link(client, world, event):
    response = sign_up(client, event)

    assert response.status_code == 302
    registration = Registration.objects.get(workshop=event)
    assert registration.source == RegistrationSource.PUBLIC
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.structure == world.structure_a  # the carrier, for the attendance sheet and certificates
    assert registration.declared_structure == "Association des parents"
    assert registration.person.phone == "+33612345678"
    assert registration.person.role == "habitant"
    assert client.get(response["Location"]).content.decode().count("Votre inscription est enregistrée") == 1
    [message] = mail.outbox
    assert message.to == ["nadia@exemple.invalid"]
    assert message.subject == "Inscription confirmée : Grand temps fort du bassin minier"
    assert "/agenda/annuler/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    [vevent, *_] = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]).startswith("Grand temps fort du bassin minier")
    assert vevent.decoded("DTSTART") == datetime.date(2021, 11, 20)


def test_bad_answers_get_french_messages_and_keep_what_was_typed(client, event):
    response = sign_up(client, event, first_name="", email="pas-une-adresse", phone="12", role="")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html
    assert "Saisissez une adresse e-mail valide." in html
    assert "n&#x27;est pas un numéro de téléphone valide" in html
    assert 'value="Habitante"' in html and 'value="Association des parents"' in html
    assert not Registration.objects.exists() and not mail.outbox


def test_a_robot_filling_the_hidden_field_or_too_fast_is_refused_with_answers_kept(client, event):
    response = sign_up(client, event, website="http://spam.example")
    assert response.status_code == 400
    assert "ce champ doit rester vide" in response.content.decode()

    response = sign_up(client, event, token=make_form_token(SALT))  # sent the second it was shown
    html = response.content.decode()
    assert response.status_code == 400
    assert "envoyé trop vite" in html and 'value="Habitante"' in html
    assert not Registration.objects.exists()


def test_too_many_sign_ups_from_one_address_are_refused(client, event, settings):
    settings.ATELIERS_SIGNUP_RATE_PER_HOUR = 2
    for n in range(2):
        assert sign_up(client, event, email=f"p{n}@exemple.invalid").status_code == 302
    response = sign_up(client, event, email="p3@exemple.invalid")
    assert response.status_code == 400
    assert "réessayez dans une heure" in response.content.decode()
    assert Registration.objects.count() == 2


def test_the_same_address_cannot_sign_up_twice(client, event):
    sign_up(client, event)
    response = sign_up(client, event, first_name="Nadia B.")
    assert response.status_code == 400
    assert "Cette adresse est déjà inscrite à cet événement." in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_closed_sign_up_registers_nobody(client, event):
    event.signup_open = False
    event.save()
    assert 'name="email"' not in client.get(f"/agenda/{event.pk}/").content.decode()
    response = sign_up(client, event)
    assert response.status_code == 302
    assert not Registration.objects.exists()
    event.signup_open, event.signup_deadline = True, datetime.date(2021, 1, 1)
    event.save()
    sign_up(client, event)
    assert not Registration.objects.exists()


def test_a_full_event_puts_people_on_the_waiting_list_and_a_cancellation_promotes_them(client, event):
    event.capacity = 1
    event.save()
    sign_up(client, event, email="first@exemple.invalid")
    response = sign_up(client, event, email="second@exemple.invalid", first_name="Samir")
    assert "liste d&#x27;attente" in client.get(response["Location"]).content.decode()

    second = Registration.objects.get(person__email="second@exemple.invalid")
    assert second.status == RegistrationStatus.WAITING
    waiting_mail = mail.outbox[1]
    assert waiting_mail.subject.startswith("Liste d'attente") and not waiting_mail.attachments

    first_link = cancel_link(mail.outbox[0])
    assert committed(client.post, "/" + first_link).status_code == 200

    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    promoted = mail.outbox[2]
    assert promoted.to == ["second@exemple.invalid"]
    assert promoted.subject == "Une place s'est libérée : Grand temps fort du bassin minier"
    assert promoted.attachments[0][0].endswith(".ics")


def test_a_cancellation_by_the_team_also_promotes_and_emails(client, event):
    event.capacity = 1
    event.save()
    sign_up(client, event, email="first@exemple.invalid")
    sign_up(client, event, email="second@exemple.invalid")
    committed(cancel_registration, Registration.objects.get(person__email="first@exemple.invalid"))
    assert mail.outbox[-1].to == ["second@exemple.invalid"]
    assert "place s'est libérée" in mail.outbox[-1].subject


def test_the_cancel_link_asks_before_cancelling(client, event):
    sign_up(client, event)
    link = "/" + cancel_link(mail.outbox[0])
    registration = Registration.objects.get()

    page = client.get(link)
    assert "voulez-vous annuler votre inscription" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED

    done = client.post(link)
    assert "est annulée" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "est annulée" in client.post(link).content.decode()  # twice: still fine


def test_a_tampered_or_foreign_cancel_link_is_refused(client, world, event, labo):
    sign_up(client, event)
    token = cancel_token(Registration.objects.get())
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(f"/agenda/annuler/{forged}/")
    assert response.status_code == 404
    assert "Ce lien d’annulation n’est pas valable." in response.content.decode()
    # A registration keyed in by the team has no cancellation link, even signed with the right salt.
    staff = register(labo, world.person_a)
    other = signing.dumps({"r": staff.pk}, salt="ateliers.public-signup-cancel")
    assert client.post(f"/agenda/annuler/{other}/").status_code == 404
    staff.refresh_from_db()
    assert staff.status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(workshop=event).status == RegistrationStatus.REGISTERED


def test_a_hackathon_sign_up_asks_for_a_team_of_that_event_only(client, world, event, labo):
    event.signup_asks_team = True
    event.save()
    team = SubGroup.objects.create(workshop=event, kind=SubGroupKind.TEAM, name="Équipe agenda", prototype="Agenda")
    elsewhere = SubGroup.objects.create(workshop=labo, kind=SubGroupKind.TEAM, name="Équipe d'ailleurs")
    assert "Équipe agenda — Agenda" in client.get(f"/agenda/{event.pk}/").content.decode()

    response = sign_up(client, event, team=str(elsewhere.pk))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide." in response.content.decode()

    sign_up(client, event, team=str(team.pk))
    assert Registration.objects.get().subgroup == team
    assert "Équipe souhaitée : Équipe agenda" in mail.outbox[0].body


def test_people_who_signed_up_are_registrations_in_the_organisers_admin_only(client, world, event, login):
    sign_up(client, event)
    url = "/admin/snippets/ateliers/registration/?source=en_ligne"
    assert "Nadia Habitante" in login(world.coordinator).get(url).content.decode()
    assert "Nadia Habitante" in login(world.owner).get(url).content.decode()  # the carrier's team
    assert "Nadia Habitante" not in login(world.outsider).get(url).content.decode()
    registration = Registration.objects.get()
    assert login(world.outsider).get(f"/admin/snippets/ateliers/registration/edit/{registration.pk}/").status_code in (
        403,
        404,
    )
    grid = login(world.coordinator).get(f"/admin/ateliers/atelier/{event.pk}/emargement/")
    assert grid.status_code == 200 and "Habitante" in grid.content.decode()  # the attendance grid


def test_the_data_of_people_who_signed_up_is_erased_after_the_retention_period(client, world, event, labo):
    sign_up(client, event)
    staff = register(labo, world.person_a)
    person = Registration.objects.get(workshop=event).person

    assert list(expired_signups(months=12, today=datetime.date(2022, 6, 1))) == []
    assert list(expired_signups(months=12, today=datetime.date(2023, 1, 1))) == [person]

    call_command("ateliers_purge_signups", "--erase", "--yes", "--months", "12", stdout=open("/dev/null", "w"))  # noqa: SIM115
    person.refresh_from_db()
    assert person.email == "" and person.phone == "" and person.first_name == "Personne"
    registration = Registration.objects.get(workshop=event)
    assert registration.declared_structure == "" and registration.status == RegistrationStatus.REGISTERED
    staff.person.refresh_from_db()
    assert staff.person.email == world.person_a.email  # people keyed in by the teams are left alone
    assert Person.objects.filter(first_name="Personne").count() == 1
