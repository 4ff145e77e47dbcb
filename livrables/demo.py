"""Demo deliverables, from each call for tender's list of what the provider owes (lab/demo_data.py)."""

import datetime

from lab import demo_data
from lab.models import ProgrammePage
from livrables.models import Deliverable, DeliverableEvent


def reset():
    DeliverableEvent.objects.all().delete()
    Deliverable.objects.all().delete()


def load(context):
    created = 0
    for programme_key, items in demo_data.DELIVERABLES.items():
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
    context.log(f"Livrables : {Deliverable.objects.count()} livrables ({created} créés).")
