"""Wagtail admin for the Alertes SMS records, grouped under « Alertes SMS » (scoped by structure).

Social workers use the module's own pages (/alertes/); the admin lets a global administrator and a
structure's team look at and correct the same records, each limited to their structure.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


class MemberViewSet(AlertesViewSet):
    model = Member
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
        FieldPanel("sender_name"),
    ]

    def get_queryset(self, request):
        return StructureSettings.objects.select_related("structure")


class AlertesGroup(SnippetViewSetGroup):
    menu_label = _("Alertes SMS")
    menu_icon = "mail"
    menu_order = 350
    items = (MemberViewSet, GroupViewSet, CampaignViewSet, ReminderViewSet, MessageViewSet, SettingsViewSet)


register_snippet(AlertesGroup)


@hooks.register("register_admin_menu_item")
def alertes_module_menu_item():
    return MenuItem(_("Module Alertes SMS"), reverse("alertes:home"), icon_name="mail", order=351)
