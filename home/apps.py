from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil, annuaire et commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import commons, resources
        from home.models import ToolPage
        from lab.models import ProgrammePage

        commons.register_resource(ProgrammePage, resources.describe_programme)
        commons.register_resource(ToolPage, resources.describe_tool)
        # Prototypes and workshop reports are registered by their own apps (``projets.commons``,
        # ``ateliers.commons``), whose ``ready`` runs after this one.
        commons.connect_signals()

        from home.models import CommonsEntry
        from lab.infra.caching import register_public_model

        register_public_model(CommonsEntry)

        from home.demo import home_page
        from lab.demo import register_home_page

        register_home_page(home_page)
