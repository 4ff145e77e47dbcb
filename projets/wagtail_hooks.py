"""Wagtail admin of the projets app: the « Projets » menu, the pilot's views and the stage log hooks."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lab.forms import PrivateFileInput
from lab.scope import ScopedViewSetMixin
from projets import admin_views, home_panels, services
from projets.choices import ActionStatus
from projets.forms import ActionForm, EconomicNoteForm, ProjectForm, ReplicationAdminForm
from projets.models import (
    Action,
    EconomicModelNote,
    FollowUpEntry,
    Project,
    PrototypePage,
    Replication,
    Roadmap,
    StructureProfile,
)


class ListQueryIndexView(IndexView):
    #: Builds the list's queryset (with its select_related and annotations) on each request.
    list_queryset = None

    def get_base_queryset(self):
        if self.list_queryset is not None:
            return self.list_queryset()
        return super().get_base_queryset()


class ProjetsViewSet(ScopedViewSetMixin, ModelViewSet):
    """A scoped model viewset whose list runs a constant number of queries (``list_queryset``)."""

    index_view_class = ListQueryIndexView
    add_to_admin_menu = False

    def list_queryset(self):
        return self.model._default_manager.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_queryset=self.list_queryset, **kwargs)


class ProjectViewSet(ProjetsViewSet):
    model = Project
    icon = "folder-open-1"
    name = "projets_projets"
    list_display = [
        "structure",
        "title",
        "programme",
        "priority_theme",
        "secondary_theme",
        "status",
        Column("referent", label=_("Référent·e")),
    ]
    list_filter = ["status", "programme", "priority_theme"]
    search_fields = ["title", "structure__name"]
    list_export = ["structure", "title", "programme", "priority_theme", "secondary_theme", "status", "referent"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("structure"), FieldPanel("programme")]),
            FieldPanel("title"),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("priority_theme"), FieldPanel("secondary_theme")]),
            FieldPanel("summary"),
            MultiFieldPanel([FieldPanel("team"), FieldPanel("referent")], heading=_("Équipe projet")),
        ],
        base_form_class=ProjectForm,
    )

    def list_queryset(self):
        return Project.objects.select_related("structure", "programme", "priority_theme", "secondary_theme", "referent")


class StructureProfileViewSet(ProjetsViewSet):
    feminine = True
    model = StructureProfile
    icon = "clipboard-list"
    name = "projets_fiches_donnees"
    list_display = ["project", "filled_on", DateColumn("updated_at", label=_("Modifiée le"))]
    list_filter = ["project__programme"]
    search_fields = ["project__structure__name"]
    list_export = ["project", "diagnostic", "resources", "strengths", "weaknesses", "partners", "filled_on"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("filled_on")]),
        FieldPanel("diagnostic"),
        FieldPanel("resources"),
        FieldRowPanel([FieldPanel("strengths"), FieldPanel("weaknesses")]),
        FieldPanel("partners"),
        FieldPanel("chosen_themes"),
    ]

    def list_queryset(self):
        return StructureProfile.objects.select_related("project__structure")


def _roadmap_progress(roadmap):
    percent = services.progress_percent(roadmap.actions_done, roadmap.actions_total)
    return "—" if percent is None else f"{percent} % ({roadmap.actions_done}/{roadmap.actions_total})"


def _roadmap_pdf_link(roadmap):
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>',
        reverse("projets_pilotage:roadmap_pdf", args=[roadmap.pk]),
        _("PDF"),
    )


class RoadmapViewSet(ProjetsViewSet):
    feminine = True
    model = Roadmap
    icon = "list-ol"
    name = "projets_feuilles_de_route"
    list_display = [
        "project",
        Column("progress", label=_("Avancement"), accessor=_roadmap_progress),
        Column("actions_late", label=_("Actions en retard")),
        DateColumn("updated_at", label=_("Modifiée le")),
        Column("pdf", label=_("Imprimer"), accessor=_roadmap_pdf_link),
    ]
    list_filter = ["project__programme"]
    search_fields = ["project__structure__name"]
    list_export = ["project", "lessons"]
    panels = [
        FieldPanel("project"),
        InlinePanel("axes", label=_("Axe de travail"), heading=_("Axes de travail (par ordre de priorité)")),
        InlinePanel("milestones", label=_("Jalon"), heading=_("Jalons")),
        FieldPanel("lessons"),
    ]

    def list_queryset(self):
        actions = Action.objects.all()
        return Roadmap.objects.select_related("project__structure").annotate(
            actions_done=services.count_per_row(actions.filter(status=ActionStatus.DONE), "axis__roadmap"),
            actions_total=services.count_per_row(actions.exclude(status=ActionStatus.DROPPED), "axis__roadmap"),
            actions_late=services.count_per_row(actions.overdue(), "axis__roadmap"),
        )


class ActionViewSet(ProjetsViewSet):
    feminine = True
    model = Action
    icon = "tasks"
    name = "projets_actions"
    list_display = [
        "title",
        Column("structure", label=_("Structure"), accessor=lambda a: a.axis.roadmap.project.structure),
        "axis",
        "owner",
        "due_date",
        "status",
        BooleanColumn("is_overdue", label=_("En retard")),
    ]
    list_filter = ["status", "axis__roadmap__project__programme", "due_date"]
    search_fields = ["title"]
    list_export = ["title", "axis", "owner", "due_date", "status", "done_on"]
    edit_handler = ObjectList(
        [
            FieldPanel("axis"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("done_on")]),
            FieldPanel("notes"),
        ],
        base_form_class=ActionForm,
    )

    def list_queryset(self):
        return Action.objects.select_related("axis__roadmap__project__structure", "owner")


class FollowUpCreateView(CreateView):
    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


class FollowUpEntryViewSet(ProjetsViewSet):
    feminine = True
    model = FollowUpEntry
    icon = "history"
    name = "projets_suivi"
    add_view_class = FollowUpCreateView
    list_display = [
        "date",
        Column("project", label=_("Projet")),
        "kind",
        Column("summary", label=_("Texte"), accessor=lambda e: e.text[:90]),
        Column("author", label=_("Auteur·rice")),
        BooleanColumn("is_open_problem", label=_("Problème ouvert")),
        BooleanColumn("is_due_reminder", label=_("Relance à faire")),
    ]
    list_filter = ["kind", "project__programme", "date", "resolved_on"]
    search_fields = ["text", "project__structure__name"]
    list_export = ["date", "project", "kind", "author", "text", "scheduled_for", "resolved_on", "resolution"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("date")]),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("attachment", widget=PrivateFileInput("projets_suivi:attachment")),
        FieldPanel("scheduled_for"),
        FieldRowPanel([FieldPanel("resolved_on"), FieldPanel("resolution")]),
    ]

    def list_queryset(self):
        return FollowUpEntry.objects.select_related("project__structure", "author")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/piece-jointe/", admin_views.follow_up_attachment, name="attachment"),
        ]


class ReplicationViewSet(ProjetsViewSet):
    model = Replication
    icon = "resubmit"
    name = "projets_essaimages"
    #: Each request opens from its row (« inspect »), with « Valider » / « Refuser » for who may change it.
    inspect_view_enabled = True
    inspect_view_class = admin_views.ReplicationInspectView
    inspect_view_fields = [
        *("prototype", "structure", "structure_name", "city", "territory", "status", "started_on"),
        *("contact_name", "email", "message", "created_at"),
    ]
    list_display = [
        TitleColumn("display_name", label=_("Structure"), url_name="projets_essaimages:inspect"),
        Column("display_city", label=_("Ville")),
        "prototype",
        "status",
        Column("decision", label=_("Décision")),
        BooleanColumn("from_public_form", label=_("Formulaire public")),
        DateColumn("created_at", label=_("Reçu le")),
    ]
    list_filter = ["is_approved", "status", "from_public_form"]
    search_fields = ["structure_name", "city", "structure__name"]
    list_export = ["prototype", "structure", "structure_name", "city", "status", "started_on", "is_approved"]
    edit_handler = ObjectList(
        [
            FieldPanel("prototype"),
            FieldPanel("structure"),
            FieldRowPanel([FieldPanel("structure_name"), FieldPanel("city")]),
            FieldPanel("territory"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("started_on")]),
            FieldRowPanel([FieldPanel("contact_name"), FieldPanel("email")]),
            FieldPanel("message"),
            FieldPanel("is_approved"),
        ],
        base_form_class=ReplicationAdminForm,
    )

    def list_queryset(self):
        return Replication.objects.select_related("prototype", "structure")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/valider/", admin_views.approve_replication, name="approve"),
            path("<id:pk>/refuser/", admin_views.decline_replication, name="decline"),
        ]


class PilotViewSet(ViewSet):
    """The pilot's dashboard, the open problems across a programme, and the roadmap PDF."""

    name = "projets_pilotage"
    icon = "view"
    menu_label = _("Tableau de pilotage")

    def get_urlpatterns(self):
        return [
            path("", admin_views.dashboard, name="dashboard"),
            path("problemes/", admin_views.problems, name="problems"),
            path("feuille-de-route/<id:pk>/pdf/", admin_views.roadmap_pdf, name="roadmap_pdf"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: admin_views.may_pilot(request.user)
        return item


class ProblemsViewSet(ViewSet):
    name = "projets_problemes"
    icon = "warning"
    menu_label = _("Problèmes ouverts")

    @property
    def menu_url(self):
        return reverse("projets_pilotage:problems")

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: admin_views.may_pilot(request.user)
        return item


class EconomicNotePdfColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>', reverse("projets_modele_economique:pdf", args=[instance.pk]), _("PDF")
        )


class EconomicModelNoteViewSet(ProjetsViewSet):
    feminine = True
    model = EconomicModelNote
    icon = "table"
    name = "projets_modele_economique"
    menu_label = _("Modèles économiques")
    list_display = [
        "title",
        Column("prototype", label=_("Fiche prototype")),
        "updated_at",
        EconomicNotePdfColumn("pdf", label=_("Télécharger")),
    ]
    search_fields = ["title", "prototype__title"]
    edit_handler = ObjectList(
        [
            FieldPanel("prototype"),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("offer"),
            FieldPanel("beneficiaries"),
            FieldPanel("costs"),
            FieldPanel("resources"),
            FieldPanel("partners"),
            FieldPanel("sustainability"),
        ],
        base_form_class=EconomicNoteForm,
    )

    def list_queryset(self):
        return EconomicModelNote.objects.select_related("prototype")

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<id:pk>/pdf/", admin_views.economic_note_pdf, name="pdf")]


class ProjetsGroup(ViewSetGroup):
    menu_label = _("Projets")
    menu_icon = "folder-open-inverse"
    menu_order = 320
    items = (
        PilotViewSet,
        ProblemsViewSet,
        ProjectViewSet,
        StructureProfileViewSet,
        RoadmapViewSet,
        ActionViewSet,
        FollowUpEntryViewSet,
        ReplicationViewSet,
        EconomicModelNoteViewSet,
    )


@hooks.register("register_admin_viewset")
def register_projets_viewsets():
    return ProjetsGroup()


def _record_stage(request, page):
    page = page.specific
    if isinstance(page, PrototypePage):
        services.record_stage_change(page, reason=request.POST.get("stage_reason", ""), user=request.user)


hooks.register("after_create_page", _record_stage)
hooks.register("after_edit_page", _record_stage)


@hooks.register("construct_homepage_panels")
def projets_home_panels(request, panels):
    """Open problems, reminders due and roadmaps, on the admin's first page."""
    home_panels.projets_panels(request, panels)
