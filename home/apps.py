from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil, annuaire et commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        from home import builders, commons, resources
        from home.models import ToolPage
        from lab import builders as lab_builders
        from lab.models import ProgrammePage

        lab_builders.register_home_page(builders.home_page)

        commons.register_resource(ProgrammePage, resources.describe_programme)
        commons.register_resource(ToolPage, resources.describe_tool)
        if apps.is_installed("projets"):
            commons.register_resource(apps.get_model("projets", "PrototypePage"), resources.describe_prototype)
        if apps.is_installed("ateliers"):
            commons.register_resource(apps.get_model("ateliers", "ReportPage"), resources.describe_report)
        commons.connect_signals()
