"""Admin of livrables: deliverables with their validation, expenses with receipts."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lab.forms import PrivateFileInput
from lab.scope import ScopedViewSetMixin
from livrables import admin_views, home_panels
from livrables.forms import MendedAdminForm, ReviewNarrativeForm
from livrables.models import Deliverable, Expense, ReviewNarrative, Story


class DeliverableTitleColumn(Column):
    """The title links to the deliverable's page (history, submission, validation)."""

    def get_value(self, instance):
        return format_html('<a href="{}">{}</a>', reverse("livrables_deliverable", args=[instance.pk]), instance.title)


class DeliverableViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Deliverable
    icon = "tasks"
    menu_label = _("Livrables")
    list_display = [
        DeliverableTitleColumn("title", label=_("Intitulé")),
        "programme",
        "kind",
        "due_date",
        "status",
    ]
    list_filter = ["programme", "status", "kind"]
    search_fields = ["title"]
    list_export = ["title", "programme", "kind", "due_date", "status", "responsible"]
    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("due_date")]),
        FieldPanel("responsible"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("page"), FieldPanel("document")]),
    ]

    def get_queryset(self, request):
        return Deliverable.objects.select_related("programme", "responsible")


class ExpenseViewSet(ScopedViewSetMixin, SnippetViewSet):
    feminine = True
    model = Expense
    icon = "doc-full"
    menu_label = _("Dépenses")
    list_display = [
        "date",
        "label",
        "category",
        "programme",
        "amount_ttc",
        Column("is_justified", label=_("Justifiée")),
    ]
    list_filter = ["programme", "category"]
    search_fields = ["label", "mission", "supplier"]
    list_export = ["date", "category", "label", "mission", "supplier", "amount_ht", "vat", "amount_ttc", "advanced_by"]
    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("mission"), FieldPanel("supplier")]),
        FieldRowPanel([FieldPanel("amount_ht"), FieldPanel("vat"), FieldPanel("amount_ttc")]),
        FieldPanel("advanced_by"),
        FieldPanel("receipt", widget=PrivateFileInput("livrables_expense_receipt")),
    ]

    def get_queryset(self, request):
        return Expense.objects.select_related("programme")


class StoryPdfColumn(Column):
    def get_value(self, instance):
        return format_html('<a href="{}">{}</a>', reverse("livrables_story_pdf", args=[instance.pk]), _("PDF"))


class StoryViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Story
    icon = "openquote"
    menu_label = _("Storytellings")
    list_display = ["title", "project", "updated_at", StoryPdfColumn("pdf", label=_("Télécharger"))]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("title"),
            FieldPanel("introduction"),
            FieldPanel("chapters"),
            FieldPanel("conclusion"),
        ],
        base_form_class=MendedAdminForm,
    )

    def get_queryset(self, request):
        return Story.objects.select_related("project__structure")


class ReviewPdfColumn(Column):
    def get_value(self, instance):
        url = reverse("livrables_export_preview", args=[instance.programme_id, "bilan"])
        if instance.start or instance.end:
            url += "?" + "&".join(
                f"{name}={value.isoformat()}"
                for name, value in (("debut", instance.start), ("fin", instance.end))
                if value
            )
        return format_html('<a href="{}">{}</a>', url, _("Aperçu du bilan"))


class ReviewNarrativeViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = ReviewNarrative
    icon = "doc-full-inverse"
    menu_label = _("Récits des bilans")
    list_display = [
        Column("programme", label=_("Programme")),
        Column("period_label", label=_("Période")),
        "updated_at",
        ReviewPdfColumn("preview", label=_("Bilan")),
    ]
    list_filter = ["programme"]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            MultiFieldPanel(
                [
                    FieldPanel("context"),
                    FieldPanel("activities"),
                    FieldPanel("results"),
                    FieldPanel("difficulties"),
                    FieldPanel("outlook"),
                ],
                heading=_("Le récit"),
            ),
            InlinePanel(
                "structure_paragraphs",
                heading=_("Un paragraphe par structure"),
                label=_("Paragraphe"),
            ),
        ],
        base_form_class=ReviewNarrativeForm,
    )

    def get_queryset(self, request):
        return ReviewNarrative.objects.select_related("programme")


class LivrablesGroup(SnippetViewSetGroup):
    menu_label = _("Livrables")
    menu_icon = "tasks"
    menu_order = 250
    items = (DeliverableViewSet, ExpenseViewSet, StoryViewSet, ReviewNarrativeViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            MenuItem(_("Suivi des dépenses"), reverse("livrables_expenses_index"), icon_name="table", order=900),
            MenuItem(_("Indicateurs"), reverse("livrables_indicators_index"), icon_name="view", order=910),
            MenuItem(_("Exports PDF"), reverse("livrables_exports_index"), icon_name="download", order=920),
        ]


register_snippet(LivrablesGroup)


@hooks.register("construct_document_chooser_queryset")
def hide_other_programmes_deliverable_files(documents, request):
    """The document chooser lists no file of another programme's deliverables."""
    from livrables.services import hidden_deliverable_collections

    return documents.exclude(collection__in=list(hidden_deliverable_collections(request.user)))


@hooks.register("register_admin_urls")
def register_livrables_urls():
    return [
        path("livrables/<id:pk>/", admin_views.deliverable_detail, name="livrables_deliverable"),
        path("livrables/depenses/", admin_views.expenses_index, name="livrables_expenses_index"),
        path(
            "livrables/structures/<id:structure_id>/fiche/",
            admin_views.structure_sheet_pdf,
            name="livrables_structure_sheet",
        ),
        path("livrables/exports/", admin_views.exports_index, name="livrables_exports_index"),
        path("livrables/storytelling/<id:pk>/pdf/", admin_views.story_pdf, name="livrables_story_pdf"),
        path("livrables/exports/<id:programme_id>/", admin_views.exports_overview, name="livrables_exports"),
        path(
            "livrables/exports/<id:programme_id>/apercu/<str:kind>/",
            admin_views.export_preview,
            name="livrables_export_preview",
        ),
        path("livrables/exports/etat/<id:job_id>/", admin_views.export_status, name="livrables_export_status"),
        path("livrables/exports/relancer/<id:job_id>/", admin_views.export_retry, name="livrables_export_retry"),
        path("livrables/exports/fichier/<id:job_id>/", admin_views.export_download, name="livrables_export_download"),
        path("livrables/depenses/<id:pk>/justificatif/", admin_views.expense_receipt, name="livrables_expense_receipt"),
        path("livrables/indicateurs/", admin_views.indicators_index, name="livrables_indicators_index"),
        path("livrables/indicateurs/<id:programme_id>/", admin_views.indicators_dashboard, name="livrables_indicators"),
        path(
            "livrables/indicateurs/<id:programme_id>/export.<str:fmt>",
            admin_views.indicators_export,
            name="livrables_indicators_export",
        ),
        path("livrables/depenses/<id:programme_id>/", admin_views.expenses_overview, name="livrables_expenses"),
        path(
            "livrables/depenses/<id:programme_id>/export.<str:fmt>",
            admin_views.expenses_export,
            name="livrables_expenses_export",
        ),
    ]


@hooks.register("construct_homepage_panels")
def livrables_home_panels(request, panels):
    """Deliverables to validate and the latest documents, on the admin's first page."""
    home_panels.livrables_panels(request, panels)
