"""Wagtail admin of the ateliers, under the « Ateliers » menu."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from ateliers import admin_urls, home_panels
from ateliers.choices import ACTIVE_REGISTRATION_STATUSES
from ateliers.forms import RegistrationAdminForm, WorkshopAdminForm
from ateliers.models import Attendance, Certificate, CertificateBatch, Registration, Session, Workshop
from lab.infra.admin_cells import PlainBooleanColumn, PlainColumn, PlainListingMixin
from lab.scope import ScopedViewSetMixin


def _count(queryset):
    """``COUNT(*)`` of ``queryset`` (correlated on ``OuterRef``) as an integer annotation."""
    counted = queryset.order_by().values(_group=Value(1)).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class WorkshopEditView(EditView):
    """The workshop's edit page, with its dashboard and attendance grid one click away."""

    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        return [
            Button(_("Tableau de bord"), reverse("ateliers_admin:workshop", args=[self.object.pk]), icon_name="view"),
            Button(_("Émargement"), reverse("ateliers_admin:grid", args=[self.object.pk]), icon_name="check"),
            *super().header_more_buttons,
        ]


class WorkshopIndexView(PlainListingMixin, IndexView):
    """The list of workshops, its title cells (link, buttons, « more » menu) built in Python."""


class WorkshopViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Workshop
    index_view_class = WorkshopIndexView
    edit_view_class = WorkshopEditView
    icon = "date"
    menu_label = _("Ateliers")
    # Cells built in Python (lab/infra/admin_cells.py): the same markup without a template per cell.
    list_display = [
        "title",
        PlainColumn("get_kind_display", label=_("Type"), sort_key="kind"),
        PlainColumn("programme", label=_("Programme")),
        PlainColumn("start_date", label=_("Premier jour"), sort_key="start_date"),
        PlainColumn("n_sessions", label=_("Demi-journées")),
        PlainColumn("n_registrations", label=_("Inscrits")),
        PlainBooleanColumn("published", label=_("Publié"), sort_key="published"),
    ]
    list_filter = ["kind", "format", "programme", "published", "public_kind", "signup_open"]
    search_fields = ["title", "place"]
    list_export = ["title", "kind", "format", "programme", "place", "start_date", "end_date", "capacity", "published"]
    export_filename = "ateliers"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("programme"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
                    FieldPanel("title"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("place"), FieldPanel("remote_link")]),
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("themes"),
                    FieldPanel("published"),
                ],
                heading=_("Atelier"),
            ),
            ObjectList(
                [InlinePanel("sessions", label=_("Demi-journée"), heading=_("Demi-journées"))],
                heading=_("Demi-journées"),
            ),
            ObjectList(
                [
                    FieldPanel("invited_structures"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("min_per_structure"), FieldPanel("max_per_structure")]),
                            FieldPanel("require_agent_referent"),
                            FieldPanel("capacity"),
                        ],
                        heading=_("Règles d'inscription"),
                    ),
                ],
                heading=_("Structures invitées"),
            ),
            ObjectList(
                [
                    FieldPanel("facilitators"),
                    FieldRowPanel([FieldPanel("facilitator_name"), FieldPanel("signature")]),
                ],
                heading=_("Animation"),
            ),
            ObjectList(
                [
                    FieldPanel("public_kind"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("signup_open"), FieldPanel("signup_deadline")]),
                            FieldPanel("signup_asks_team"),
                        ],
                        heading=_("Inscriptions en ligne"),
                        help_text=_(
                            "Capacité : onglet « Structures invitées ». Les inscrits en ligne le sont pour la structure "
                            "porteuse du programme."
                        ),
                    ),
                    FieldPanel("results_published"),
                ],
                heading=_("Événement public"),
            ),
            ObjectList(
                [
                    InlinePanel("subgroups", label=_("Sous-groupe ou équipe"), heading=_("Sous-groupes et équipes")),
                    FieldPanel("jury_members"),
                    FieldPanel("jury_deliberation"),
                ],
                heading=_("Sous-groupes, équipes, jury"),
            ),
        ],
        base_form_class=WorkshopAdminForm,
    )

    def get_queryset(self, request):
        # Counted by correlated subqueries, not joins: the paginator's COUNT then drops them (it read
        # every registration of the programme through a GROUP BY), and only the 20 rows shown count.
        return Workshop.objects.select_related("programme").annotate(
            n_sessions=_count(Session.objects.filter(workshop=OuterRef("pk"))),
            n_registrations=_count(
                Registration.objects.filter(workshop=OuterRef("pk"), status__in=ACTIVE_REGISTRATION_STATUSES)
            ),
        )


