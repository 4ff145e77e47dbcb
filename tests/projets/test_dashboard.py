"""The pilot's dashboard and list of open problems: one page instead of the pilot's spreadsheet."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lab.models import Structure
from projets.choices import ActionStatus, FollowUpKind, Stage
from projets.models import Action, Axis, FollowUpEntry, Project, PrototypePage, Roadmap
from tests.factories import PersonFactory, ThemeFactory
from tests.projets.factories import make_project, make_prototype, make_roadmap

pytestmark = pytest.mark.django_db


def _bulk_projects(programme, n, theme):
    """``n`` projects with a roadmap, actions, follow-up entries (fast: bulk inserts)."""
    start = Structure.objects.count()
    structures = Structure.objects.bulk_create(
        [Structure(name=f"Structure {start + i}", slug=f"structure-{start + i}", kind="ccas") for i in range(n)]
    )
    projects = Project.objects.bulk_create(
        [Project(structure=s, programme=programme, title=f"Projet {s.name}", priority_theme=theme) for s in structures]
    )
    roadmaps = Roadmap.objects.bulk_create([Roadmap(project=p) for p in projects])
    axes = Axis.objects.bulk_create([Axis(roadmap=r, title="Axe", sort_order=0) for r in roadmaps])
    owner = PersonFactory()
    Action.objects.bulk_create(
        [
            Action(axis=a, title="Action", owner=owner, status=ActionStatus.TODO, due_date=datetime.date(2000, 1, 1))
            for a in axes
        ]
    )
    FollowUpEntry.objects.bulk_create(
        [FollowUpEntry(project=p, kind=FollowUpKind.PROBLEM, text=f"Problème {p.title}") for p in projects]
    )
    return projects


def test_the_dashboard_runs_the_same_queries_for_10_and_300_projects(world, login):
    theme = ThemeFactory()
    client = login(world.coordinator)
    url = reverse("projets_pilotage:dashboard")
    counts = []
    for total in (10, 300):
        _bulk_projects(world.programme_a, total - Project.objects.filter(programme=world.programme_a).count(), theme)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert f"{total} projets" in response.text
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_problems_list_runs_the_same_queries_for_10_and_300_problems(world, login):
    theme = ThemeFactory()
    client = login(world.coordinator)
    url = reverse("projets_pilotage:problems")
    counts = []
    for total in (10, 300):
        _bulk_projects(world.programme_a, total - Project.objects.count(), theme)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert f"{total} problèmes ouverts" in response.text
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_dashboard_shows_stage_progress_last_entry_and_problems(world, login):
    project = make_project(world.structure_a, world.programme_a, title="Accueil connecté")
    make_roadmap(
        project,
        actions=[("Fait", ActionStatus.DONE, None), ("En retard", ActionStatus.TODO, datetime.date(2000, 1, 1))],
    )
    make_prototype(
        world.programme_a, title="Borne d'accueil", structure=world.structure_a, stage=Stage.MOCKUP, project=project
    )
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.PROBLEM, text="Pas de salle", date=datetime.date(2021, 3, 1)
    )
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.CONTACT, text="Appel du référent", date=datetime.date(2021, 4, 1)
    )
    make_project(world.structure_b, world.programme_b, title="Projet de B")
    text = login(world.coordinator).get(reverse("projets_pilotage:dashboard")).text
    assert "Accueil connecté" in text
    assert "Borne d&#x27;accueil" in text and "Maquette" in text
    assert "50 %" in text and "1 action en retard" in text
    assert "Appel du référent" in text
    assert "Projet de B" not in text  # another programme


def test_the_dashboard_filters_projects_with_open_problems(world, login):
    with_problem = make_project(world.structure_a, world.programme_a, title="Avec problème")
    FollowUpEntry.objects.create(project=with_problem, kind=FollowUpKind.PROBLEM, text="Bloqué")
    structure = Structure.objects.create(name="Centre C", slug="centre-c", kind="ccas")
    structure.programmes.add(world.programme_a)
    make_project(structure, world.programme_a, title="Sans problème")
    text = login(world.coordinator).get(reverse("projets_pilotage:dashboard"), {"only_problems": "on"}).text
    assert "Avec problème" in text and "Sans problème" not in text


def test_a_structure_team_is_refused_the_pilots_dashboard(world, login):
    response = login(world.owner).get(reverse("projets_pilotage:dashboard"))
    assert response.status_code in (302, 403)
    assert PrototypePage.objects.count() == 0


@pytest.mark.parametrize("value", ["9" * 30, str(2**63), "abc"])
def test_a_huge_programme_in_the_dashboard_filter_is_an_invalid_choice_not_an_error_page(world, login, value):
    response = login(world.coordinator).get(reverse("projets_pilotage:dashboard"), {"programme": value})
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
