"""Deliverables owed to funders, their validation history, and the programme's expenses."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable

from lab.infra.storage import private_storage
from lab.infra.uploads import validate_content
from livrables.choices import DeliverableAction, DeliverableKind, DeliverableStatus, ExpenseCategory

RECEIPT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
RECEIPT_MAX_BYTES = 10 * 1024 * 1024


class DeliverableQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(status=DeliverableStatus.VALIDATED)


class Deliverable(models.Model):
    """Something the programme owes its funders (a report, a guide, the review…), with its status."""

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="deliverables"
    )
    title = models.CharField(_("intitulé"), max_length=255)
    kind = models.CharField(_("type"), max_length=30, choices=DeliverableKind.choices)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=DeliverableStatus.choices, default=DeliverableStatus.TO_DO
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page liée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("fichier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = _("livrable")
        verbose_name_plural = _("livrables")
        ordering = ["due_date", "title"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self):
        return bool(
            self.due_date and self.due_date < timezone.localdate() and self.status != DeliverableStatus.VALIDATED
        )


class DeliverableEvent(models.Model):
    """One step of a deliverable's history: who submitted, validated or sent it back, when, why."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=DeliverableAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    comment = models.TextField(_("commentaire"), blank=True)
    status_after = models.CharField(_("statut après"), max_length=20, choices=DeliverableStatus.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("fichier soumis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("étape d'un livrable")
        verbose_name_plural = _("historique des livrables")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.deliverable}"


def validate_receipt_size(file):
    if file and file.size > RECEIPT_MAX_BYTES:
        raise ValidationError(_("Le justificatif dépasse 10 Mo : réduisez-le ou scannez-le en PDF."))


class Expense(models.Model):
    """An expense of the programme (FSE/FEDER follow-up of spending), with its receipt."""

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="expenses"
    )
    date = models.DateField(_("date"))
    category = models.CharField(_("catégorie"), max_length=20, choices=ExpenseCategory.choices)
    label = models.CharField(_("objet"), max_length=255)
    mission = models.CharField(
        _("mission ou atelier"), max_length=255, blank=True, help_text=_("Ex. Labo n°1 à Mamoudzou")
    )
    supplier = models.CharField(_("fournisseur"), max_length=255, blank=True)
    amount_ht = models.DecimalField(
        _("montant HT (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    vat = models.DecimalField(
        _("TVA (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_ttc = models.DecimalField(
        _("montant TTC (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    advanced_by = models.CharField(_("avancé par"), max_length=150, blank=True)
    receipt = models.FileField(
        _("justificatif"),
        upload_to="justificatifs/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(RECEIPT_EXTENSIONS), validate_receipt_size, validate_content],
        help_text=_("PDF, JPEG ou PNG, 10 Mo au plus. Une dépense sans justificatif n'est pas justifiée."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dépense")
        verbose_name_plural = _("dépenses")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.label}"

    @property
    def is_justified(self):
        return bool(self.receipt)

    def clean(self):
        super().clean()
        if None not in (self.amount_ht, self.vat, self.amount_ttc) and self.amount_ht + self.vat != self.amount_ttc:
            raise ValidationError(
                {
                    "amount_ttc": _("Le montant TTC (%(ttc)s €) doit être égal au HT plus la TVA (%(sum)s €).")
                    % {"ttc": self.amount_ttc, "sum": self.amount_ht + self.vat}
                }
            )


class ExportStatus(models.TextChoices):
    PENDING = "attente", _("En attente")
    RUNNING = "en_cours", _("En cours")
    DONE = "termine", _("Terminé")
    FAILED = "echec", _("Échec")


class ExportJob(models.Model):
    """A long export (review, booklet, structure sheets, proofs pack) built by the task queue."""

    #: A job's bookkeeping, saved at each step: not content for Wagtail's « used by » index, which
    #: would queue a task at each save, ahead of the export's own parts.
    wagtail_reference_index_ignore = True

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(_("export"), max_length=30)
    start = models.DateField(_("début de période"), null=True, blank=True)
    end = models.DateField(_("fin de période"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    file = models.FileField(_("fichier"), upload_to="exports/%Y/%m/", storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    #: Last sign of life of its preparation or join: the sweep queues again a silent step.
    heartbeat_at = models.DateTimeField(_("dernier signe d'activité"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} — {self.programme}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def export_part_upload_to(instance, filename):
    return f"exports/parts/{instance.batch_id}/{filename}"


class ExportPart(models.Model):
    """One file of an export (a PDF, the expenses workbook, an attendance sheet of the proofs pack),
    rendered by one task on any worker; the export's last step assembles the parts in order."""

    wagtail_reference_index_ignore = True

    batch = models.ForeignKey(ExportJob, verbose_name=_("export"), on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField(_("rang"))
    #: Where the file goes in the export (its path in the proofs pack's zip).
    name = models.CharField(_("nom"), max_length=255)
    status = models.CharField(_("état"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    attempts = models.PositiveIntegerField(_("essais"), default=0)
    heartbeat_at = models.DateTimeField(_("dernier signe d'activité"), null=True, blank=True)
    file = models.FileField(_("fichier"), upload_to=export_part_upload_to, storage=private_storage, blank=True)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("part d'un export")
        verbose_name_plural = _("parts des exports")
        ordering = ["batch", "index"]
        constraints = [models.UniqueConstraint(fields=["batch", "index"], name="unique_export_part")]

    def __str__(self):
        return f"{self.batch} — {self.name}"


class StoryChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre du chapitre"), max_length=200)
    text = blocks.RichTextBlock(label=_("texte"), features=["bold", "italic", "link", "ol", "ul"])
    image = ImageChooserBlock(label=_("photo"), required=False)
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Chapitre")


class Story(models.Model):
    """The storytelling of a project: an introduction and a conclusion written by the team, around the
    events the site already knows (workshops, reports, quotes, photos, iterations, stage changes)."""

    project = models.OneToOneField(
        "projets.Project", verbose_name=_("projet"), on_delete=models.CASCADE, related_name="story"
    )
    title = models.CharField(_("titre"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    chapters = StreamField(
        [("chapter", StoryChapterBlock())],
        verbose_name=_("chapitres"),
        blank=True,
        help_text=_("Le récit, chapitre par chapitre : un titre, un texte, une photo si vous en avez une."),
    )
    conclusion = models.TextField(_("conclusion"), blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("storytelling")
        verbose_name_plural = _("storytellings")

    def __str__(self):
        return self.title


NARRATIVE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ReviewNarrative(ClusterableModel):
    """The written part of a programme's bilan for a period: context, what was done, results, difficulties,
    outlook, and one paragraph per structure, around the figures the site computes."""

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="review_narratives"
    )
    start = models.DateField(
        _("début de période"), null=True, blank=True, help_text=_("Vide : depuis le début du programme.")
    )
    end = models.DateField(_("fin de période"), null=True, blank=True, help_text=_("Vide : jusqu'à ce jour."))
    context = RichTextField(_("contexte"), blank=True, features=NARRATIVE_FEATURES)
    activities = RichTextField(_("ce qui a été fait"), blank=True, features=NARRATIVE_FEATURES)
    results = RichTextField(_("résultats"), blank=True, features=NARRATIVE_FEATURES)
    difficulties = RichTextField(_("difficultés"), blank=True, features=NARRATIVE_FEATURES)
    outlook = RichTextField(_("perspectives"), blank=True, features=NARRATIVE_FEATURES)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("récit du bilan")
        verbose_name_plural = _("récits des bilans")
        ordering = ["programme", "-start"]

    def __str__(self):
        return f"{self.programme} — {self.period_label}"

    @property
    def period_label(self):
        if not self.start and not self.end:
            return _("tout le programme")
        start = self.start.strftime("%d/%m/%Y") if self.start else _("le début")
        end = self.end.strftime("%d/%m/%Y") if self.end else _("ce jour")
        return _("du %(start)s au %(end)s") % {"start": start, "end": end}

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin de période ne peut pas précéder son début.")})
        if self.programme_id:
            same = ReviewNarrative.objects.filter(programme_id=self.programme_id, start=self.start, end=self.end)
            if same.exclude(pk=self.pk).exists():
                raise ValidationError(
                    _("Ce programme a déjà un récit de bilan pour cette période : modifiez-le plutôt.")
                )


class ReviewStructureParagraph(Orderable):
    """What a structure did and got in the period, written for the bilan (its attendance is printed beside)."""

    narrative = ParentalKey(ReviewNarrative, on_delete=models.CASCADE, related_name="structure_paragraphs")
    structure = models.ForeignKey("lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE)
    text = RichTextField(_("paragraphe"), features=NARRATIVE_FEATURES)

    class Meta(Orderable.Meta):
        verbose_name = _("paragraphe d'une structure")
        verbose_name_plural = _("paragraphes des structures")
