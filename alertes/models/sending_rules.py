"""A structure's sending rules, and the one rule that checks its sending hours for every form."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_sender_name(name):
    """The sender shown on the phones: letters without accents, digits and spaces (what providers take)."""
    if name and not all(c.isascii() and (c.isalnum() or c == " ") for c in name):
        raise ValidationError(_("Lettres sans accent, chiffres et espaces seulement."), code="sender")


class StructureSettings(models.Model):
    """A structure's sending rules: monthly SMS budget, sending hours, sender name."""

    structure = models.OneToOneField(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_settings"
    )
    monthly_budget_segments = models.PositiveIntegerField(
        _("budget mensuel (segments SMS)"), default=0, help_text=_("0 : pas de limite.")
    )
    send_from = models.TimeField(_("envois à partir de"), default=datetime.time(9, 0))
    send_until = models.TimeField(_("envois jusqu'à"), default=datetime.time(19, 0))
    #: Says that an end before the start is meant (SMS at any hour), not a typing mistake.
    send_at_night = models.BooleanField(
        _("Envoyer aussi la nuit"),
        default=False,
        help_text=_("Si l'heure de fin est avant l'heure de début, les SMS partent à toute heure, nuit comprise."),
    )
    sender_name = models.CharField(
        _("nom d'expéditeur"),
        max_length=11,
        blank=True,
        validators=[validate_sender_name],
        help_text=_("11 caractères au plus, sans accent."),
    )

    class Meta:
        verbose_name = _("réglage d'envoi")
        verbose_name_plural = _("réglages d'envoi")

    def __str__(self):
        return str(self.structure)

    def clean(self):
        """An end before the start (SMS at night) is refused unless « Envoyer aussi la nuit » is
        ticked: the module's settings form and the Wagtail admin's both go through this check."""
        super().clean()
        start, end = self.send_from, self.send_until
        if start and end and start >= end and not self.send_at_night:
            raise ValidationError(
                {
                    "send_until": ValidationError(
                        _(
                            "Envois de %(start)s à %(end)s : l'heure de fin est avant l'heure de début, les SMS "
                            "partiraient la nuit. Corrigez les heures, ou cochez « Envoyer aussi la nuit »."
                        ),
                        code="night",
                        params={"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")},
                    )
                }
            )
