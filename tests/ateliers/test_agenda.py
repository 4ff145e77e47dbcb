"""The public agenda: events on /agenda/ and the programme page, their iCalendar feeds, hackathon teams
linked to prototype fiches and the jury's results published when the organisers choose to."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from ateliers.choices import PublicEventKind, SubGroupKind, WorkshopKind
from ateliers.models import SubGroup
from ateliers.services.agenda import public_event_urls
from tests.ateliers.conftest import make_workshop
from tests.factories import make_programme
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


def make_event(programme, title="Grand temps fort", **fields):
    fields.setdefault("public_kind", PublicEventKind.TEMPS_FORT)
    fields.setdefault("published", True)
    fields.setdefault("kind", WorkshopKind.TEMPS_FORT)
    fields.setdefault("place", "Maison de quartier, Valenciennes")
    fields.setdefault("description", "Présentation de la démarche et des prototypes.")
    return make_workshop(programme, days=1, start=datetime.date(2021, 11, 20), title=title, **fields)


def test_the_agenda_lists_public_events_only_with_each_programmes_publicity(client, world):
    make_event(world.programme_a)
    make_event(world.programme_b, title="Forum du programme B", public_kind=PublicEventKind.FORUM)
    make_event(world.programme_a, title="Labo interne", public_kind=PublicEventKind.NONE)
    make_event(world.programme_a, title="Temps fort pas encore publié", published=False)

    html = client.get("/agenda/").content.decode()

    assert "Grand temps fort" in html and "Forum du programme B" in html
    assert "Labo interne" not in html and "pas encore publié" not in html
    assert "L'opération « Programme A » est cofinancée" in html.replace("&#x27;", "'")
    assert "L'opération « Programme B » est cofinancée" in html.replace("&#x27;", "'")


def test_the_agenda_runs_the_same_queries_for_many_events(client, world):
    make_event(world.programme_a)
    make_event(world.programme_b)
    with CaptureQueriesContext(connection) as few:
        client.get("/agenda/")
    for n in range(8):
        make_event(world.programme_a if n % 2 else world.programme_b, title=f"Événement {n}")
    third = make_programme("Programme C")
    make_event(third, title="Forum C")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/agenda/").status_code == 200
    assert len(many) == len(few)


def test_the_programme_page_shows_its_public_events_and_feed(client, world):
    event = make_event(world.programme_a)
    make_event(world.programme_b, title="Forum du programme B")
    html = client.get(world.programme_a.url).content.decode()
    assert f"/agenda/{event.pk}/" in html
    assert "Forum du programme B" not in html
    assert f"/agenda/programme/{world.programme_a.pk}/agenda.ics" in html


def test_a_workshop_that_is_not_public_is_not_found(client, world, labo):
    assert client.get(f"/agenda/{labo.pk}/").status_code == 404
    assert client.get(f"/agenda/{labo.pk}/evenement.ics").status_code == 404
    assert client.get("/agenda/999999999999999999/").status_code == 404


def test_the_event_feed_is_icalendar_with_each_half_day_at_its_hours(client, world):
    event = make_event(world.programme_a)
    session = event.sessions.first()
    session.start_time, session.end_time, session.label = datetime.time(9, 30), datetime.time(12), "Accueil"
    session.save()

    response = client.get(f"/agenda/{event.pk}/evenement.ics")

    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    timed = next(e for e in events if "Accueil" in str(e["SUMMARY"]))
    assert timed.decoded("DTSTART") == datetime.datetime(2021, 11, 20, 9, 30, tzinfo=timed.decoded("DTSTART").tzinfo)
    assert str(timed.decoded("DTSTART").tzinfo) == "Europe/Paris"
    assert str(timed["LOCATION"]) == "Maison de quartier, Valenciennes"
    assert f"/agenda/{event.pk}/" in str(timed["URL"])
    assert calendar.walk("VTIMEZONE")


def test_the_programme_feed_holds_its_public_events_only(client, world):
    make_event(world.programme_a, title="Temps fort A")
    make_event(world.programme_a, title="Atelier interne", public_kind=PublicEventKind.NONE)
    make_event(world.programme_b, title="Forum B")
    calendar = Calendar.from_ical(client.get(f"/agenda/programme/{world.programme_a.pk}/agenda.ics").content)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Temps fort A"}


def test_the_feed_of_an_unpublished_programme_is_not_found(client, world):
    world.programme_b.unpublish()
    assert client.get(f"/agenda/programme/{world.programme_b.pk}/agenda.ics").status_code == 404


def test_public_event_urls_are_absolute_and_listed_in_the_sitemap(client, world, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://labo.example.org"
    event = make_event(world.programme_a)
    internal = make_event(world.programme_a, title="Interne", public_kind=PublicEventKind.NONE)
    assert list(public_event_urls()) == [
        "https://labo.example.org/agenda/",
        f"https://labo.example.org/agenda/{event.pk}/",
    ]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://labo.example.org/agenda/</loc>" in sitemap
    assert f"<loc>https://labo.example.org/agenda/{event.pk}/</loc>" in sitemap
    assert f"/agenda/{internal.pk}/" not in sitemap


def _hackathon(world, **fields):
    event = make_event(world.programme_a, title="Hackathon", public_kind=PublicEventKind.HACKATHON, **fields)
    fiche = make_prototype(world.programme_a, title="Agenda partagé des activités")
    SubGroup.objects.create(
        workshop=event,
        kind=SubGroupKind.TEAM,
        name="Équipe 1",
        prototype_page=fiche,
        jury_rank=1,
        jury_result="Prix du jury",
        jury_comment="Simple et utile dès le premier jour.",
    )
    SubGroup.objects.create(workshop=event, kind=SubGroupKind.TEAM, name="Équipe 2", prototype="Carte des services")
    return event, fiche


def test_hackathon_teams_link_to_their_prototype_fiche(client, world):
    event, fiche = _hackathon(world)
    html = client.get(f"/agenda/{event.pk}/").content.decode()
    assert f'href="{fiche.url}"' in html
    assert "Carte des services" in html


def test_the_jury_results_appear_only_once_published(client, world):
    event, _fiche = _hackathon(world)
    assert "Simple et utile" not in client.get(f"/agenda/{event.pk}/").content.decode()
    event.results_published = True
    event.save()
    html = client.get(f"/agenda/{event.pk}/").content.decode()
    assert "Les résultats du jury" in html
    assert "1er" in html and "Prix du jury" in html and "Simple et utile dès le premier jour." in html


def test_a_team_cannot_link_a_page_that_is_not_a_prototype_fiche(world):
    from django.core.exceptions import ValidationError

    event = make_event(world.programme_a)
    team = SubGroup(workshop=event, kind=SubGroupKind.TEAM, name="Équipe", prototype_page=world.programme_b)
    with pytest.raises(ValidationError) as error:
        team.full_clean()
    assert "Choisissez une fiche prototype du commun." in str(error.value)


def test_the_workshop_admin_offers_the_public_event_settings_and_prototype_fiches_for_teams(world, login):
    event, _fiche = _hackathon(world)
    html = login(world.admin).get(f"/admin/snippets/ateliers/workshop/edit/{event.pk}/").content.decode()
    assert "Événement public" in html and "Publier les résultats du jury" in html
    assert "projets.prototypepage" in html.lower()
