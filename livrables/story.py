"""The storytelling of a project: its events in time order, between the team's introduction and conclusion."""

import datetime
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from ateliers.models import ReportPage, Workshop
from lab.infra.pdf import PdfDocument, render_pdf_batch
from projets.models import Iteration, PrototypePage, StageChange


@dataclass
class Event:
    date: datetime.date
    kind: str
    title: str
    text: str = ""
    quotes: list = field(default_factory=list)
    photos: list = field(default_factory=list)


def story_events(project):
    """Workshops the structure took part in (with their reports' quotes and photos), the prototypes'
    iterations and stage changes, sorted by date."""
    events = []
    workshops = list(
        Workshop.objects.filter(programme_id=project.programme_id, registrations__structure_id=project.structure_id)
        .distinct()
        .order_by("start_date")
    )
    reports = {}
    for report in ReportPage.objects.live().filter(workshop__in=workshops):
        reports.setdefault(report.workshop_id, []).append(report)
    for workshop in workshops:
        quotes, photos, texts = [], [], []
        for report in reports.get(workshop.pk, []):
            texts.append(report.summary)
            for block in report.body:
                if block.block_type == "quote":
                    quotes.append(block.value)
                elif block.block_type == "photo":
                    photos.append(block.value)
                elif block.block_type == "text":
                    texts.append(strip_tags(block.value.source)[:600])
        if workshop.start_date:
            events.append(
                Event(
                    workshop.start_date,
                    workshop.get_kind_display(),
                    workshop.title,
                    " ".join(t for t in texts if t),
                    quotes,
                    photos,
                )
            )
    prototypes = PrototypePage.objects.filter(project=project)
    for iteration in Iteration.objects.filter(page__in=prototypes).select_related("page"):
        text = " ".join(part for part in (iteration.observation, iteration.learnt, iteration.decided) if part)
        events.append(
            Event(iteration.date, "Itération", f"{iteration.page.title} — {iteration.title or iteration.number}", text)
        )
    for change in StageChange.objects.filter(page__in=prototypes).select_related("page"):
        events.append(
            Event(
                change.date,
                "Étape franchie",
                f"{change.page.title} : {change.get_to_stage_display().lower()}",
                change.reason,
            )
        )
    return sorted(events, key=lambda event: event.date)


def render_story(story):
    project = story.project
    context = {"story": story, "project": project, "events": story_events(project)}
    document = PdfDocument("livrables/pdf/story.html", context, project.programme)
    return render_pdf_batch([document], title=f"Storytelling — {story.title}")
