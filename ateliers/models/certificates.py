"""Certificates of attendance (certificats d'assiduité), frozen when issued, and their batches."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ateliers.choices import BatchKind, BatchStatus
from lab.infra.base_url import absolute_url
from lab.infra.storage import private_storage

#: Letters and digits that cannot be mistaken for one another when read aloud or typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code():
    """A random verification code such as « K7QH3MZP2W »."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificate_upload_to(instance, filename):
    return f"ateliers/certificats/{instance.programme_id}/emis/{filename}"


class Certificate(models.Model):
    """What was certified, for whom, when: a frozen snapshot with a public verification code.

    For a person (``person`` set) or a structure (``person`` empty), for one workshop or the whole
    programme (``workshop`` empty). A later attendance change issues a new version; the old code
    keeps verifying as superseded.
    """

    #: A frozen record, not content that uses other content: Wagtail's « used by » index would queue a
    #: task for each of a batch's 500 certificates, run before the batch's own parts.
    wagtail_reference_index_ignore = True

    code = models.CharField(_("code de vérification"), max_length=16, unique=True, default=new_code, editable=False)
    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="certificates"
    )
    workshop = models.ForeignKey(
        "ateliers.Workshop",
        verbose_name=_("atelier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificates",
        help_text=_("Vide : le certificat couvre tout le programme."),
    )
    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="certificates"
    )
    person = models.ForeignKey(
        "lab.Person",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificates",
        help_text=_("Vide : certificat de la structure."),
    )
    half_days_attended = models.PositiveIntegerField(_("demi-journées suivies"))
    half_days_expected = models.PositiveIntegerField(_("demi-journées prévues"))
    data = models.JSONField(_("contenu certifié"), default=dict, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("remplacé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    #: The document as issued: a tagged PDF/A with the instance's PAdES signature, served as it is
    #: at every download (``ateliers.services.certificate_files``).
    file = models.FileField(
        _("document délivré"), upload_to=certificate_upload_to, storage=private_storage, blank=True, editable=False
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True, editable=False)
    signed_by = models.CharField(_("signé par"), max_length=300, blank=True, editable=False)
    issued_at = models.DateTimeField(_("délivré le"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("délivré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificat d'assiduité")
        verbose_name_plural = _("certificats d'assiduité")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["programme", "workshop", "structure", "person"], name="certificate_subject")]

    def __str__(self):
        return f"{self.data.get('subject', '')} — {self.code}"

    @property
    def is_current(self):
        return self.superseded_by_id is None

    @property
    def subject(self):
        return self.data.get("subject", "")

    def get_verification_path(self):
        return reverse("certificate_verify", kwargs={"code": self.code})

    def get_verification_url(self):
        return absolute_url(self.get_verification_path())


def batch_upload_to(instance, filename):
    return f"ateliers/certificats/{instance.programme_id}/{filename}"


def part_upload_to(instance, filename):
    return f"ateliers/certificats/lots/{instance.batch_id}/{filename}"


class CertificateBatch(models.Model):
    """All the certificates of a workshop or a programme as one PDF, produced in the background."""

    wagtail_reference_index_ignore = True  # a job's bookkeeping, saved at each step

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="certificate_batches"
    )
    workshop = models.ForeignKey(
        "ateliers.Workshop",
        verbose_name=_("atelier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificate_batches",
    )
    kind = models.CharField(_("contenu"), max_length=12, choices=BatchKind.choices, default=BatchKind.ALL)
    status = models.CharField(_("état"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING)
    total = models.PositiveIntegerField(_("certificats à produire"), default=0)
    pages = models.PositiveIntegerField(_("pages du PDF"), default=0)
    done = models.PositiveIntegerField(_("certificats produits"), default=0)
    file = models.FileField(_("fichier"), upload_to=batch_upload_to, storage=private_storage, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    #: When a worker last showed it was working on the batch's preparation or join (or it was queued):
    #: the sweep runs again a step whose worker stayed silent too long (``BATCH_STALE_SECONDS``).
    heartbeat_at = models.DateTimeField(_("dernier signe d'activité"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot de certificats")
        verbose_name_plural = _("lots de certificats")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.workshop or self.programme} — {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else (100 if self.status == BatchStatus.DONE else 0)


class CertificateBatchPart(models.Model):
    """A slice of a batch's certificates rendered as one PDF by one task, on any worker; the batch's
    last step joins the parts in order. Running a part twice stores the same file again."""

    wagtail_reference_index_ignore = True

    batch = models.ForeignKey(CertificateBatch, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField(_("rang"))
    #: The certificates of the part, in the batch's order (issued before the parts are cut).
    certificate_ids = models.JSONField(_("certificats"), default=list)
    status = models.CharField(_("état"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING)
    attempts = models.PositiveIntegerField(_("essais"), default=0)
    #: When the part was queued or claimed by a worker: a running part older than the sweep's
    #: threshold belonged to a worker that died.
    heartbeat_at = models.DateTimeField(_("dernier signe d'activité"), null=True, blank=True)
    file = models.FileField(_("fichier"), upload_to=part_upload_to, storage=private_storage, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("part d'un lot de certificats")
        verbose_name_plural = _("parts des lots de certificats")
        ordering = ["batch", "index"]
        constraints = [models.UniqueConstraint(fields=["batch", "index"], name="unique_certificate_batch_part")]

    def __str__(self):
        return f"{self.batch} — {self.index + 1}"

    @property
    def size(self):
        return len(self.certificate_ids)
