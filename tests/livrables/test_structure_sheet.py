"""The fiche CCAS: attendance per labo and per person, the project and its themes, each problem with its
status and dates, the publicity block; readable only by the structure and the programme's people."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ateliers.choices import AttendanceStatus
from ateliers.services.attendance import add_walk_in, mark_attendance
from ateliers.services.registrations import register
from lab.choices import ProgrammeRoleKind, StructureKind
from lab.models import ProgrammeRole
from livrables.structure_sheet import render_structure_sheet
from projets.choices import FollowUpKind
from projets.models import FollowUpEntry
from tests.ateliers.conftest import labo, team  # noqa: F401  (the labo fixture)
from tests.factories import ThemeFactory, UserFactory
from tests.projets.factories import make_project

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def sheet_world(world, labo):  # noqa: F811
    """Structure A: two agents at the labo (one present 6/6, one 3/6), a walk-in from the 2nd day over
    the maximum, a project with two themes, one open and one resolved problem."""
    first, second = team(world.structure_a, 2)
    first.first_name, first.last_name = "Amina", "Ali"
    first.save()
    second.first_name, second.last_name = "Bacar", "Saïd"
    second.save()
    third = team(world.structure_a, 1)[0]
    sessions = list(labo.sessions.all())
    for person, present in ((first, 6), (second, 3), (third, 0)):
        registration = register(labo, person, is_referent=person == first, confirmed=True)
        for index, session in enumerate(sessions):
            status = AttendanceStatus.PRESENT if index < present else AttendanceStatus.ABSENT
            mark_attendance(registration, session, status)
    walk_in = add_walk_in(
        labo,
        first_name="Zaïnaba",
        last_name="Madi",
        structure=world.structure_a,
        session=sessions[2],
        over_limit_reason="Remplace la directrice",
    )
    for session in sessions[3:]:
        mark_attendance(walk_in, session, AttendanceStatus.PRESENT)
    project = make_project(
        world.structure_a,
        world.programme_a,
        title="Accueil numérique du CCAS",
        team=[first],
        priority_theme=ThemeFactory(name="Accès aux droits"),
        secondary_theme=ThemeFactory(name="Mobilité"),
    )
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.PROBLEM, date=datetime.date(2021, 6, 1), text="Pas de connexion au CCAS"
    )
    FollowUpEntry.objects.create(
        project=project,
        kind=FollowUpKind.PROBLEM,
        date=datetime.date(2021, 5, 10),
        text="Salle indisponible",
        resolved_on=datetime.date(2021, 5, 20),
        resolution="Salle de la mairie prêtée",
    )
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.CONTACT, date=datetime.date(2021, 5, 3), text="Appel de lancement"
    )
    return world


def test_the_sheet_shows_attendance_per_labo_and_per_person_with_the_walk_in_from_their_day(sheet_world):
    world = sheet_world
    text = pdf_text(render_structure_sheet(world.structure_a, [world.programme_a]))
    assert "Fiche de la structure — Centre social A" in text
    assert "Programme : Programme A" in text
    # 6 + 3 + 0 present of 6 each, and the walk-in 4 of the 4 half-days from the 2nd day: 13 of 22.
    assert "13 demi-journées de présence sur 22 attendues, soit 59 %" in text
    assert "Labo itinérant n°1" in text and "6 demi-journées tenues" in text
    assert "Amina Ali (référent·e) 6 / 6 100 %" in text
    assert "Bacar Saïd 3 / 6 50 %" in text
    assert "Zaïnaba Madi" in text and "4 / 4 100 %" in text
    assert "venu·e sans inscription, attendu·e à partir du mercredi 5 mai 2021, matin" in text
    assert "maximum : Remplace la directrice" in text
    assert "Structure 13 / 22 59 %" in text


def test_the_sheet_shows_the_project_its_themes_and_each_problem_with_its_status(sheet_world):
    world = sheet_world
    text = pdf_text(render_structure_sheet(world.structure_a, [world.programme_a]))
    assert "Accueil numérique du CCAS" in text
    assert "Thématique prioritaire Accès aux droits" in text
    assert "Thématique secondaire Mobilité" in text
    assert "2 problèmes signalés dans la fiche de suivi, 1 encore ouvert" in text
    assert "01/06/2021 Pas de connexion au CCAS Ouvert" in text
    assert "10/05/2021 Salle indisponible" in text and "Résolu le 20/05/2021" in text
    assert "Résolution : Salle de la mairie prêtée" in text
    assert "Contact : Appel de lancement" in text
    # The publicity block of the programme on every page.
    words = " ".join(world.programme_a.publicity_sentence.split()[-4:])
    for page in PdfReader(io.BytesIO(render_structure_sheet(world.structure_a, [world.programme_a]))).pages:
        assert words in " ".join(page.extract_text().split())


def test_empty_sections_say_why_and_a_ccas_has_its_fiche_ccas(world):
    world.structure_b.kind = StructureKind.CCAS
    world.structure_b.save()
    text = pdf_text(render_structure_sheet(world.structure_b, [world.programme_b]))
    assert "Fiche CCAS — Centre social B" in text
    assert "pas encore de projet enregistré dans ce programme" in text
    assert "inscrite à aucun labo ni atelier de ce programme" in text
    assert "Sans projet enregistré, la structure n'a pas de fiche de suivi : aucun problème n'y est signalé" in text
    assert "Sans projet enregistré, la structure n'a pas encore de feuille de route" in text


def test_the_structure_admin_and_the_programme_funder_read_the_sheet(sheet_world, login):
    world = sheet_world
    url = reverse("livrables_structure_sheet", args=[world.structure_a.pk])
    for user in (world.owner, world.funder, world.coordinator):
        response = login(user).get(url)
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf"
        assert "Fiche de la structure — Centre social A" in pdf_text(response.content)


def test_another_structure_admin_and_another_programme_funder_get_404(sheet_world, login):
    world = sheet_world
    funder_b = UserFactory(username="funder-b")
    ProgrammeRole.objects.create(user=funder_b, programme=world.programme_b, role=ProgrammeRoleKind.FUNDER)
    url = reverse("livrables_structure_sheet", args=[world.structure_a.pk])
    for user in (world.outsider, funder_b):
        assert login(user).get(url).status_code == 404, user
        assert login(user).get(url, {"programme": world.programme_a.pk}).status_code == 404, user


def test_a_programme_the_user_does_not_follow_is_left_out(sheet_world, login):
    """Structure A in programme B too: programme A's funder reads only programme A's part, and asking
    for programme B (or junk) is a 404."""
    world = sheet_world
    world.structure_a.programmes.add(world.programme_b)
    url = reverse("livrables_structure_sheet", args=[world.structure_a.pk])
    client = login(world.funder)
    text = pdf_text(client.get(url).content)
    assert "Programme : Programme A" in text and "Programme : Programme B" not in text
    assert client.get(url, {"programme": world.programme_b.pk}).status_code == 404
    assert client.get(url, {"programme": "%00abc"}).status_code == 404
    both = pdf_text(login(world.owner).get(url).content)
    assert "Programme : Programme A" in both and "Programme : Programme B" in both


def test_the_structure_page_links_to_its_sheet(sheet_world, login):
    world = sheet_world
    url = reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk])
    page = login(world.funder).get(url).content.decode()
    sheet = reverse("livrables_structure_sheet", args=[world.structure_a.pk])
    assert f"{sheet}?programme={world.programme_a.pk}" in page
    assert "Fiche de la structure — Programme A" in page


def test_the_sheet_takes_the_same_queries_for_one_labo_or_three(sheet_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from livrables.structure_sheet import structure_sheet_context
    from tests.ateliers.conftest import make_workshop

    world = sheet_world

    def queries():
        with CaptureQueriesContext(connection) as captured:
            structure_sheet_context(world.programme_a, world.structure_a)
        return len(captured)

    one = queries()
    for number in (2, 3):
        workshop = make_workshop(world.programme_a, title=f"Labo n°{number}", start=datetime.date(2021, 9, number))
        for person in team(world.structure_a, 2):
            registration = register(workshop, person, confirmed=True)
            mark_attendance(registration, workshop.sessions.first(), AttendanceStatus.PRESENT)
    assert queries() == one
