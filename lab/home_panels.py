"""The admin's first page, per role: what each user has to do (Wagtail homepage panels).

`TodoPanel` is the one panel every app uses: a heading, a few rows (a link and a detail), a sentence
when there is nothing to do, and a link to the full list. Each app adds its panels from its own
``construct_homepage_panels`` hook (``<app>/home_panels.py``), with queries scoped by `lab.scope`; the
core adds the validations waiting for the user and a structure's team.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from lab.choices import ProgrammeRoleKind, StructureRoleKind
from lab.infra.french import long_date
from lab.models import ProgrammeApprovalTask, StructureMembership
from lab.scope import scope_for

#: How many rows a panel shows; the rest is behind its « Tout voir » link.
PANEL_ROWS = 6


class TodoPanel(Component):
    """One panel of the dashboard: ``rows`` are (label, url, detail) triples."""

    template_name = "lab/home/todo_panel.html"

    class Media:
        css = {"all": ["lab/css/home.css"]}

    def __init__(self, name, heading, rows, empty, *, order=100, more_url=None, more_label=None):
        self.name, self.heading, self.order = name, heading, order
        self.rows, self.empty = list(rows)[:PANEL_ROWS], empty
        self.more_url, self.more_label = more_url, more_label or _("Tout voir")

    def get_context_data(self, parent_context):
        return {"panel": self}


def roles_of(user):
    """The user's roles, as the panels ask them: {"coordinator", "facilitator", "funder", "structure_admin"}."""
    scope = scope_for(user)
    roles = {role for _pk, role in scope.programme_roles}
    if scope.structure_ids({StructureRoleKind.ADMIN}):
        roles.add("structure_admin")
    return roles


def validations_panel(user):
    """The pages waiting at a step this user approves (never their own submissions)."""
    states = TaskState.objects.none()
    for task in ProgrammeApprovalTask.objects.filter(active=True):
        states = states | task.get_task_states_user_can_moderate(user)
    states = (
        states.filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("workflow_state__requested_by", "task")
        .order_by("started_at")[:PANEL_ROWS]
    )
    rows = []
    pages = {state.workflow_state.object_id: state for state in states}
    titles = dict(Page.objects.filter(pk__in=[int(pk) for pk in pages]).values_list("pk", "title"))
    for object_id, state in pages.items():
        requester = state.workflow_state.requested_by
        rows.append(
            (
                titles.get(int(object_id), ""),
                reverse("wagtailadmin_pages:edit", args=[int(object_id)]),
                _("%(step)s — soumis par %(who)s le %(date)s")
                % {
                    "step": state.task.name,
                    "who": requester.get_full_name() or requester.get_username() if requester else _("inconnu"),
                    "date": long_date(state.started_at.date()),
                },
            )
        )
    return TodoPanel(
        "lab_validations",
        _("Validations en attente"),
        rows,
        _("Aucune page n'attend votre validation."),
        order=10,
        more_url=reverse("wagtailadmin_reports:workflow"),
        more_label=_("Toutes les validations"),
    )


def team_panel(user):
    """The accounts of the structures this user administers."""
    structure_ids = scope_for(user).structure_ids({StructureRoleKind.ADMIN})
    members = (
        StructureMembership.objects.filter(structure_id__in=structure_ids)
        .select_related("user", "structure")
        .order_by("structure__name", "user__last_name", "user__username")
    )
    rows = [
        (
            member.user.get_full_name() or member.user.get_username(),
            reverse("wagtailsnippets_lab_structuremembership:edit", args=[member.pk]),
            f"{member.get_role_display()} — {member.structure.name}",
        )
        for member in members[:PANEL_ROWS]
    ]
    return TodoPanel(
        "lab_team",
        _("Votre équipe"),
        rows,
        _("Aucun compte n'est encore rattaché à votre structure."),
        order=10,
        more_url=reverse("wagtailsnippets_lab_structuremembership:list"),
        more_label=_("Tous les membres"),
    )


def core_panels(request, panels):
    """The core's panels, and Wagtail's own « awaiting your review » replaced by « Validations en attente »."""
    user = request.user
    roles = roles_of(user)
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
    if user.is_superuser or roles & {ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FUNDER}:
        panels.append(validations_panel(user))
    if "structure_admin" in roles:
        panels.append(team_panel(user))
