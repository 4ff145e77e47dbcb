"""The livrables' panels of the admin's first page (`lab.home_panels`): for a funder, the deliverables
submitted for validation and the latest documents submitted."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lab.choices import ProgrammeRoleKind
from lab.home_panels import PANEL_ROWS, TodoPanel, roles_of
from lab.infra.french import long_date
from lab.scope import VIEW, scope_for
from livrables.choices import DeliverableStatus
from livrables.models import Deliverable, DeliverableEvent


def deliverables_panel(user):
    deliverables = (
        scope_for(user)
        .filter(Deliverable.objects.filter(status=DeliverableStatus.SUBMITTED), VIEW)
        .select_related("programme")
        .order_by("due_date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            deliverable.title,
            reverse("livrables_deliverable", args=[deliverable.pk]),
            (_("échéance : %(date)s") % {"date": long_date(deliverable.due_date)} if deliverable.due_date else "")
            + f" — {deliverable.programme.short_name or deliverable.programme.title}",
        )
        for deliverable in deliverables
    ]
    return TodoPanel(
        "livrables_to_validate",
        _("Livrables à valider"),
        rows,
        _("Aucun livrable n'attend votre validation."),
        order=10,
        more_url=reverse("wagtailsnippets_livrables_deliverable:list"),
        more_label=_("Tous les livrables"),
    )


def documents_panel(user):
    events = (
        scope_for(user)
        .filter(DeliverableEvent.objects.filter(document__isnull=False), VIEW)
        .select_related("deliverable", "document")
        .order_by("-at", "-pk")[:PANEL_ROWS]
    )
    rows = [
        (
            event.document.title,
            reverse("livrables_deliverable", args=[event.deliverable_id]),
            f"{long_date(event.at.date())} — {event.deliverable.title}",
        )
        for event in events
    ]
    return TodoPanel(
        "livrables_documents",
        _("Derniers documents"),
        rows,
        _("Aucun document n'a encore été remis pour un livrable."),
        order=11,
    )


def livrables_panels(request, panels):
    user = request.user
    if user.is_superuser or ProgrammeRoleKind.FUNDER in roles_of(user):
        panels.extend([deliverables_panel(user), documents_panel(user)])
