"""The admin's first page, per role: what each has to do, scoped, with a sentence when there is nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ateliers.services.registrations import register
from lab.choices import ProgrammeRoleKind
from lab.models import ProgrammeRole
from livrables.choices import DeliverableStatus
from livrables.models import Deliverable
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"


@pytest.fixture
def facilitator(world):
    user = UserFactory(username="facilitation")
    ProgrammeRole.objects.create(user=user, programme=world.programme_a, role=ProgrammeRoleKind.FACILITATOR)
    return user


def home(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_facilitation_sees_its_next_workshops_and_not_another_programmes(world, login, facilitator):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    make_workshop(world.programme_a, title="Labo itinérant n°3", start=soon)
    make_workshop(world.programme_b, title="Forum du programme B", start=soon)
    page = home(login(facilitator))
    assert "Prochains ateliers" in page and "Labo itinérant n°3" in page
    assert "Forum du programme B" not in page
    assert "Comptes-rendus à écrire" in page and "Certificats à émettre" in page


def test_a_held_half_day_without_marks_asks_for_attendance_and_a_report(world, login, facilitator):
    past = timezone.localdate() - datetime.timedelta(days=20)
    workshop = make_workshop(world.programme_a, title="Labo passé", start=past, days=1)
    register(workshop, world.person_a, structure=world.structure_a)
    page = home(login(facilitator))
    grid = reverse("ateliers_admin:grid", args=[workshop.pk])
    assert f'href="{grid}"' in page
    add_report = reverse("wagtailadmin_pages:add", args=["ateliers", "reportpage", world.programme_a.pk])
    assert f'href="{add_report}"' in page


def test_each_empty_panel_says_so(world, login, facilitator):
    page = home(login(facilitator))
    assert "Aucun atelier n&#x27;est prévu" in page or "Aucun atelier n'est prévu" in page
    assert "Toutes les demi-journées passées ont leur émargement." in page
    assert "Chaque atelier terminé a son compte-rendu." in page


def test_the_funder_sees_the_deliverables_to_validate(world, login):
    Deliverable.objects.create(
        programme=world.programme_a, title="Bilan à valider", kind="bilan", status=DeliverableStatus.SUBMITTED
    )
    Deliverable.objects.create(
        programme=world.programme_b, title="Livrable d'un autre", kind="bilan", status=DeliverableStatus.SUBMITTED
    )
    page = home(login(world.funder))
    assert "Livrables à valider" in page and "Bilan à valider" in page
    assert "Livrable d'un autre" not in page and "Livrable d&#x27;un autre" not in page
    assert "Derniers documents" in page and "Prochains ateliers" not in page


def test_the_coordination_sees_validations_problems_and_reminders(world, login):
    page = home(login(world.coordinator))
    assert "Validations en attente" in page and "Aucune page n" in page
    assert "Problèmes ouverts" in page and "Relances à faire" in page


def test_a_structure_admin_sees_its_team_registrations_and_roadmap(world, login):
    page = home(login(world.owner))
    assert "Votre équipe" in page and "Inscriptions à venir" in page and "Feuille de route" in page
    assert "colleague" in page  # a member of structure A
    assert "outsider" not in page  # structure B's administrator
    assert "Validations en attente" not in page and "Prochains ateliers" not in page


def test_the_home_runs_the_same_queries_for_few_and_many_workshops(world, login, facilitator):
    client = login(facilitator)
    soon = timezone.localdate() + datetime.timedelta(days=5)
    past = timezone.localdate() - datetime.timedelta(days=30)
    make_workshop(world.programme_a, title="Atelier 0", start=soon, days=1)
    make_workshop(world.programme_a, title="Passé 0", start=past, days=1)
    home(client)
    with CaptureQueriesContext(connection) as few:
        home(client)
    for n in range(1, 9):
        make_workshop(world.programme_a, title=f"Atelier {n}", start=soon + datetime.timedelta(days=n), days=1)
        passed = make_workshop(world.programme_a, title=f"Passé {n}", start=past - datetime.timedelta(days=n), days=1)
        register(passed, PersonFactory(structure=world.structure_a), structure=world.structure_a)
    with CaptureQueriesContext(connection) as many:
        home(client)
    assert len(many) == len(few)


def test_the_planning_opens_on_the_next_dated_workshop(world, login):
    client = login(world.coordinator)
    url = reverse("ateliers_admin:planning", args=[world.programme_a.pk])
    make_workshop(world.programme_a, title="Labo de 2021", start=datetime.date(2021, 5, 4))
    assert "mai 2021" in client.get(url).content.decode()  # only past workshops: the first one
    coming = timezone.localdate() + datetime.timedelta(days=60)
    make_workshop(world.programme_a, title="Labo à venir", start=coming)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre"]
    months += ["novembre", "décembre"]
    assert f"{months[coming.month - 1]} {coming.year}" in client.get(url).content.decode()
