from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AteliersConfig(AppConfig):
    name = "ateliers"
    verbose_name = _("Ateliers")
    default_auto_field = "django.db.models.BigAutoField"
