"""Registrations of people to workshops, and their attendance per half-day."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ateliers.choices import (
    ACTIVE_REGISTRATION_STATUSES,
    AttendanceSource,
    AttendanceStatus,
    RegistrationSource,
    RegistrationStatus,
)
from lab.choices import PersonRole
from lab.models import Structure


class Registration(models.Model):
    """A person registered to a workshop for a structure, maybe in a sub-group or a team."""

    workshop = models.ForeignKey(
        "ateliers.Workshop", verbose_name=_("atelier"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        "lab.Person", verbose_name=_("participant"), on_delete=models.PROTECT, related_name="registrations"
    )
    structure = models.ForeignKey(
        "lab.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="registrations",
        blank=True,
        help_text=_("Par défaut, la structure du participant."),
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    subgroup = models.ForeignKey(
        "ateliers.SubGroup",
        verbose_name=_("sous-groupe ou équipe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    is_referent = models.BooleanField(_("référent·e de la structure"), default=False)
    is_walk_in = models.BooleanField(_("venu·e sans inscription"), default=False)
    source = models.CharField(
        _("origine"), max_length=10, choices=RegistrationSource.choices, default=RegistrationSource.STAFF
    )
    declared_structure = models.CharField(
        _("structure indiquée"),
        max_length=200,
        blank=True,
        help_text=_("La structure que la personne a indiquée en s'inscrivant en ligne."),
    )
    #: A walk-in is expected from the half-day they came, not on the earlier ones (rates, certificates).
    expected_from = models.ForeignKey(
        "ateliers.Session",
        verbose_name=_("attendu·e à partir de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pour une personne venue sans inscription : les demi-journées précédentes ne comptent pas."),
    )
    #: Why someone was added at the door beyond their structure's maximum (shown in « À vérifier »).
    over_limit_reason = models.TextField(_("raison de l'ajout au-delà du maximum"), blank=True)
    registered_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrit·e par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["structure__name", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                "workshop",
                "person",
                name="unique_registration",
                violation_error_message=_("Cette personne est déjà inscrite à cet atelier."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.workshop}"

    def clean(self):
        super().clean()
        if self.person_id and not self.structure_id:
            self.structure_id = self.person.structure_id
        if self.subgroup_id and self.workshop_id and self.subgroup.workshop_id != self.workshop_id:
            raise ValidationError({"subgroup": _("Ce sous-groupe appartient à un autre atelier.")})
        if self.workshop_id and self.person_id:
            errors = self.rule_errors()
            if errors:
                raise ValidationError(errors)

    def rule_errors(self):
        """What is wrong with this registration under the workshop's rules, as form errors (empty if fine)."""
        workshop = self.workshop
        structure_id = self.structure_id or self.person.structure_id
        structure = Structure.objects.get(pk=structure_id)
        errors = {}
        # A public sign-up is open to anyone: the structures' invitations and limits are for the teams.
        open_to_all = self.is_walk_in or self.source == RegistrationSource.PUBLIC
        invited = [s.pk for s in workshop.invited_structures.all()]
        if invited and structure_id not in invited and not open_to_all:
            errors["structure"] = gettext("« %(structure)s » n'est pas invitée à %(workshop)s.") % {
                "structure": structure.name,
                "workshop": workshop.phrase(),
            }
        if self.is_referent and self.person.role != PersonRole.AGENT:
            errors["is_referent"] = gettext(
                "Le ou la référente doit être un agent de la structure (%(name)s est %(role)s)."
            ) % {
                "name": self.person,
                "role": self.person.get_role_display().lower(),
            }
        active = self.status in ACTIVE_REGISTRATION_STATUSES
        if active and workshop.max_per_structure is not None and not open_to_all:
            taken = (
                workshop.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES, structure_id=structure_id)
                .exclude(pk=self.pk)
                .count()
            )
            if taken >= workshop.max_per_structure:
                errors["person"] = ngettext(
                    "%(structure)s a déjà %(count)d inscrit : c'est le maximum pour %(workshop)s.",
                    "%(structure)s a déjà %(count)d inscrits : c'est le maximum pour %(workshop)s.",
                    taken,
                ) % {"structure": structure.name, "count": taken, "workshop": workshop.phrase()}
        return errors

    def save(self, *args, **kwargs):
        if self.person_id and not self.structure_id:
            self.structure_id = self.person.structure_id
        super().save(*args, **kwargs)


class Attendance(models.Model):
    """Whether a registered person was there for one half-day, and who recorded it when."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("inscription"), on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "ateliers.Session", verbose_name=_("demi-journée"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("présence"), max_length=10, choices=AttendanceStatus.choices)
    source = models.CharField(
        _("saisie"), max_length=12, choices=AttendanceSource.choices, default=AttendanceSource.GRID
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                "registration",
                "session",
                name="unique_attendance",
                violation_error_message=_("La présence de cette personne à cette demi-journée est déjà saisie."),
            )
        ]

    def __str__(self):
        return f"{self.registration.person} — {self.session} — {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.registration_id and self.session_id and self.registration.workshop_id != self.session.workshop_id:
            raise ValidationError(_("Cette personne n'est pas inscrite à l'atelier de cette demi-journée."))
