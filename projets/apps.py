from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjetsConfig(AppConfig):
    name = "projets"
    verbose_name = _("Projets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ateliers.teams import register_team_prototype_page

        # A hackathon team of the ateliers works on a prototype fiche.
        register_team_prototype_page("projets.PrototypePage")

        from home.commons import register_resource
        from home.facets import register_choices
        from lab import scope
        from lab.infra.caching import register_public_model
        from lab.infra.storage import register_private_file_field
        from projets import forms, services, views
        from projets.choices import Stage
        from projets.commons import describe_prototype
        from projets.models import (
            Action,
            Axis,
            EconomicModelNote,
            FollowUpEntry,
            Iteration,
            Project,
            PrototypePage,
            Replication,
            Roadmap,
            StageChange,
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
        scope.register(EconomicModelNote, structure="prototype__structure", programme="prototype__programme")

        # What the prototype page needs from the layers above its model (models never import them).
        PrototypePage.base_form_class = forms.PrototypePageForm
        PrototypePage.page_context = staticmethod(services.prototype_page_context)
        PrototypePage.replicate_view = staticmethod(views.replicate)
        PrototypePage.contact_view = staticmethod(views.contact)

        # What projets contributes to the layers below: the commons, its stage facet, the public
        # cache's models and the private files.
        register_resource(PrototypePage, describe_prototype)
        register_choices("stage", Stage.choices)
        for model in (Replication, Iteration, StageChange, EconomicModelNote):
            register_public_model(model)
        register_private_file_field("projets.FollowUpEntry", "attachment")
