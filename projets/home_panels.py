"""The projets' panels of the admin's first page (`lab.home_panels`): for the coordination, the open
problems and the reminders due; for a structure's administrator, its roadmap's next actions."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lab.choices import ProgrammeRoleKind
from lab.home_panels import PANEL_ROWS, TodoPanel, roles_of
from lab.infra.french import long_date
from lab.scope import VIEW, scope_for
from projets.choices import ActionStatus
from projets.models import Action, FollowUpEntry


def _entry_rows(entries):
    return [
        (
            entry.project.structure.name,
            reverse("projets_suivi:edit", args=[entry.pk]),
            f"{long_date(entry.scheduled_for or entry.date)} — {entry.text[:90]}",
        )
        for entry in entries
    ]


def problems_panel(user):
    entries = (
        scope_for(user)
        .filter(FollowUpEntry.objects.open_problems(), VIEW)
        .select_related("project__structure")
        .order_by("date", "pk")[:PANEL_ROWS]
    )
    return TodoPanel(
        "projets_problems",
        _("Problèmes ouverts"),
        _entry_rows(entries),
        _("Aucun problème n'est ouvert dans les fiches de suivi."),
        order=30,
        more_url=reverse("projets_pilotage:problems"),
        more_label=_("Tous les problèmes ouverts"),
    )


def reminders_panel(user, today):
    entries = (
        scope_for(user)
        .filter(FollowUpEntry.objects.due_reminders(today), VIEW)
        .select_related("project__structure")
        .order_by("scheduled_for", "pk")[:PANEL_ROWS]
    )
    return TodoPanel(
        "projets_reminders",
        _("Relances à faire"),
        _entry_rows(entries),
        _("Aucune relance n'est due aujourd'hui."),
        order=31,
        more_url=reverse("projets_suivi:index"),
        more_label=_("Toutes les fiches de suivi"),
    )


def roadmap_panel(user, today):
    """The next actions of the roadmaps of the structures this user administers, the late ones first."""
    actions = (
        scope_for(user)
        .filter(Action.objects.exclude(status__in=[ActionStatus.DONE, ActionStatus.DROPPED]), VIEW)
        .select_related("owner", "axis__roadmap__project__structure")
        .order_by("due_date", "pk")[:PANEL_ROWS]
    )
    rows = []
    for action in actions:
        when = long_date(action.due_date) if action.due_date else _("sans échéance")
        late = _(" (en retard)") if action.due_date and action.due_date < today else ""
        rows.append((action.title, reverse("projets_actions:edit", args=[action.pk]), f"{when}{late} — {action.owner}"))
    return TodoPanel(
        "projets_roadmap",
        _("Feuille de route"),
        rows,
        _("Aucune action n'est en cours dans votre feuille de route."),
        order=30,
        more_url=reverse("projets_feuilles_de_route:index"),
        more_label=_("Feuilles de route"),
    )


def projets_panels(request, panels):
    user = request.user
    roles = roles_of(user)
    today = timezone.localdate()
    if user.is_superuser or ProgrammeRoleKind.COORDINATOR in roles:
        panels.extend([problems_panel(user), reminders_panel(user, today)])
    if "structure_admin" in roles:
        panels.append(roadmap_panel(user, today))
