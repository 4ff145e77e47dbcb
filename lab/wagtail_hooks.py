"""Wagtail admin for the core domain, grouped under « Réseau » and « Référentiel »."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet, SnippetViewSetGroup

from lab import admin_input, admin_views, home_panels
from lab.infra import security, two_factor
from lab.models import (
    OWN_SUBMISSION_MESSAGE,
    AuditAction,
    AuditEvent,
    Funder,
    Person,
    ProgrammeApprovalTask,
    ProgrammeRole,
    Structure,
    StructureMembership,
    Territory,
    Theme,
)
from lab.privacy import log
from lab.scope import CHANGE, ScopedViewSetMixin, scope_for
from lab.services import structure_sections


class ThemeViewSet(ScopedViewSetMixin, SnippetViewSet):
    feminine = True
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    list_export = ["name", "slug", "description"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class FunderViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Funder
    icon = "pick"
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    list_export = ["name", "short_name", "kind", "website"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]


class TerritoryViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["name", "level", Column("parent", label=_("Territoire parent")), "insee_code", "is_qpv"]
    list_filter = ["level", "is_qpv"]
    search_fields = ["name", "insee_code"]
    list_export = ["name", "level", "parent", "insee_code", "is_qpv"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        FieldRowPanel([FieldPanel("insee_code"), FieldPanel("is_qpv")]),
    ]

    def get_queryset(self, request):
        return Territory.objects.select_related("parent")


class ReferenceGroup(SnippetViewSetGroup):
    menu_label = _("Référentiel")
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (ThemeViewSet, FunderViewSet, TerritoryViewSet)


class StructureInspectView(InspectView):
    """A structure's fields, then what the other apps know of it (e.g. its attendance rates)."""

    template_name = "lab/admin/structure_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = structure_sections(self.object, self.request.user)
        return context


class StructureViewSet(ScopedViewSetMixin, SnippetViewSet):
    feminine = True
    model = Structure
    inspect_view_class = StructureInspectView
    icon = "group"
    list_display = ["name", "kind", "city", Column("phone_display", label=_("Téléphone")), "territory"]
    list_filter = ["kind", "territory", "programmes"]
    search_fields = ["name", "city"]
    list_export = ["name", "kind", "address", "postcode", "city", "phone", "email", "website", "territory"]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("territory"),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("programmes"),
    ]

    def get_queryset(self, request):
        return Structure.objects.select_related("territory")


class PersonIndexView(IndexView):
    """Exports of the participants list are personal data leaving the site: they are logged."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            log(request.user, AuditAction.LIST_EXPORT, "Liste des participants", format=request.GET["export"])
        return super().get(request, *args, **kwargs)


class PersonViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Person
    index_view_class = PersonIndexView
    icon = "user"
    list_display = ["last_name", "first_name", "structure", "role", "gender"]
    list_filter = ["role", "gender", "structure"]
    search_fields = ["last_name", "first_name", "email"]
    list_export = ["last_name", "first_name", "email", "phone", "structure", "role", "gender"]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("structure"), FieldPanel("role")]),
        FieldPanel("gender"),
        FieldPanel("user"),
    ]

    def get_queryset(self, request):
        return Person.objects.select_related("structure")


class ProgrammeRoleViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = ProgrammeRole
    icon = "key"
    list_display = ["user", "programme", "role"]
    list_filter = ["role", "programme"]
    panels = [FieldPanel("user"), FieldPanel("programme"), FieldPanel("role")]

    def get_queryset(self, request):
        return ProgrammeRole.objects.select_related("user", "programme")


class StructureMembershipViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = StructureMembership
    icon = "key"
    list_display = ["user", "structure", "role"]
    list_filter = ["role", "structure"]
    panels = [FieldPanel("user"), FieldPanel("structure"), FieldPanel("role")]

    def get_queryset(self, request):
        return StructureMembership.objects.select_related("user", "structure")


class AuditEventViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Read-only journal of exports and erasures of personal data (administrators only)."""

    model = AuditEvent
    icon = "history"
    list_display = ["at", "actor", "action", "target"]
    list_filter = ["action"]
    list_export = ["at", "actor", "action", "target", "details"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return AuditEvent.objects.select_related("actor")


class NetworkGroup(SnippetViewSetGroup):
    menu_label = _("Réseau")
    menu_icon = "group"
    menu_order = 300
    items = (StructureViewSet, PersonViewSet, ProgrammeRoleViewSet, StructureMembershipViewSet, AuditEventViewSet)


register_snippet(NetworkGroup)
register_snippet(ReferenceGroup)


@hooks.register("register_admin_urls")
def register_lab_urls():
    return [
        path("participants/<id:pk>/rgpd/export/", admin_views.person_export, name="lab_person_export"),
        path("participants/<id:pk>/rgpd/effacer/", admin_views.person_erase, name="lab_person_erase"),
        path("connexions-bloquees/", security.lockouts, name="lab_lockouts"),
        path("compte/deux-facteurs/", two_factor.setup, name="lab_two_factor"),
        path("compte/deux-facteurs/qr.svg", two_factor.qr_code, name="lab_two_factor_qr"),
        path("compte/deux-facteurs/verifier/", two_factor.verify, name="lab_two_factor_verify"),
        # Before the same URLs of Wagtail's apps (lab's hooks run first): see lab/admin_input.py.
        *admin_input.hook_urlpatterns,
    ]


@hooks.register("register_admin_viewset")
def register_page_viewset():
    """Wagtail's page views, with copy and reordering safe from malformed input (after Wagtail's own
    registration for ``Page``, which has order -1, so that this one is the one used)."""
    return admin_input.LabPageViewSet()


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(_("Connexions bloquées"), reverse("lab_lockouts"), icon_name="lock", order=900)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("lab_two_factor"),
        "label": _("Authentification à deux facteurs"),
        "help_text": _("Demander, à chaque connexion, un code de votre application d'authentification."),
    }


@hooks.register("register_snippet_listing_buttons")
def person_privacy_buttons(snippet, user, next_url=None):
    # The model-level answer costs no query per row; the views themselves refuse a row out of scope.
    if isinstance(snippet, Person) and scope_for(user).may(CHANGE, Person):
        yield ListingButton(
            _("Exporter ses données (RGPD)"), reverse("lab_person_export", args=[snippet.pk]), priority=80
        )
        yield ListingButton(_("Effacer (RGPD)"), reverse("lab_person_erase", args=[snippet.pk]), priority=90)


@hooks.register("insert_global_admin_js")
def admin_init_script():
    """Makes the calls that Wagtail's inline scripts would have made (lab/infra/csp.py)."""
    return format_html('<script src="{}"></script>', static("lab/js/admin-init.js"))


@hooks.register("before_edit_page")
def own_submission_notice(request, page):
    """Tell the reviewer who submitted the page why they see no « Approuver »."""
    if request.method != "GET":
        return
    task_state = page.current_workflow_task_state
    if task_state is None:
        return
    task = task_state.task.specific
    if isinstance(task, ProgrammeApprovalTask) and task.submitted_by(page, request.user):
        messages.info(request, OWN_SUBMISSION_MESSAGE)


@hooks.register("construct_homepage_panels")
def role_home_panels(request, panels):
    """What each role has to do, on the admin's first page (`lab.home_panels`)."""
    home_panels.core_panels(request, panels)
