"""The audit log of actions on personal data: exports, erasures, views of personal lists."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    EXPORT = "export", _("Export des données d'une personne")
    ERASE = "erase", _("Effacement d'une personne")
    LIST_EXPORT = "list_export", _("Export d'une liste de personnes")
    LIST_VIEW = "list_view", _("Consultation d'une liste de personnes")


class AuditEvent(models.Model):
    """Who did what to personal data, and when. Never deleted with the data it describes."""

    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    target = models.CharField(_("objet"), max_length=255, help_text=_("Ex. « Participant n°42 »"))
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("événement du journal RGPD")
        verbose_name_plural = _("journal RGPD")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} — {self.get_action_display()} — {self.target}"
