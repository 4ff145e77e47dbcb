"""Admin views for the programme's pilots: the dashboard, the open problems, the roadmap PDF, and the
review of replication requests."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView

from lab.infra.ids import IdChoiceField
from lab.infra.pdf import pdf_response
from lab.infra.storage import private_download
from lab.models import ProgrammePage, Theme
from lab.scope import CHANGE, VIEW, scope_for
from projets import services
from projets.choices import ProjectStatus, Stage
from projets.models import EconomicModelNote, FollowUpEntry, Replication, Roadmap


def may_pilot(user):
    """Whether ``user`` pilots at least one programme (coordinator, facilitator, funder) or is an admin."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.programme_ids())


def pilot_programmes(user):
    scope = scope_for(user)
    programmes = ProgrammePage.objects.order_by("title")
    return programmes if scope.is_admin else programmes.filter(pk__in=scope.programme_ids())


class DashboardFilterForm(forms.Form):
    programme = IdChoiceField(label=_("Programme"), queryset=ProgrammePage.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("État du projet"), choices=[("", _("Tous"))] + ProjectStatus.choices, required=False
    )
    theme = IdChoiceField(label=_("Thématique"), queryset=Theme.objects.order_by("name"), required=False)
    stage = forms.ChoiceField(label=_("Stade du prototype"), choices=[("", _("Tous"))] + Stage.choices, required=False)
    only_problems = forms.BooleanField(label=_("Avec un problème ouvert"), required=False)
    only_late = forms.BooleanField(label=_("Avec des actions en retard"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = pilot_programmes(user)


def _require_pilot(request):
    if not may_pilot(request.user):
        raise PermissionDenied


def dashboard(request):
    """One page that replaces the pilot's spreadsheet: each structure's project, at a glance."""
    _require_pilot(request)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = services.dashboard_projects(
        request.user,
        programme=filters.get("programme"),
        status=filters.get("status", ""),
        theme=filters.get("theme"),
        stage=filters.get("stage", ""),
        only_problems=filters.get("only_problems", False),
        only_late=filters.get("only_late", False),
    )
    return TemplateResponse(
        request,
        "projets/admin/dashboard.html",
        {"form": form, "rows": rows, "page_title": _("Tableau de pilotage des projets"), "header_icon": "view"},
    )


def problems(request):
    """Every open problem of the programme's follow-up logs (« tous les problèmes identifiés »)."""
    _require_pilot(request)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    programme = form.cleaned_data.get("programme") if form.is_valid() else None
    return TemplateResponse(
        request,
        "projets/admin/problems.html",
        {
            "form": form,
            "entries": services.open_problems(request.user, programme=programme),
            "page_title": _("Problèmes ouverts"),
            "header_icon": "warning",
        },
    )


def roadmap_pdf(request, pk):
    """The roadmap as a PDF, for whoever may see it; another structure's roadmap is a 404."""
    roadmap = get_object_or_404(Roadmap.objects.select_related("project__structure"), pk=pk)
    if not scope_for(request.user).can(VIEW, roadmap):
        raise Http404
    return pdf_response(services.roadmap_pdf(roadmap), services.roadmap_filename(roadmap))


def follow_up_attachment(request, pk):
    """A follow-up entry's attachment, for who may see its project only."""
    entry = get_object_or_404(scope_for(request.user).filter(FollowUpEntry.objects.all(), VIEW), pk=pk)
    if not entry.attachment:
        raise Http404
    return private_download(entry.attachment)


class ReplicationInspectView(InspectView):
    """A replication request, opened from its list: what was asked, and « Valider » / « Refuser »
    for who may change it."""

    template_name = "projets/admin/replication_inspect.html"
    page_title = _("Demande d'essaimage")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["replication"] = self.object
        context["may_decide"] = scope_for(self.request.user).can(CHANGE, self.object)
        return context


def decide_replication(request, pk, approve):
    """« Valider » or « Refuser » a replication request (POST), for who may change it."""
    replication = get_object_or_404(scope_for(request.user).filter(Replication.objects.all(), VIEW), pk=pk)
    inspect_url = reverse("projets_essaimages:inspect", args=[replication.pk])
    if request.method != "POST":
        return redirect(inspect_url)
    if not scope_for(request.user).can(CHANGE, replication):
        raise PermissionDenied
    replication.decide(approve=approve)
    if approve:
        messages.success(request, _("La demande d'essaimage est validée : elle paraît sur la fiche du prototype."))
    else:
        messages.success(request, _("La demande d'essaimage est refusée : elle ne paraîtra pas sur la fiche."))
    return redirect(inspect_url)


def approve_replication(request, pk):
    return decide_replication(request, pk, approve=True)


def decline_replication(request, pk):
    return decide_replication(request, pk, approve=False)


def economic_note_pdf(request, pk):
    """The economic-model note as PDF, for whoever may see its prototype; another one's is a 404."""
    from projets.economics import economic_note_filename
    from projets.economics import economic_note_pdf as render

    note = get_object_or_404(
        scope_for(request.user).filter(EconomicModelNote.objects.select_related("prototype"), VIEW), pk=pk
    )
    return pdf_response(render(note), economic_note_filename(note))
