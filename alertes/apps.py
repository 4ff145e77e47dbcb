from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertesConfig(AppConfig):
    name = "alertes"
    verbose_name = _("Alertes SMS")
    default_auto_field = "django.db.models.BigAutoField"
