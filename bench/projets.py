"""Projets: the pilot's dashboard with 10 and 300 projects (queries and time), and the roadmap PDF."""

import datetime

from bench.harness import timed


def _build(count, programme, theme, owner):
    from lab.models import Structure
    from projets.choices import ActionStatus, FollowUpKind
    from projets.models import Action, Axis, FollowUpEntry, Project, Roadmap

    start = Structure.objects.count()
    structures = Structure.objects.bulk_create(
        [Structure(name=f"Banc {start + i}", slug=f"banc-{start + i}", kind="ccas") for i in range(count)]
    )
    projects = Project.objects.bulk_create(
        [Project(structure=s, programme=programme, title=f"Projet {s.name}", priority_theme=theme) for s in structures]
    )
    roadmaps = Roadmap.objects.bulk_create([Roadmap(project=p) for p in projects])
    axes = Axis.objects.bulk_create(
        [Axis(roadmap=r, title=f"Axe {n}", sort_order=n) for r in roadmaps for n in range(3)]
    )
    Action.objects.bulk_create(
        [
            Action(
                axis=a, title=f"Action {n}", owner=owner, status=ActionStatus.TODO, due_date=datetime.date(2000, 1, 1)
            )
            for a in axes
            for n in range(4)
        ]
    )
    FollowUpEntry.objects.bulk_create(
        [FollowUpEntry(project=p, kind=k, text="Entrée") for p in projects for k in FollowUpKind.values]
    )


def run(report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.dataset import PASSWORD
    from home.builders import home_page
    from lab.builders import add_programme, add_user
    from lab.models import Person, Structure, Theme
    from projets import services
    from projets.models import Project, Roadmap

    programme = add_programme(home_page(), "Banc projets")
    theme = Theme.objects.create(name="Thématique du banc")
    owner = Person.objects.create(
        first_name="Banc",
        last_name="Exemple",
        structure=Structure.objects.create(name="Banc", kind="ccas"),
        role="agent",
    )
    admin = add_user("banc-admin", password=PASSWORD, is_superuser=True)
    figures = {}
    for total in (10, 300):
        _build(total - Project.objects.filter(programme=programme).count(), programme, theme, owner)
        with CaptureQueriesContext(connection) as queries:
            seconds, rows = timed(services.dashboard_projects, admin, programme=programme)
        figures[total] = (len(queries), seconds, len(rows))
    report.row("tableau de pilotage, 10 projets : requêtes", figures[10][0], "requêtes")
    report.row(
        "tableau de pilotage, 300 projets : requêtes",
        figures[300][0],
        "requêtes",
        baseline=figures[10][0],
        baseline_label="10 projets",
        bar="même nombre",
    )
    report.row("tableau de pilotage, 300 projets : temps", figures[300][1] * 1000, "ms")
    roadmap = Roadmap.objects.filter(project__programme=programme).first()
    seconds, pdf = timed(services.roadmap_pdf, roadmap, repeat=3)
    report.row("feuille de route PDF (3 axes, 12 actions)", seconds * 1000, "ms")
