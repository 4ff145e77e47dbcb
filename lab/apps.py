from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    name = "lab"
    verbose_name = _("Labo commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from lab import scope, signals  # noqa: F401
        from lab.choices import ProgrammeRoleKind, StructureRoleKind
        from lab.infra import (  # noqa: F401
            caching,
            checks,  # noqa: F401
            collation,
            security,
        )
        from lab.infra.base_url import sync_site_after_migrate
        from lab.infra.csp import patch_choosers
        from lab.infra.exports import protect_wagtail_exports
        from lab.infra.ids import IdConverter
        from lab.models import (
            AuditEvent,
            Funder,
            Person,
            ProgrammePage,
            ProgrammeRole,
            Structure,
            StructureMembership,
            Territory,
            Theme,
        )

        connection_created.connect(collation.register_sqlite_collation)
        post_migrate.connect(sync_site_after_migrate, sender=self)
        register_converter(IdConverter, "id")  # <id:pk>: an object id of 1 to 18 digits
        patch_choosers()
        protect_wagtail_exports()
        caching.connect_signals()
        scope.register(AuditEvent)  # administrators only
        for model in (Theme, Funder, Territory):
            scope.register(model, reference=True)
        scope.register(Structure, structure="pk", programme="programmes", structure_members_may_add=False)
        scope.register(Person, structure="structure", programme="structure__programmes")
        scope.register(ProgrammePage, programme="pk")
        scope.register(
            ProgrammeRole,
            programme="programme",
            programme_editors=frozenset({ProgrammeRoleKind.COORDINATOR}),
        )
        scope.register(
            StructureMembership,
            structure="structure",
            structure_viewers=frozenset({StructureRoleKind.ADMIN}),
            structure_editors=frozenset({StructureRoleKind.ADMIN}),
            programme="structure__programmes",
            programme_viewers=frozenset({ProgrammeRoleKind.COORDINATOR}),
            programme_editors=frozenset({ProgrammeRoleKind.COORDINATOR}),
        )
