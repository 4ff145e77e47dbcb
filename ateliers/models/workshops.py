"""Workshops (ateliers, labos, forums, hackathons…), their half-day sessions and sub-groups."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ateliers.choices import HalfDay, PublicEventKind, SubGroupKind, WorkshopFormat, WorkshopKind
from ateliers.teams import TeamPrototypeChooserPanel, is_prototype_page
from lab.infra.french import long_date


class Workshop(ClusterableModel):
    """An event of a programme: a labo of three days, a forum, a hackathon, an intersession…

    Attendance is counted per half-day session; registrations can be limited per structure
    (a labo: at least 1 and at most 3 people per CCAS, with an agent as referent).
    """

    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="workshops"
    )
    kind = models.CharField(_("type"), max_length=20, choices=WorkshopKind.choices, default=WorkshopKind.ATELIER)
    title = models.CharField(_("titre"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=WorkshopFormat.choices, default=WorkshopFormat.ONSITE)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    remote_link = models.URLField(_("lien de connexion"), blank=True, help_text=_("Pour le distanciel."))
    start_date = models.DateField(_("premier jour"), null=True, blank=True)
    end_date = models.DateField(_("dernier jour"), null=True, blank=True)
    themes = ParentalManyToManyField("lab.Theme", verbose_name=_("thématiques"), blank=True)
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("animateurs (comptes)"),
        blank=True,
        related_name="facilitated_workshops",
    )
    facilitator_name = models.CharField(
        _("nom de l'animateur ou de l'animatrice"),
        max_length=200,
        blank=True,
        help_text=_("Imprimé sur la feuille d'émargement et signataire des certificats."),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature (image)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Signature scannée reproduite sur les certificats."),
    )
    invited_structures = ParentalManyToManyField(
        "lab.Structure", verbose_name=_("structures invitées"), blank=True, related_name="invited_workshops"
    )
    min_per_structure = models.PositiveSmallIntegerField(_("minimum d'inscrits par structure"), null=True, blank=True)
    max_per_structure = models.PositiveSmallIntegerField(_("maximum d'inscrits par structure"), null=True, blank=True)
    require_agent_referent = models.BooleanField(
        _("un agent référent par structure"),
        default=False,
        help_text=_("Chaque structure inscrite doit compter au moins un agent désigné référent."),
    )
    capacity = models.PositiveIntegerField(
        _("capacité"), null=True, blank=True, help_text=_("Au-delà, les inscriptions vont en liste d'attente.")
    )
    jury_members = models.TextField(_("membres du jury"), blank=True, help_text=_("Un membre par ligne (hackathon)."))
    jury_deliberation = models.TextField(_("délibération du jury"), blank=True)
    published = models.BooleanField(
        _("publié"), default=False, help_text=_("Affiché dans le planning public du programme.")
    )
    public_kind = models.CharField(
        _("événement public"),
        max_length=20,
        choices=PublicEventKind.choices,
        default=PublicEventKind.NONE,
        blank=True,
        help_text=_("Un atelier publié et marqué public paraît dans l'agenda public (/agenda/)."),
    )
    signup_open = models.BooleanField(
        _("inscriptions en ligne ouvertes"),
        default=False,
        help_text=_("Le public s'inscrit lui-même depuis la page de l'événement."),
    )
    signup_deadline = models.DateField(
        _("inscriptions jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Inclus. Vide : ouvertes tant que la case « inscriptions en ligne ouvertes » est cochée."),
    )
    signup_asks_team = models.BooleanField(
        _("demander l'équipe souhaitée"),
        default=False,
        help_text=_("Le formulaire d'inscription propose les équipes (hackathon) et leurs prototypes."),
    )
    results_published = models.BooleanField(
        _("publier les résultats du jury"),
        default=False,
        help_text=_("Classement, prix et mot du jury de chaque équipe sur la page publique de l'événement."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["start_date", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Le dernier jour ne peut pas précéder le premier.")
        if (
            self.min_per_structure is not None
            and self.max_per_structure is not None
            and self.max_per_structure < self.min_per_structure
        ):
            errors["max_per_structure"] = _("Le maximum par structure ne peut pas être inférieur au minimum.")
        if self.programme_id:
            programme = self.programme
            for name in ("start_date", "end_date"):
                day = getattr(self, name)
                if day and not programme.start_date <= day <= programme.end_date:
                    errors[name] = _(
                        "Cette date est en dehors de la période du programme (du %(start)s au %(end)s)."
                    ) % {
                        "start": date_format(programme.start_date, "SHORT_DATE_FORMAT"),
                        "end": date_format(programme.end_date, "SHORT_DATE_FORMAT"),
                    }
        if errors:
            raise ValidationError(errors)

    @property
    def is_public_event(self):
        """On the public agenda: published and marked as a public event."""
        return self.published and bool(self.public_kind)

    def signup_is_open(self, today=None):
        """Whether the public may sign up today: while the organisers keep it open, up to the deadline
        when they set one (the organisers close it, the demo replays events of past years)."""
        if not (self.is_public_event and self.signup_open):
            return False
        today = today or timezone.localdate()
        return self.signup_deadline is None or today <= self.signup_deadline

    @property
    def jury_list(self):
        return [line.strip() for line in self.jury_members.splitlines() if line.strip()]

    def phrase(self):
        """The workshop in a sentence of a message: « ce labo » or « cet atelier »."""
        return gettext("ce labo") if self.kind == WorkshopKind.LABO else gettext("cet atelier")


class Session(Orderable):
    """A half-day of a workshop: the unit of attendance (FSE/FEDER proofs are signed per half-day)."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    half_day = models.CharField(_("demi-journée"), max_length=12, choices=HalfDay.choices, default=HalfDay.MORNING)
    start_time = models.TimeField(_("début"), null=True, blank=True)
    end_time = models.TimeField(_("fin"), null=True, blank=True)
    label = models.CharField(_("intitulé"), max_length=150, blank=True, help_text=_("Ex. Forum collectif"))
    is_remote = models.BooleanField(_("à distance"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("demi-journée")
        verbose_name_plural = _("demi-journées")
        ordering = ["date", "half_day", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                "workshop",
                "date",
                "half_day",
                name="unique_session_half_day",
                violation_error_message=_("Cette demi-journée existe déjà pour cet atelier."),
            )
        ]

    def __str__(self):
        return f"{long_date(self.date, weekday=True)}, {self.get_half_day_display().lower()}"

    @property
    def short_label(self):
        """« mar. 4 mai, matin »: the column heading of the sheet and the grid."""
        return f"{date_format(self.date, 'D j/m')} {self.get_half_day_display().lower()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("L'heure de fin doit suivre l'heure de début.")
        try:
            workshop = self.workshop
        except Workshop.DoesNotExist:
            workshop = None
        if workshop is not None and self.date:
            before = workshop.start_date and self.date < workshop.start_date
            after = workshop.end_date and self.date > workshop.end_date
            if before or after:
                errors["date"] = _("Cette demi-journée est en dehors des dates de l'atelier.")
            elif workshop.programme_id and not (
                workshop.programme.start_date <= self.date <= workshop.programme.end_date
            ):
                errors["date"] = _("Cette demi-journée est en dehors de la période du programme.")
        if errors:
            raise ValidationError(errors)


class SubGroup(Orderable):
    """A labo's thematic sub-group, or a hackathon team around a prototype, with its jury result."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="subgroups")
    kind = models.CharField(_("type"), max_length=20, choices=SubGroupKind.choices, default=SubGroupKind.SUBGROUP)
    name = models.CharField(_("nom"), max_length=150)
    theme = models.ForeignKey(
        "lab.Theme", verbose_name=_("thématique"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prototype_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("fiche du prototype"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La fiche prototype du commun sur laquelle l'équipe travaille."),
    )
    prototype = models.CharField(
        _("prototype travaillé"),
        max_length=200,
        blank=True,
        help_text=_("Le nom du prototype, s'il n'a pas encore de fiche."),
    )
    facilitator_names = models.CharField(_("facilitateurs"), max_length=255, blank=True)
    jury_rank = models.PositiveSmallIntegerField(_("classement du jury"), null=True, blank=True)
    jury_result = models.CharField(_("prix ou mention"), max_length=255, blank=True)
    jury_comment = models.TextField(_("un mot du jury"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("facilitator_names")]),
        TeamPrototypeChooserPanel("prototype_page"),
        FieldPanel("prototype"),
        FieldRowPanel([FieldPanel("jury_rank"), FieldPanel("jury_result")]),
        FieldPanel("jury_comment"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sous-groupe ou équipe")
        verbose_name_plural = _("sous-groupes et équipes")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.prototype_page_id and not is_prototype_page(self.prototype_page):
            raise ValidationError({"prototype_page": _("Choisissez une fiche prototype du commun.")})

    @property
    def prototype_label(self):
        """The prototype the team works on: its fiche's title, else the name typed by the organisers."""
        return self.prototype_page.title if self.prototype_page_id else self.prototype
