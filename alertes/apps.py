from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertesConfig(AppConfig):
    name = "alertes"
    verbose_name = _("Alertes SMS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alertes import models, sending, tasks
        from lab import scope
        from lab.choices import StructureRoleKind
        from lab.infra.storage import register_private_file_field

        # Social workers and animateurs keep the members and send the campaigns: every role of the
        # structure may change the module's records. Programme roles (coordinators, funders) reach
        # none of them: programme=None.
        everyone = scope.ALL_STRUCTURE_ROLES
        for model in (
            models.Group,
            models.Member,
            models.Campaign,
            models.Reminder,
            models.Message,
            models.MemberImport,
            models.InboundReply,
        ):
            scope.register(model, structure="structure", programme=None, structure_editors=everyone)
        scope.register(
            models.CampaignRecipient, structure="campaign__structure", programme=None, structure_editors=everyone
        )
        scope.register(models.ConsentEvent, structure="member__structure", programme=None, structure_editors=everyone)
        admins = frozenset({StructureRoleKind.ADMIN})
        scope.register(
            models.Erasure, structure="structure", programme=None, structure_viewers=admins, structure_editors=admins
        )
        scope.register(
            models.StructureSettings,
            structure="structure",
            programme=None,
            structure_editors=admins,
            structure_members_may_add=False,
        )

        # Sending queues its batches through the task (the tasks import sending, never the reverse).
        sending.send_messages_task = tasks.send_messages
        register_private_file_field("alertes.MemberImport", "file")

        # The module as a commons resource: the prototype fiche naming it links its code, notice and
        # install guide, and its replication kit holds the notice and the import template.
        from alertes import resources
        from projets.software import register_software

        register_software(
            resources.SOFTWARE_KEY, _("Alertes SMS"), links=resources.links, kit_files=resources.kit_files
        )
        from home.sitemaps import register_sitemap

        register_sitemap("alertes-sms", resources.sitemap_entries)