class RegistrationViewSet(ScopedViewSetMixin, SnippetViewSet):
    feminine = True
    model = Registration
    icon = "user"
    menu_label = _("Inscriptions")
    list_display = [
        Column("person", label=_("Participant")),
        Column("structure", label=_("Structure")),
        Column("workshop", label=_("Atelier")),
        "status",
        Column("subgroup", label=_("Sous-groupe ou équipe")),
        "is_referent",
        "source",
        "registered_at",
    ]
    list_filter = ["status", "source", "is_referent", "is_walk_in", "workshop", "structure"]
    search_fields = ["person__last_name", "person__first_name", "structure__name", "workshop__title"]
    list_export = [
        "person",
        "structure",
        "workshop",
        "status",
        "subgroup",
        "is_referent",
        "is_walk_in",
        "source",
        "declared_structure",
        "registered_at",
    ]
    export_filename = "inscriptions"
    edit_handler = ObjectList(
        [
            FieldPanel("workshop"),
            FieldRowPanel([FieldPanel("person"), FieldPanel("structure")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("subgroup")]),
            FieldPanel("is_referent"),
            FieldRowPanel([FieldPanel("source", read_only=True), FieldPanel("declared_structure", read_only=True)]),
        ],
        base_form_class=RegistrationAdminForm,
    )

    def get_queryset(self, request):
        return Registration.objects.select_related("person", "structure", "workshop", "subgroup")


class AttendanceViewSet(ScopedViewSetMixin, SnippetViewSet):
    feminine = True
    model = Attendance
    icon = "check"
    menu_label = _("Présences")
    list_display = [
        Column("registration", label=_("Inscription")),
        Column("session", label=_("Demi-journée")),
        "status",
        "source",
        Column("recorded_by", label=_("Saisi par")),
        "recorded_at",
    ]
    list_filter = ["status", "source", "session__workshop"]
    search_fields = ["registration__person__last_name", "registration__structure__name"]
    list_export = ["registration", "session", "status", "source", "recorded_by", "recorded_at"]
    export_filename = "presences"
    panels = [FieldPanel("registration"), FieldPanel("session"), FieldPanel("status")]

    def get_queryset(self, request):
        return Attendance.objects.select_related(
            "registration__person", "registration__workshop", "session", "recorded_by"
        )


class CertificateViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificats")
    inspect_view_enabled = True
    list_display = [
        "code",
        Column("subject", label=_("Titulaire")),
        Column("workshop", label=_("Atelier")),
        "half_days_attended",
        "half_days_expected",
        "version",
        BooleanColumn("is_current", label=_("En vigueur")),
        "issued_at",
    ]
    list_filter = ["programme", "workshop", "structure"]
    search_fields = ["code", "person__last_name", "structure__name"]
    list_export = [
        "code",
        "subject",
        "structure",
        "workshop",
        "half_days_attended",
        "half_days_expected",
        "version",
        "issued_at",
    ]
    export_filename = "certificats"
    panels = [FieldPanel("programme", read_only=True)]

    def get_queryset(self, request):
        return Certificate.objects.select_related("workshop", "structure", "person", "programme")


class CertificateBatchViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = CertificateBatch
    icon = "download"
    menu_label = _("Lots de certificats")
    list_display = [Column("workshop", label=_("Atelier")), "status", "done", "total", "created_at", "file"]
    list_filter = ["status", "programme"]
    panels = [FieldPanel("status", read_only=True)]

    def get_queryset(self, request):
        return CertificateBatch.objects.select_related("workshop", "programme")


class AteliersGroup(SnippetViewSetGroup):
    menu_label = _("Ateliers")
    menu_icon = "date"
    menu_order = 200
    items = (WorkshopViewSet, RegistrationViewSet, AttendanceViewSet, CertificateViewSet, CertificateBatchViewSet)


register_snippet(AteliersGroup)


@hooks.register("register_admin_urls")
def register_ateliers_admin_urls():
    return [path("ateliers/", include((admin_urls.urlpatterns, "ateliers_admin"), namespace="ateliers_admin"))]


@hooks.register("register_snippet_listing_buttons")
def workshop_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Workshop):
        return []
    return [
        ListingButton(
            _("Tableau de bord"),
            reverse("ateliers_admin:workshop", args=[snippet.pk]),
            icon_name="view",
            priority=5,
        ),
        ListingButton(
            _("Émargement"),
            reverse("ateliers_admin:grid", args=[snippet.pk]),
            icon_name="check",
            priority=6,
        ),
    ]


def _document_buttons(page, priority):
    """The documents of a compte-rendu (its PDF) and of a questionnaire (its synthesis, on screen and as PDF)."""
    from wagtail.admin.widgets.button import Button

    from ateliers.models import QuestionnairePage, ReportPage

    if page.specific_class is ReportPage:
        return [
            Button(
                _("PDF du compte-rendu"),
                reverse("ateliers_admin:report_pdf", args=[page.pk]),
                icon_name="doc-full",
                priority=priority,
            )
        ]
    if page.specific_class is not QuestionnairePage:
        return []
    return [
        Button(
            _("Synthèse des réponses"),
            reverse("ateliers_admin:questionnaire_synthesis", args=[page.pk]),
            icon_name="table",
            priority=priority,
        ),
        Button(
            _("Synthèse en PDF"),
            reverse("ateliers_admin:questionnaire_synthesis_pdf", args=[page.pk]),
            icon_name="doc-full",
            priority=priority + 1,
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def document_listing_buttons(page, user, next_url=None):
    yield from _document_buttons(page, 50)


@hooks.register("register_page_header_buttons")
def document_header_buttons(page, user, view_name=None, next_url=None):
    yield from _document_buttons(page, 50)


@hooks.register("construct_homepage_panels")
def ateliers_home_panels(request, panels):
    """Workshops, attendance, certificates and compte-rendus to do, on the admin's first page."""
    home_panels.ateliers_panels(request, panels)
