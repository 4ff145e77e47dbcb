"""Who does what: roles in programmes and memberships of structures.

`lab.scope` reads these to answer what a user may see and change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lab.choices import ProgrammeRoleKind, StructureRoleKind


class ProgrammeRole(models.Model):
    """A user's role in a programme: coordinator, facilitator, or funder reviewer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="programme_roles",
    )
    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=ProgrammeRoleKind.choices)

    class Meta:
        verbose_name = _("rôle dans un programme")
        verbose_name_plural = _("rôles dans les programmes")
        constraints = [
            models.UniqueConstraint(
                "user",
                "programme",
                "role",
                name="unique_programme_role",
                violation_error_message=_("Cet utilisateur a déjà ce rôle dans ce programme."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.programme}"


class StructureMembership(models.Model):
    """A user's membership of a structure: administrator, project team, animateur, social worker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utilisateur"), on_delete=models.CASCADE, related_name="memberships"
    )
    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=StructureRoleKind.choices)

    class Meta:
        verbose_name = _("membre d'une structure")
        verbose_name_plural = _("membres des structures")
        constraints = [
            models.UniqueConstraint(
                "user",
                "structure",
                name="unique_structure_membership",
                violation_error_message=_("Cet utilisateur est déjà membre de cette structure."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.structure}"
