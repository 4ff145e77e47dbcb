"""Replies members send to the structure's SMS: the « Réponses reçues » inbox.

A reply from a known number is filed in the structure that last wrote to that number (or, if none
ever did, in each structure where the number is a member); a reply from an unknown number is not
kept (docs/alertes.md, « Réponses reçues »).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundReply(models.Model):
    """One SMS received from a member: understood as STOP (consent withdrawn) or left to the team."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_replies"
    )
    #: Erasing the member (RGPD) erases their replies: the text is personal data.
    member = models.ForeignKey(
        "alertes.Member", verbose_name=_("adhérent"), on_delete=models.CASCADE, related_name="replies"
    )
    sender = models.CharField(_("numéro"), max_length=32)
    text = models.TextField(_("texte"))
    received_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)
    is_stop = models.BooleanField(_("comprise comme STOP"), default=False)
    handled = models.BooleanField(_("traitée"), default=False)
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("traitée par"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("réponse reçue")
        verbose_name_plural = _("réponses reçues")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.member} — {self.received_at:%d/%m/%Y %H:%M}"
