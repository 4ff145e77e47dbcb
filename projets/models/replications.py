"""Replications (essaimage): which structures adopted which prototype, with their status."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lab.infra.french import long_date
from projets.choices import ReplicationStatus
from projets.models.prototypes import PrototypePage


class Replication(models.Model):
    """A structure adopting a prototype (essaimage): interested, testing, or running it.

    Public requests (« Nous voulons essaimer ce prototype ») arrive unapproved and only show on the
    prototype page once a pilot or the prototype's structure has approved them.
    """

    prototype = models.ForeignKey(
        PrototypePage, verbose_name=_("prototype"), on_delete=models.CASCADE, related_name="replications"
    )
    structure = models.ForeignKey(
        "lab.Structure",
        verbose_name=_("structure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
        help_text=_("Si la structure est déjà connue du Labo commun."),
    )
    structure_name = models.CharField(_("nom de la structure"), max_length=200, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    territory = models.ForeignKey(
        "lab.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("état"), max_length=20, choices=ReplicationStatus.choices, default=ReplicationStatus.INTERESTED
    )
    started_on = models.DateField(_("depuis le"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    message = models.TextField(_("message"), blank=True)
    is_approved = models.BooleanField(
        _("validé (visible sur la fiche)"),
        default=False,
        help_text=_("Une demande publique n'apparaît qu'une fois validée."),
    )
    declined_on = models.DateField(
        _("refusé le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Une demande refusée reste dans la liste, sans paraître sur la fiche."),
    )
    from_public_form = models.BooleanField(_("reçu par le formulaire public"), default=False, editable=False)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        verbose_name = _("essaimage")
        verbose_name_plural = _("essaimages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.display_name} — {self.prototype.title}"

    @property
    def display_name(self):
        return self.structure.name if self.structure_id else self.structure_name

    @property
    def decision(self):
        """« Validé », « Refusé le … » or « À examiner », as the list and the request's page show it."""
        if self.is_approved:
            return _("Validé")
        if self.declined_on:
            return _("Refusé le %(date)s") % {"date": long_date(self.declined_on)}
        return _("À examiner")

    def decide(self, *, approve, today=None):
        """Approve the request (it shows on the prototype's fiche) or decline it (it stays in the list,
        « Refusé le … », and never shows on the fiche)."""
        self.is_approved = approve
        self.declined_on = None if approve else (today or timezone.localdate())
        self.save(update_fields=["is_approved", "declined_on"])

    @property
    def display_city(self):
        return (self.structure.city if self.structure_id else "") or self.city

    def clean(self):
        super().clean()
        if not self.structure_id and not self.structure_name.strip():
            raise ValidationError({"structure_name": _("Indiquez la structure qui essaime le prototype.")})
        if self.prototype_id:
            origin = self.prototype.structure
            if origin and (
                self.structure_id == origin.pk
                or (not self.structure_id and self.structure_name.strip().casefold() == origin.name.casefold())
            ):
                raise ValidationError(
                    {
                        "structure" if self.structure_id else "structure_name": _(
                            "« %(structure)s » est la structure d'origine de ce prototype : elle ne peut pas "
                            "l'essaimer chez elle."
                        )
                        % {"structure": origin.name}
                    }
                )
