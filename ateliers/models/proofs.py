"""The proofs of attendance: every change of a mark (who, when, from what to what) and the signed,
scanned sheet of a half-day."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ateliers.choices import AttendanceSource, AttendanceStatus
from lab.infra.storage import private_storage
from lab.infra.uploads import validate_content

#: A scanned sheet is a PDF or a photo of the signed paper.
SIGNED_SHEET_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
SIGNED_SHEET_MAX_BYTES = 20 * 1024 * 1024


class AttendanceChange(models.Model):
    """One recording of a mark on the grid (or from a connection list): the attendance history.

    The first recording has no ``previous_status``; a correction has one. The état de présence lists
    corrections from here.
    """

    registration = models.ForeignKey(
        "ateliers.Registration", verbose_name=_("inscription"), on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey(
        "ateliers.Session", verbose_name=_("demi-journée"), on_delete=models.CASCADE, related_name="+"
    )
    previous_status = models.CharField(
        _("présence précédente"), max_length=10, choices=AttendanceStatus.choices, blank=True
    )
    status = models.CharField(_("présence"), max_length=10, choices=AttendanceStatus.choices)
    source = models.CharField(
        _("saisie"), max_length=12, choices=AttendanceSource.choices, default=AttendanceSource.GRID
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    class Meta:
        verbose_name = _("saisie de présence")
        verbose_name_plural = _("historique des présences")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.registration_id} — {self.session_id} — {self.status}"


def validate_signed_sheet_size(file):
    if file.size > SIGNED_SHEET_MAX_BYTES:
        raise ValidationError(
            _("Ce fichier fait %(size)s : la feuille scannée ne doit pas dépasser %(max)s."),
            params={"size": filesizeformat(file.size), "max": filesizeformat(SIGNED_SHEET_MAX_BYTES)},
        )


def signed_sheet_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"ateliers/emargement/{instance.session.workshop_id}/{instance.session_id}-feuille-signee.{extension}"


class SignedSheet(models.Model):
    """The paper attendance sheet of a half-day, signed and scanned: the proof a funder asks for.

    Private: only downloaded through a view that checks the user sees the programme.
    """

    session = models.OneToOneField(
        "ateliers.Session", verbose_name=_("demi-journée"), on_delete=models.CASCADE, related_name="signed_sheet"
    )
    file = models.FileField(
        _("feuille signée (scan)"),
        upload_to=signed_sheet_upload_to,
        storage=private_storage,
        validators=[
            FileExtensionValidator(
                SIGNED_SHEET_EXTENSIONS,
                message=_(
                    "Le type de fichier « %(extension)s » n'est pas accepté. Types acceptés : %(allowed_extensions)s."
                ),
            ),
            validate_signed_sheet_size,
            validate_content,
        ],
        help_text=_("PDF, JPEG ou PNG ; 20 Mo au plus."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("déposée le"), auto_now=True)

    class Meta:
        verbose_name = _("feuille d'émargement signée")
        verbose_name_plural = _("feuilles d'émargement signées")

    def __str__(self):
        return str(self.session)

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower()
