"""Builders for the projets tests: projects with their team, roadmaps, prototypes under a programme."""

import datetime

from lab.choices import PersonRole
from projets.builders import add_prototype
from projets.choices import ActionStatus, Stage
from projets.models import Action, Axis, Project, Roadmap
from tests.factories import PersonFactory, ThemeFactory


def make_project(structure, programme, *, title="Projet test", team=None, with_referent=True, **fields):
    """A project of ``structure`` in ``programme`` with a one-agent team who is the referent."""
    fields.setdefault("priority_theme", ThemeFactory())
    project = Project.objects.create(structure=structure, programme=programme, title=title, **fields)
    if team is None and with_referent:
        team = [PersonFactory(structure=structure, role=PersonRole.AGENT)]
    if team:
        project.team.set(team)
        project.referent = team[0]
        project.save()
    return project


def make_roadmap(project, *, actions=(), axis_title="Accueil numérique"):
    """A roadmap with one axis and the given actions [(title, status, due_date)]."""
    roadmap = Roadmap.objects.create(project=project)
    axis = Axis.objects.create(roadmap=roadmap, title=axis_title, sort_order=0)
    owner = project.referent or PersonFactory(structure=project.structure)
    for title, status, due in actions:
        Action.objects.create(
            axis=axis,
            title=title,
            owner=owner,
            status=status,
            due_date=due,
            done_on=datetime.date(2021, 5, 1) if status == ActionStatus.DONE else None,
        )
    return roadmap


def make_prototype(programme, *, title="Prototype test", structure=None, stage=Stage.IDEA, publish=True, **fields):
    fields.setdefault("need", "Un besoin exprimé par les habitants.")
    page = add_prototype(programme, title=title, structure=structure, stage=stage, publish=publish, **fields)
    page.refresh_from_db()
    return page
