"""The « Projets » admin: each structure's team edits its own records; pilots see the programme's."""

import datetime

import pytest
from django.urls import reverse
from pypdf import PdfReader

from projets.choices import ActionStatus, FollowUpKind
from projets.models import FollowUpEntry, Project
from tests.factories import ThemeFactory
from tests.projets.factories import make_project, make_roadmap

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a read-only user's edit with a redirect to the admin home and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def projects(world):
    project_a = make_project(world.structure_a, world.programme_a, title="Projet du centre A")
    project_b = make_project(world.structure_b, world.programme_b, title="Projet du centre B")
    return project_a, project_b


def test_a_team_member_sees_only_their_structures_projects(world, login, projects):
    response = login(world.colleague).get(reverse("projets_projets:index"))
    assert response.status_code == 200
    assert "Projet du centre A" in response.text
    assert "Projet du centre B" not in response.text


def test_it_refuses_another_structures_project(world, login, projects):
    project_a, _ = projects
    client = login(world.outsider)
    assert client.get(reverse("projets_projets:edit", args=[project_a.pk])).status_code == 404
    roadmap = make_roadmap(project_a)
    assert client.get(reverse("projets_feuilles_de_route:edit", args=[roadmap.pk])).status_code == 404
    assert client.get(reverse("projets_pilotage:roadmap_pdf", args=[roadmap.pk])).status_code == 404
    entry = FollowUpEntry.objects.create(project=project_a, kind=FollowUpKind.CONTACT, text="Secret")
    assert client.get(reverse("projets_suivi:edit", args=[entry.pk])).status_code == 404
    assert "Secret" not in client.get(reverse("projets_suivi:index")).text


def test_the_coordinator_sees_the_programmes_projects_only(world, login, projects):
    response = login(world.coordinator).get(reverse("projets_projets:index"))
    assert "Projet du centre A" in response.text
    assert "Projet du centre B" not in response.text


def test_the_funder_reads_but_may_not_edit(world, login, projects):
    project_a, _ = projects
    client = login(world.funder)
    assert client.get(reverse("projets_projets:index")).status_code == 200
    assert refused(client.get(reverse("projets_projets:edit", args=[project_a.pk])))


def test_an_animateur_reads_but_may_not_edit(world, login, projects):
    project_a, _ = projects
    assert refused(login(world.animateur).get(reverse("projets_projets:edit", args=[project_a.pk])))


def _project_form(project, team, referent):
    return {
        "structure": project.structure_id,
        "programme": project.programme_id,
        "title": project.title,
        "status": "in_progress",
        "priority_theme": project.priority_theme_id,
        "secondary_theme": "",
        "summary": "",
        "team": [p.pk for p in team],
        "referent": referent.pk if referent else "",
    }


def test_the_team_edits_its_project_and_a_fourth_member_is_refused(world, login, projects):
    from lab.choices import PersonRole
    from tests.factories import PersonFactory

    project_a, _ = projects
    people = [PersonFactory(structure=world.structure_a, role=PersonRole.AGENT) for _ in range(4)]
    client = login(world.colleague)
    url = reverse("projets_projets:edit", args=[project_a.pk])
    response = client.post(url, _project_form(project_a, people, people[0]))
    assert response.status_code == 200
    assert "3 personnes au plus" in response.text
    response = client.post(url, _project_form(project_a, people[:3], people[0]))
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert project_a.status == "in_progress"
    assert project_a.team.count() == 3


def test_a_forged_project_id_is_refused_in_the_follow_up_log(world, login, projects):
    _, project_b = projects
    response = login(world.owner).post(
        reverse("projets_suivi:add"),
        {"project": project_b.pk, "date": "2021-03-01", "kind": "contact", "text": "Intrus"},
    )
    assert response.status_code == 200
    assert not FollowUpEntry.objects.filter(text="Intrus").exists()


def test_a_follow_up_entry_records_its_author(world, login, projects):
    project_a, _ = projects
    response = login(world.colleague).post(
        reverse("projets_suivi:add"),
        {"project": project_a.pk, "date": "2021-03-01", "kind": "problem", "text": "Le wifi ne marche pas"},
    )
    assert response.status_code == 302
    entry = FollowUpEntry.objects.get()
    assert entry.author == world.colleague
    assert entry.is_open_problem


def test_a_team_member_creates_the_project_of_their_structure(world, login):
    theme = ThemeFactory()
    from tests.factories import PersonFactory

    person = PersonFactory(structure=world.structure_a)
    response = login(world.owner).post(
        reverse("projets_projets:add"),
        {
            "structure": world.structure_a.pk,
            "programme": world.programme_a.pk,
            "title": "Accueil connecté",
            "status": "preparation",
            "priority_theme": theme.pk,
            "team": [person.pk],
            "referent": person.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get().title == "Accueil connecté"


def test_the_roadmap_pdf_lists_axes_and_actions_with_the_publicity_on_every_page(world, login, projects):
    project_a, _ = projects
    actions = [(f"Action numéro {n}", ActionStatus.TODO, datetime.date(2000, 1, 1)) for n in range(60)]
    roadmap = make_roadmap(project_a, actions=actions)
    response = login(world.owner).get(reverse("projets_pilotage:roadmap_pdf", args=[roadmap.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    import io

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    texts = [page.extract_text() for page in reader.pages]
    for text in texts:
        assert "est cofinancée par" in text
    full = "\n".join(texts)
    assert "Feuille de route" in full
    assert "Accueil numérique" in full
    assert "Action numéro 59" in full
    assert "en retard" in full


def test_the_roadmap_list_runs_the_same_queries_for_few_and_many_roadmaps(world, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StructureFactory

    client = login(world.coordinator)

    def add(n):
        for _ in range(n):
            structure = StructureFactory()
            structure.programmes.add(world.programme_a)
            make_roadmap(make_project(structure, world.programme_a), actions=[("A", ActionStatus.TODO, None)])

    counts = []
    for n in (3, 20):
        add(n)
        for name in (
            "projets_feuilles_de_route:index",
            "projets_projets:index",
            "projets_actions:index",
            "projets_suivi:index",
        ):
            client.get(reverse(name))  # warm caches
        row = []
        for name in (
            "projets_feuilles_de_route:index",
            "projets_projets:index",
            "projets_actions:index",
            "projets_suivi:index",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            row.append(len(queries))
        counts.append(row)
    assert counts[0] == counts[1]
