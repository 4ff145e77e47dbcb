"""A structure's project in a programme: its team, profile, roadmap and follow-up log.

These are operational records (edited in the Wagtail admin, never published as pages). Each
reaches its structure and programme through ``project``, so that ``lab.scope`` lets a structure's
team edit only its own records and the programme's pilots see all of the programme's.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from lab.infra.storage import private_storage
from lab.infra.uploads import validate_content
from projets.choices import ActionStatus, FollowUpKind, ProjectStatus

#: Files a follow-up entry may carry: documents and pictures, nothing executable.
ATTACHMENT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "odt", "ods", "docx", "xlsx", "txt", "csv"]
ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024
#: How many people a project team holds (« 1 à 3 personnes par CCAS »).
TEAM_MAX_SIZE = 3


def validate_attachment_size(upload):
    if upload.size > ATTACHMENT_MAX_SIZE:
        raise ValidationError(
            _("Le fichier pèse %(size)s : la limite est de %(limit)s. Réduisez-le ou déposez-en un extrait.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_SIZE)},
            code="file_too_large",
        )


class Project(models.Model):
    """The project a structure carries in a programme: team, referent, priority and secondary themes."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.PROTECT, related_name="projects"
    )
    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(_("intitulé du projet"), max_length=200)
    status = models.CharField(
        _("état"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PREPARATION
    )
    priority_theme = models.ForeignKey(
        "lab.Theme",
        verbose_name=_("thématique prioritaire"),
        on_delete=models.PROTECT,
        related_name="priority_projects",
        help_text=_("Le projet que la structure expérimente."),
    )
    secondary_theme = models.ForeignKey(
        "lab.Theme",
        verbose_name=_("thématique secondaire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secondary_projects",
        help_text=_("Le projet que la structure propose."),
    )
    summary = models.TextField(_("résumé"), blank=True)
    team = models.ManyToManyField(
        "lab.Person",
        verbose_name=_("équipe projet"),
        blank=True,
        related_name="projects",
        help_text=_("1 à 3 personnes de la structure."),
    )
    referent = models.ForeignKey(
        "lab.Person",
        verbose_name=_("référent·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referent_of",
        help_text=_("Un·e agent de la structure, membre de l'équipe projet."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["structure__name"]
        constraints = [
            models.UniqueConstraint(
                "structure",
                "programme",
                name="unique_project_per_structure_and_programme",
                violation_error_message=_("Cette structure a déjà un projet dans ce programme."),
            )
        ]

    def __str__(self):
        return f"{self.structure} — {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.priority_theme_id and self.priority_theme_id == self.secondary_theme_id:
            errors["secondary_theme"] = _("La thématique secondaire doit différer de la thématique prioritaire.")
        if self.referent_id and self.structure_id and self.referent.structure_id != self.structure_id:
            errors["referent"] = _("Le ou la référent·e doit être une personne de la structure.")
        if errors:
            raise ValidationError(errors)


class StructureProfile(models.Model):
    """The fiche de données of a structure, filled at the immersion and edited later."""

    project = models.OneToOneField(Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="profile")
    diagnostic = models.TextField(_("diagnostic territorial (synthèse)"), blank=True)
    resources = models.TextField(_("ressources"), blank=True)
    strengths = models.TextField(_("forces"), blank=True)
    weaknesses = models.TextField(_("faiblesses"), blank=True)
    partners = models.TextField(_("partenaires"), blank=True)
    chosen_themes = models.ManyToManyField(
        "lab.Theme", verbose_name=_("thématiques choisies"), blank=True, related_name="+"
    )
    filled_on = models.DateField(_("rempli le"), null=True, blank=True, help_text=_("Date de l'immersion."))
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("fiche de données")
        verbose_name_plural = _("fiches de données")
        ordering = ["project__structure__name"]

    def __str__(self):
        return str(_("Fiche de données — %(structure)s") % {"structure": self.project.structure})


class Roadmap(ClusterableModel):
    """The feuille de route of a project: work axes in priority order, their actions, milestones."""

    project = models.OneToOneField(Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="roadmap")
    lessons = models.TextField(_("enseignements"), blank=True, help_text=_("Ce que la structure a appris jusqu'ici."))
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("feuille de route")
        verbose_name_plural = _("feuilles de route")
        ordering = ["project__structure__name"]

    def __str__(self):
        return str(_("Feuille de route — %(structure)s") % {"structure": self.project.structure})


class Axis(Orderable):
    """A work axis of a roadmap; its place in the list is its priority (the first is the most urgent)."""

    roadmap = ParentalKey(Roadmap, on_delete=models.CASCADE, related_name="axes")
    title = models.CharField(_("axe de travail"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("axe de travail")
        verbose_name_plural = _("axes de travail")

    def __str__(self):
        return self.title


class Milestone(Orderable):
    """A dated milestone of a roadmap (a labo, a test, a committee…)."""

    roadmap = ParentalKey(Roadmap, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("jalon"), max_length=200)
    date = models.DateField(_("date"))
    reached = models.BooleanField(_("atteint"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")

    def __str__(self):
        return self.title


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[ActionStatus.DONE, ActionStatus.DROPPED])

    def overdue(self, today=None):
        """Actions not done whose due date has passed."""
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Action(models.Model):
    """One action of a work axis, owned by a person of the structure, with a due date."""

    axis = models.ForeignKey(Axis, verbose_name=_("axe de travail"), on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=255)
    owner = models.ForeignKey(
        "lab.Person", verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="roadmap_actions"
    )
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.TODO)
    done_on = models.DateField(_("faite le"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.owner_id and self.axis_id:
            structure = self.axis.roadmap.project.structure
            if self.owner.structure_id != structure.pk:
                errors["owner"] = _(
                    "Le ou la responsable doit être une personne de la structure « %(structure)s » : "
                    "%(person)s appartient à une autre structure."
                ) % {"structure": structure, "person": self.owner}
        if self.status == ActionStatus.DONE and not self.done_on:
            self.done_on = timezone.localdate()
        if self.status != ActionStatus.DONE and self.done_on:
            errors["done_on"] = _("Une action qui n'est pas faite n'a pas de date de réalisation : videz ce champ.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self):
        return bool(
            self.due_date
            and self.status not in {ActionStatus.DONE, ActionStatus.DROPPED}
            and self.due_date < timezone.localdate()
        )


class FollowUpQuerySet(models.QuerySet):
    def open_problems(self):
        return self.filter(kind=FollowUpKind.PROBLEM, resolved_on__isnull=True)

    def due_reminders(self, today=None):
        """Relances scheduled for today or earlier and not yet done."""
        return self.filter(
            kind=FollowUpKind.REMINDER,
            scheduled_for__isnull=False,
            scheduled_for__lte=today or timezone.localdate(),
            resolved_on__isnull=True,
        )


class FollowUpEntry(models.Model):
    """A dated line of the fiche de suivi: contact, relance, question, answer, participation, problem."""

    project = models.ForeignKey(Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"), default=datetime.date.today)
    kind = models.CharField(_("type"), max_length=20, choices=FollowUpKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    text = models.TextField(_("texte"))
    attachment = models.FileField(
        _("pièce jointe"),
        upload_to="projets/suivi/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[
            FileExtensionValidator(
                ATTACHMENT_EXTENSIONS,
                message=_(
                    "Le type de fichier « %(extension)s » n'est pas accepté. Types acceptés : %(allowed_extensions)s."
                ),
            ),
            validate_attachment_size,
            validate_content,
        ],
        help_text=_("PDF, image, document bureautique, texte ou CSV ; 10 Mo au plus."),
    )
    scheduled_for = models.DateField(
        _("relance prévue le"),
        null=True,
        blank=True,
        help_text=_("Pour une relance : elle apparaît à faire dès ce jour."),
    )
    resolved_on = models.DateField(
        _("résolu ou traité le"),
        null=True,
        blank=True,
        help_text=_("Un problème reste ouvert, et une relance à faire, tant que cette date est vide."),
    )
    resolution = models.TextField(_("résolution"), blank=True)
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de suivi")
        verbose_name_plural = _("fiche de suivi")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()} — {self.project.structure}"

    def clean(self):
        super().clean()
        errors = {}
        if self.resolved_on and self.date and self.resolved_on < self.date:
            errors["resolved_on"] = _("La date de résolution ne peut pas précéder la date de l'entrée.")
        if self.scheduled_for and self.kind and self.kind != FollowUpKind.REMINDER:
            errors["scheduled_for"] = _("Seule une relance peut être programmée : choisissez le type « Relance ».")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open_problem(self):
        return self.kind == FollowUpKind.PROBLEM and self.resolved_on is None

    @property
    def is_due_reminder(self):
        return (
            self.kind == FollowUpKind.REMINDER
            and self.scheduled_for is not None
            and self.resolved_on is None
            and self.scheduled_for <= timezone.localdate()
        )
