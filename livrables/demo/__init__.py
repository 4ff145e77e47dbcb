"""Demo deliverables, from each call for tender's list of what the provider owes (livrables/demo/data/deliverables.toml)."""

import datetime

from lab.demo.reader import read
from lab.models import ProgrammePage
from livrables.demo import documents
from livrables.models import Deliverable, DeliverableEvent, Story
from projets.models import Project


def reset():
    documents.reset()
    Story.objects.all().delete()
    DeliverableEvent.objects.all().delete()
    Deliverable.objects.all().delete()


def load(context):
    created = 0
    for programme_key, items in read(__file__, "deliverables").items():
        programme = ProgrammePage.objects.filter(slug=programme_key).first()
        if programme is None:
            continue
        for item in items:
            due = datetime.date.fromisoformat(item["due"]) if item.get("due") else programme.end_date
            _deliverable, was_created = Deliverable.objects.get_or_create(
                programme=programme,
                title=item["title"],
                defaults={"kind": item["kind"], "due_date": due},
            )
            created += was_created
    _load_stories()
    documents.load(context)
    context.log(
        f"Livrables : {Deliverable.objects.count()} livrables ({created} créés), {Story.objects.count()} storytellings."
    )


def _load_stories():
    """A storytelling for the first three demo projects (the team would write the two texts); once
    there are storytellings, none is added, so that loading twice changes nothing."""
    if Story.objects.exists():
        return

    for project in Project.objects.select_related("structure").filter(story__isnull=True)[:3]:
        Story.objects.create(
            project=project,
            title=f"{project.title} : l'histoire du projet",
            introduction=(
                f"Au départ, l'équipe de {project.structure.name} partait d'un constat partagé avec les habitants "
                "et les agents. Voici, dans l'ordre, les temps forts qui ont mené du besoin au prototype."
            ),
            conclusion="La suite : installer le prototype, mesurer son usage et préparer son essaimage.",
        )
