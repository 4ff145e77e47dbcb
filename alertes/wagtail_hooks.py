"""Wagtail admin for the Alertes SMS records, grouped under « Alertes SMS » (scoped by structure).

Social workers use the module's own pages (/alertes/); the admin lets a global administrator and a
structure's team look at and correct the same records, each limited to their structure.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from alertes import services
from alertes.models import Campaign, Group, Member, Message, Reminder, StructureSettings
from lab.scope import ScopedViewSetMixin


class AlertesViewSet(ScopedViewSetMixin, SnippetViewSet):
    """The records of the module, each limited to the user's structure."""


class GroupViewSet(AlertesViewSet):
    model = Group
    icon = "group"
    list_display = ["name", "structure", "description"]
    list_filter = ["structure"]
    search_fields = ["name"]
    list_export = ["name", "structure", "description"]
    panels = [FieldPanel("structure"), FieldPanel("name"), FieldPanel("description")]

    def get_queryset(self, request):
        return Group.objects.select_related("structure")


class MemberFormErrorMixin:
    """A French heading for a refused member form; for a duplicate, a link to the existing fiche."""

    error_message = _("La fiche de l'adhérent n'a pas été enregistrée : corrigez les champs signalés.")

    def is_valid(self, form):
        valid = super().is_valid(form)
        instance = form.instance
        if not valid and instance.structure_id:
            duplicate = services.find_duplicate(
                instance.structure,
                phone=instance.phone if instance.phone and instance.phone.startswith("+") else "",
                last_name=instance.last_name,
                first_name=instance.first_name,
                birth_date=instance.birth_date,
                exclude_pk=instance.pk,
            )
            if duplicate is not None:
                self.produced_error_message = format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("Cette personne est déjà inscrite dans la structure : rien n'a été enregistré."),
                    reverse(self.edit_url_name, args=[quote(duplicate.pk)]),
                    gettext("Voir la fiche de %(name)s") % {"name": duplicate},
                )
        return valid


class MemberCreateView(MemberFormErrorMixin, CreateView):
    pass


class MemberEditView(MemberFormErrorMixin, EditView):
    pass


class MemberViewSet(AlertesViewSet):
    model = Member
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    icon = "user"
    menu_label = _("Adhérents")
    list_display = ["last_name", "first_name", "phone", "birth_date", "consent", "structure"]
    list_filter = ["structure", "consent", "phone_invalid"]
    search_fields = ["last_name", "first_name", "phone", "email"]
    list_export = ["last_name", "first_name", "phone", "email", "birth_date", "consent", "structure"]
    panels = [
        FieldPanel("structure"),
        FieldRowPanel([FieldPanel("last_name"), FieldPanel("first_name")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("birth_date"),
        FieldPanel("groups"),
        FieldPanel("notes"),
        FieldPanel("phone_invalid"),
    ]

    def get_queryset(self, request):
        return Member.objects.select_related("structure")


class CampaignViewSet(AlertesViewSet):
    feminine = True
    model = Campaign
    icon = "mail"
    list_display = ["title", "category", "status", "scheduled_at", "structure"]
    list_filter = ["structure", "status", "category", "channel"]
    search_fields = ["title", "text"]
    list_export = ["title", "category", "channel", "status", "scheduled_at", "recipients_count", "structure"]
    panels = [FieldPanel("structure"), FieldPanel("title"), FieldPanel("category"), FieldPanel("text")]

    def get_queryset(self, request):
        return Campaign.objects.select_related("structure")


class ReminderViewSet(AlertesViewSet):
    model = Reminder
    icon = "date"
    list_display = ["member", "kind", "date", "recurrence", "active", "structure"]
    list_filter = ["structure", "kind", "recurrence", "active"]
    list_export = ["member", "kind", "date", "recurrence", "lead_days", "active", "structure"]
    panels = [
        FieldPanel("structure"),
        FieldPanel("member"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("recurrence"), FieldPanel("lead_days")]),
        FieldPanel("active"),
    ]

    def get_queryset(self, request):
        return Reminder.objects.select_related("structure", "member")


class MessageViewSet(AlertesViewSet):
    model = Message
    icon = "list-ul"
    list_display = ["to", "channel", "status", "campaign", "attempts", "created_at", "structure"]
    list_filter = ["structure", "status", "channel"]
    search_fields = ["to", "provider_id"]
    list_export = ["to", "channel", "status", "campaign", "segments", "attempts", "sent_at", "error", "structure"]
    panels = [FieldPanel("status"), FieldPanel("error")]

    def get_queryset(self, request):
        return Message.objects.select_related("structure", "campaign")


class SettingsViewSet(AlertesViewSet):
    model = StructureSettings
    icon = "cogs"
    list_display = ["structure", "monthly_budget_segments", "send_from", "send_until", "sender_name"]
    list_export = ["structure", "monthly_budget_segments", "send_from", "send_until", "sender_name"]
    panels = [
        FieldPanel("structure"),
        FieldPanel("monthly_budget_segments"),
        FieldRowPanel([FieldPanel("send_from"), FieldPanel("send_until")]),
        FieldPanel("send_at_night"),
        FieldPanel("sender_name"),
    ]

    def get_queryset(self, request):
        return StructureSettings.objects.select_related("structure")


class AlertesGroup(SnippetViewSetGroup):
    """The one « Alertes SMS » entry of the menu: the module first, then the records it keeps."""

    menu_label = _("Alertes SMS")
    menu_icon = "mail"
    menu_order = 350
    items = (MemberViewSet, GroupViewSet, CampaignViewSet, ReminderViewSet, MessageViewSet, SettingsViewSet)

    def get_submenu_items(self):
        module = MenuItem(
            _("Ouvrir le module"), reverse("alertes:home"), name="alertes-module", icon_name="mail", order=0
        )
        return [module, *super().get_submenu_items()]


register_snippet(AlertesGroup)
