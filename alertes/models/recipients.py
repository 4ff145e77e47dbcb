"""The confirmed list of a campaign: who the référente confirmed is who may receive it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alertes.choices import RecipientOutcome


class CampaignRecipient(models.Model):
    """One person on a campaign's confirmed list, recorded when the campaign is confirmed.

    At sending time only these people get a message (new group members are not added: the campaign
    waits to be confirmed again). An erased member leaves the row with no member: it is counted as
    erased, and nothing personal remains. ``outcome`` says what became of the person at sending.
    """

    campaign = models.ForeignKey(
        "alertes.Campaign",
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="confirmed_recipients",
    )
    member = models.ForeignKey(
        "alertes.Member", verbose_name=_("adhérent"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        _("à l'envoi"), max_length=12, choices=RecipientOutcome.choices, default=RecipientOutcome.CONFIRMED
    )

    class Meta:
        verbose_name = _("destinataire confirmé")
        verbose_name_plural = _("destinataires confirmés")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member"],
                condition=Q(member__isnull=False),
                name="alertes_unique_confirmed_recipient",
            )
        ]

    def __str__(self):
        return f"{self.campaign_id} → {self.member_id or '—'}"
