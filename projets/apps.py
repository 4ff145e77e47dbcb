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

        # What the prototype page needs from the layers above its model (models never import them).
        from projets import forms, services, views

        PrototypePage.base_form_class = forms.PrototypePageForm
        PrototypePage.page_context = staticmethod(services.prototype_page_context)
        PrototypePage.replicate_view = staticmethod(views.replicate)
