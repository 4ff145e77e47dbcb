"""Projects, teams, roadmaps and follow-up logs: the rules a project team notices."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lab.choices import PersonRole
from projets import services
from projets.choices import ActionStatus, FollowUpKind
from projets.models import Action, FollowUpEntry, Project
from tests.factories import PersonFactory, ThemeFactory
from tests.projets.factories import make_project, make_roadmap

pytestmark = pytest.mark.django_db

PAST = datetime.date(2000, 1, 1)
FUTURE = datetime.date(2999, 1, 1)


def test_it_refuses_a_fourth_team_member(world):
    project = make_project(world.structure_a, world.programme_a)
    people = [PersonFactory(structure=world.structure_a, role=PersonRole.AGENT) for _ in range(4)]
    with pytest.raises(ValidationError) as error:
        services.set_team(project, people, people[0])
    assert "3 personnes au plus" in str(error.value)
    assert "retirez-en 1" in str(error.value)
    assert project.team.count() == 1


def test_it_accepts_a_team_of_three_with_an_agent_referent(world):
    project = make_project(world.structure_a, world.programme_a)
    people = [PersonFactory(structure=world.structure_a, role=role) for role in (PersonRole.AGENT, "benevole", "elu")]
    services.set_team(project, people, people[0])
    assert set(project.team.all()) == set(people)
    assert project.referent == people[0]


def test_it_refuses_a_referent_who_is_not_an_agent(world):
    volunteer = PersonFactory(structure=world.structure_a, role=PersonRole.BENEVOLE)
    errors = services.team_errors(world.structure_a, [volunteer], volunteer)
    assert errors == [("referent", errors[0][1])]
    assert "agent" in errors[0][1]


def test_it_refuses_a_team_member_of_another_structure(world):
    errors = dict(services.team_errors(world.structure_a, [world.person_b], world.person_b))
    assert "Centre social A" in errors["team"]


def test_it_refuses_a_second_project_for_the_same_structure_and_programme(world):
    make_project(world.structure_a, world.programme_a)
    duplicate = Project(
        structure=world.structure_a, programme=world.programme_a, title="Bis", priority_theme=ThemeFactory()
    )
    with pytest.raises(ValidationError, match="déjà un projet dans ce programme"):
        duplicate.full_clean()


def test_it_refuses_an_action_owned_by_someone_outside_the_structure(world):
    roadmap = make_roadmap(make_project(world.structure_a, world.programme_a))
    action = Action(axis=roadmap.axes.get(), title="Former les agents", owner=world.person_b)
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "Centre social A" in error.value.message_dict["owner"][0]


def test_roadmap_progress_counts_done_actions_and_ignores_dropped_ones(world):
    roadmap = make_roadmap(
        make_project(world.structure_a, world.programme_a),
        actions=[
            ("Faire", ActionStatus.DONE, PAST),
            ("En retard", ActionStatus.TODO, PAST),
            ("Plus tard", ActionStatus.IN_PROGRESS, FUTURE),
            ("Abandonnée", ActionStatus.DROPPED, PAST),
        ],
    )
    progress = services.roadmap_progress(roadmap)
    assert progress == {"done": 1, "total": 3, "overdue": 1, "percent": 33}
    assert [a.title for a in Action.objects.overdue()] == ["En retard"]


def test_a_done_action_gets_todays_date_when_none_is_given(world):
    roadmap = make_roadmap(make_project(world.structure_a, world.programme_a))
    action = Action(axis=roadmap.axes.get(), title="Fait", owner=roadmap.project.referent, status=ActionStatus.DONE)
    action.full_clean()
    assert action.done_on is not None


def test_a_problem_stays_open_until_resolved(world):
    project = make_project(world.structure_a, world.programme_a)
    problem = FollowUpEntry.objects.create(project=project, kind=FollowUpKind.PROBLEM, text="Pas de connexion")
    assert problem.is_open_problem
    assert list(FollowUpEntry.objects.open_problems()) == [problem]
    problem.resolved_on = datetime.date.today()
    problem.save()
    assert not FollowUpEntry.objects.open_problems().exists()


def test_a_scheduled_reminder_shows_as_due_from_its_date(world):
    project = make_project(world.structure_a, world.programme_a)
    due = FollowUpEntry.objects.create(project=project, kind=FollowUpKind.REMINDER, text="Relancer", scheduled_for=PAST)
    FollowUpEntry.objects.create(project=project, kind=FollowUpKind.REMINDER, text="Plus tard", scheduled_for=FUTURE)
    assert due.is_due_reminder
    assert list(FollowUpEntry.objects.due_reminders()) == [due]


def test_it_refuses_an_executable_attachment(world):
    project = make_project(world.structure_a, world.programme_a)
    entry = FollowUpEntry(
        project=project,
        kind=FollowUpKind.CONTACT,
        text="Compte-rendu",
        attachment=SimpleUploadedFile("virus.exe", b"MZ"),
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "n'est pas accepté" in error.value.message_dict["attachment"][0]


def test_it_refuses_a_too_large_attachment(world, settings):
    project = make_project(world.structure_a, world.programme_a)
    big = SimpleUploadedFile("compte-rendu.pdf", b"0" * (10 * 1024 * 1024 + 1))
    entry = FollowUpEntry(project=project, kind=FollowUpKind.CONTACT, text="Compte-rendu", attachment=big)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "la limite est de 10" in error.value.message_dict["attachment"][0]
