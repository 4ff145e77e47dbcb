from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjetsConfig(AppConfig):
    name = "projets"
    verbose_name = _("Projets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lab import scope
        from projets.models import (
            Action,
            Axis,
            FollowUpEntry,
            Project,
            PrototypePage,
            Replication,
            Roadmap,
            StructureProfile,
        )

        scope.register(Project, structure="structure", programme="programme")
        for model in (StructureProfile, Roadmap, FollowUpEntry):
            scope.register(model, structure="project__structure", programme="project__programme")
        scope.register(Axis, structure="roadmap__project__structure", programme="roadmap__project__programme")
        scope.register(
            Action, structure="axis__roadmap__project__structure", programme="axis__roadmap__project__programme"
        )
        scope.register(PrototypePage, structure="structure", programme="programme")
        scope.register(Replication, structure="prototype__structure", programme="prototype__programme")

        from home.commons import register_resource
        from home.facets import register_choices
        from projets.choices import Stage
        from projets.commons import describe_prototype

        register_resource(PrototypePage, describe_prototype)
        register_choices("stage", Stage.choices)

        from lab.infra.caching import register_public_model
        from projets.models import Iteration, StageChange

        for model in (Replication, Iteration, StageChange):
            register_public_model(model)

        from lab.infra.storage import register_private_file_field

        register_private_file_field("projets.FollowUpEntry", "attachment")
