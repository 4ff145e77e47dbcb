"""Wagtail admin for the core domain, grouped under « Réseau » and « Référentiel »."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lab.models import Funder, Person, ProgrammeRole, Structure, StructureMembership, Territory, Theme
from lab.scope import ScopedViewSetMixin


class ThemeViewSet(ScopedViewSetMixin, SnippetViewSet):
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


class StructureViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Structure
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


class PersonViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Person
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


class NetworkGroup(SnippetViewSetGroup):
    menu_label = _("Réseau")
    menu_icon = "group"
    menu_order = 300
    items = (StructureViewSet, PersonViewSet, ProgrammeRoleViewSet, StructureMembershipViewSet)


register_snippet(NetworkGroup)
register_snippet(ReferenceGroup)
