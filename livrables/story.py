"""The storytelling of a project: the team's chapters of text and images, then a timeline built from the
project's real events: workshops its structure attended (with their compte-rendus' quotes and photos), the
prototypes' iterations and stage changes, and the follow-up entries.

Each source is reached from the project itself (its structure in its programme), so that a prototype filed
under the structure without being linked to the project, or a workshop dated only by its half-days, still
counts; a workshop with no date at all is listed after the timeline rather than dropped.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils.html import strip_tags

from ateliers.choices import AttendanceStatus
from ateliers.models import ReportPage, Workshop
from lab.infra.pdf import PdfDocument, render_pdf_batch
from projets.choices import FollowUpKind
from projets.models import FollowUpEntry, Iteration, PrototypePage, StageChange

#: Follow-up entries that tell the project's story (relances are the team's own to-do list).
STORY_FOLLOW_UPS = [kind for kind in FollowUpKind.values if kind != FollowUpKind.REMINDER]


@dataclass
class Event:
    date: datetime.date | None
    kind: str
    title: str
    text: str = ""
    quotes: list = field(default_factory=list)
    photos: list = field(default_factory=list)


def _project_workshops(project):
    """The programme's workshops the structure registered to, with how many of its people were present and
    the first half-day's date."""
    present = Q(registrations__structure_id=project.structure_id) & Q(
        registrations__attendances__status=AttendanceStatus.PRESENT
    )
    return list(
        Workshop.objects.filter(programme_id=project.programme_id, registrations__structure_id=project.structure_id)
        .annotate(
            first_session=Min("sessions__date"),
            present=Count("registrations__person", filter=present, distinct=True),
        )
        .order_by("start_date", "pk")
    )


def _workshop_events(project):
    workshops = _project_workshops(project)
    reports = {}
    for report in ReportPage.objects.live().filter(workshop__in=workshops):
        reports.setdefault(report.workshop_id, []).append(report)
    events = []
    for workshop in workshops:
        quotes, photos, texts = [], [], []
        if workshop.present:
            texts.append(
                f"{workshop.present} personne{'s' if workshop.present > 1 else ''} de la structure présente{'s' if workshop.present > 1 else ''}."
            )
        for report in reports.get(workshop.pk, []):
            texts.append(report.summary)
            for block in report.body:
                if block.block_type == "quote":
                    quotes.append(block.value)
                elif block.block_type == "photo":
                    photos.append(block.value)
                elif block.block_type == "text" and not report.summary:
                    texts.append(strip_tags(block.value.source)[:600])
        events.append(
            Event(
                workshop.start_date or workshop.first_session,
                workshop.get_kind_display(),
                workshop.title,
                " ".join(t for t in texts if t),
                quotes,
                photos,
            )
        )
    return events


def project_prototypes(project):
    """The project's prototypes: those linked to it, and those of its structure in its programme linked to none."""
    return PrototypePage.objects.filter(
        Q(project=project) | Q(project=None, structure_id=project.structure_id, programme_id=project.programme_id)
    )


def _prototype_events(project):
    prototypes = project_prototypes(project)
    events = []
    for iteration in Iteration.objects.filter(page__in=prototypes).select_related("page"):
        text = " ".join(part for part in (iteration.observation, iteration.learnt, iteration.decided) if part)
        label = iteration.title or f"itération {iteration.number}"
        events.append(Event(iteration.date, "Itération", f"{iteration.page.title} — {label}", text))
    for change in StageChange.objects.filter(page__in=prototypes).select_related("page"):
        events.append(
            Event(
                change.date,
                "Étape franchie",
                f"{change.page.title} : {change.get_to_stage_display().lower()}",
                change.reason,
            )
        )
    return events


def _follow_up_events(project):
    events = []
    for entry in FollowUpEntry.objects.filter(project=project, kind__in=STORY_FOLLOW_UPS).order_by("date", "pk"):
        text = entry.text
        if entry.kind == FollowUpKind.PROBLEM:
            text += f" Résolu le {entry.resolved_on:%d/%m/%Y}" if entry.resolved_on else " Toujours en cours."
            if entry.resolved_on and entry.resolution:
                text += f" : {entry.resolution}"
        events.append(Event(entry.date, f"Suivi — {entry.get_kind_display().lower()}", entry.get_kind_display(), text))
    return events


def story_events(project):
    """(dated events in time order, undated workshops) of ``project``."""
    events = _workshop_events(project) + _prototype_events(project) + _follow_up_events(project)
    dated = sorted((event for event in events if event.date), key=lambda event: event.date)
    return dated, [event for event in events if not event.date]


def story_context(story):
    project = story.project
    events, undated = story_events(project)
    return {"story": story, "project": project, "events": events, "undated": undated}


def render_story(story):
    document = PdfDocument("livrables/pdf/story.html", story_context(story), story.project.programme)
    return render_pdf_batch([document], title=f"Storytelling — {story.title}")
