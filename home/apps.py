from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil, annuaire et commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import builders, commons, facet_counts, resources, sitemap_entries, sitemaps
        from home.models import CommonsEntry, ToolPage
        from lab import builders as lab_builders
        from lab.infra.backup import register_derived_data
        from lab.infra.caching import register_public_model
        from lab.models import ProgrammePage

        lab_builders.register_home_page(builders.home_page)

        commons.register_resource(ProgrammePage, resources.describe_programme)
        commons.register_resource(ToolPage, resources.describe_tool)
        # Prototypes and workshop reports are registered by their own apps (``projets.commons``,
        # ``ateliers.commons``), whose ``ready`` runs after this one.
        commons.connect_signals()
        register_derived_data(facet_counts.rebuild)
        register_public_model(CommonsEntry)
        sitemaps.register_sitemap("commun", sitemap_entries.core_entries)
