"""The fiche CCAS: one structure in one programme, as a document its director and the funders accept.

Per programme the structure takes part in: the structure, its project with its themes and team,
attendance per labo (half-days attended out of expected, in total and per person), each problem of
the fiche de suivi with its status and dates, the roadmap's progress and the latest follow-up, under
the programme's publicity block. Built as data here, rendered by ``lab.infra.pdf``.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES
from ateliers.models import Registration, Session, Workshop
from ateliers.services.rates import held_sessions, rates_by_registration, structure_attendance
from lab.choices import StructureKind
from lab.infra.pdf import PdfDocument, render_pdf_batch
from lab.scope import scope_for
from projets.choices import FollowUpKind
from projets.models import Project
from projets.services import roadmap_document

TEMPLATE = "livrables/pdf/structure_sheet.html"
#: The kinds of structure whose sheet is called « fiche CCAS »; the others get « fiche de la structure ».
CCAS_KINDS = frozenset({StructureKind.CCAS, StructureKind.CIAS, StructureKind.UDCCAS})
#: The latest follow-up entries (other than problems) the sheet lists.
FOLLOW_UP_LINES = 10


def sheet_title(structure):
    return _("Fiche CCAS") if structure.kind in CCAS_KINDS else _("Fiche de la structure")


def attendance_per_labo(structure, programme):
    """Per workshop of ``programme`` the structure registered to: its rate, and each person's. Six queries."""
    workshops = Workshop.objects.filter(programme=programme, registrations__structure=structure).distinct()
    registrations = Registration.objects.filter(
        structure=structure, workshop__in=workshops, status__in=ACTIVE_REGISTRATION_STATUSES
    )
    sessions = Session.objects.filter(workshop__in=workshops)
    summary = structure_attendance(structure, workshops)
    per_registration = rates_by_registration(registrations, sessions)
    held = {}
    for workshop_id in held_sessions(sessions).values_list("workshop_id", flat=True):
        held[workshop_id] = held.get(workshop_id, 0) + 1
    people = {}
    for registration in registrations.select_related("person", "expected_from").order_by(
        "person__last_name", "person__first_name"
    ):
        people.setdefault(registration.workshop_id, []).append(
            {"registration": registration, "rate": per_registration.get(registration.pk)}
        )
    rates = {rate.key: rate for rate in summary["workshops"]}
    labos = [
        {
            "workshop": workshop,
            "rate": rates.get(workshop.pk),
            "held": held.get(workshop.pk, 0),
            "people": people.get(workshop.pk, []),
        }
        for workshop in workshops.order_by("start_date", "title")
    ]
    return {"labos": labos, "total": summary["total"]}


def structure_sheet_context(programme, structure):
    project = (
        Project.objects.filter(programme=programme, structure=structure)
        .select_related("priority_theme", "secondary_theme", "referent")
        .first()
    )
    context = {
        "structure": structure,
        "title": sheet_title(structure),
        "programme": programme,
        "project": project,
        "team": [],
        "problems": [],
        "follow_ups": [],
        "roadmap": None,
        "attendance": attendance_per_labo(structure, programme),
        "other_programmes": list(structure.programmes.exclude(pk=programme.pk).order_by("title")),
        "generated_at": timezone.now(),
        "today": timezone.localdate(),
    }
    if project is not None:
        context["team"] = list(project.team.order_by("last_name", "first_name"))
        entries = project.follow_ups.select_related("author")
        context["problems"] = list(entries.filter(kind=FollowUpKind.PROBLEM).order_by("resolved_on", "-date"))
        context["open_problems"] = sum(1 for p in context["problems"] if p.resolved_on is None)
        context["follow_ups"] = list(entries.exclude(kind=FollowUpKind.PROBLEM).order_by("-date")[:FOLLOW_UP_LINES])
        roadmap = getattr(project, "roadmap", None)
        if roadmap is not None:
            context["roadmap"] = roadmap_document(roadmap)
    return context


def structure_sheet_document(programme, structure):
    return PdfDocument(TEMPLATE, structure_sheet_context(programme, structure), programme)


def visible_programmes(user, structure):
    """The programmes of ``structure`` whose fiche ``user`` may read: those they hold a role in, or all
    of the structure's when they belong to it (or are a site administrator)."""
    scope = scope_for(user)
    programmes = structure.programmes.order_by("-start_date", "title")
    if scope.is_admin or structure.pk in scope.structure_ids():
        return programmes
    return programmes.filter(Q(pk__in=scope.programme_ids()))


def render_structure_sheet(structure, programmes):
    """The fiche of ``structure`` for each of ``programmes``, in one PDF (each under its own publicity block)."""
    documents = [structure_sheet_document(programme, structure) for programme in programmes]
    return render_pdf_batch(documents, title=f"{sheet_title(structure)} — {structure.name}")


def structure_sheet_section(structure, user):
    """On a structure's admin page (already scoped): a link to its fiche per programme the user may read."""
    programmes = list(visible_programmes(user, structure))
    if not programmes:
        return None
    return {
        "template": "livrables/admin/structure_sheet_section.html",
        "context": {"structure": structure, "programmes": programmes, "title": sheet_title(structure)},
    }
