"""Programmes (funded operations) and their publicity obligations."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lab.choices import DirectPublishers, Fund, Validators


class ProgrammePage(Page):
    """A funded operation, e.g. « Centres sociaux connectés 2.0 du Croissant Sud » (FEDER-2020-PN.3).

    Its public page, and the reports and prototypes published under it, carry its mandatory
    publicity sentence and logos.
    """

    short_name = models.CharField(_("nom court"), max_length=80)
    reference = models.CharField(_("référence"), max_length=80, blank=True, help_text=_("Ex. FEDER-2020-PN.3"))
    fund = models.CharField(_("fonds"), max_length=10, choices=Fund.choices, default=Fund.FEDER)
    operational_programme = models.CharField(_("programme opérationnel"), max_length=500, blank=True)
    carrier = models.ForeignKey(
        "lab.Structure",
        verbose_name=_("structure porteuse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_programmes",
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    budget_ht = models.DecimalField(_("budget HT (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    budget_ttc = models.DecimalField(_("budget TTC (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    body = RichTextField(_("description"), blank=True)
    themes = ParentalManyToManyField("lab.Theme", verbose_name=_("thématiques"), blank=True)
    territories = ParentalManyToManyField("lab.Territory", verbose_name=_("territoires"), blank=True)
    publicity_sentence = models.TextField(
        _("mention obligatoire de publicité"),
        help_text=_("Reproduite sur chaque page publique et chaque PDF du programme."),
    )
    #: Who may publish the programme's pages (reports, questionnaires, prototype fiches) at once;
    #: everyone else submits them to the programme's validation (`lab.validation`).
    direct_publishers = models.CharField(
        _("qui publie sans validation"),
        max_length=30,
        choices=DirectPublishers.choices,
        default=DirectPublishers.COORDINATION,
        help_text=_("Les autres rôles soumettent leurs pages à la validation du programme."),
    )
    #: Who approves a submitted page, in order; nobody approves a step of their own submission.
    validators = models.CharField(
        _("qui valide"),
        max_length=30,
        choices=Validators.choices,
        default=Validators.COORDINATION_FUNDERS,
        help_text=_("Les étapes de la validation des pages soumises ; personne ne valide sa propre soumission."),
    )

    parent_page_types = ["home.HomePage"]
    #: The published content of a programme lives under it and carries its publicity block.
    subpage_types = ["projets.PrototypePage", "home.ToolPage", "ateliers.ReportPage", "ateliers.QuestionnairePage"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("reference"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("fund"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("reference")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fund"), FieldPanel("operational_programme")]),
                FieldPanel("carrier"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget_ht"), FieldPanel("budget_ttc")]),
            ],
            heading=_("Opération"),
        ),
        InlinePanel("funders", label=_("Cofinanceurs"), heading=_("Cofinanceurs")),
        FieldPanel("territories"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("publicity_sentence"),
                InlinePanel("logos", label=_("Logo"), heading=_("Logos (dans l'ordre d'affichage)")),
            ],
            heading=_("Obligations de publicité"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("direct_publishers", widget=forms.RadioSelect, permission="superuser"),
                FieldPanel("validators", widget=forms.RadioSelect, permission="superuser"),
            ],
            heading=_("Validation avant publication"),
        ),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fin du programme ne peut pas précéder son début.")
        if self.budget_ht is not None and self.budget_ttc is not None and self.budget_ttc < self.budget_ht:
            errors["budget_ttc"] = _("Le budget TTC ne peut pas être inférieur au budget HT.")
        if errors:
            raise ValidationError(errors)

    def publicity(self):
        """The sentence and the ordered logos that every page and PDF of the programme shows."""
        return {
            "sentence": self.publicity_sentence,
            "logos": [logo for logo in self._logos_with_images() if logo.image_id],
            "programme": self,
        }

    def _logos_with_images(self):
        """The logos read with their images, and their renditions in one more query, not one per logo
        (a preview's unsaved logos are in memory, and logos a list page prefetched are read: as they are)."""
        if "logos" in getattr(self, "_prefetched_objects_cache", {}):
            return self.logos.all()
        logos = self.logos.all()
        if isinstance(logos, models.QuerySet):
            logos = list(logos.select_related("image"))
            models.prefetch_related_objects([logo.image for logo in logos if logo.image_id], "renditions")
        return logos

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["funder_links"] = self.funders.select_related("funder")
        context["participating_structures"] = self.structures.select_related("territory").order_by("name")
        context["programme_territories"] = self.territories.all()
        context["programme_themes"] = self.themes.all()
        context["published_resources"] = self.get_children().live().public().order_by("-first_published_at")
        return context


class ProgrammeFunder(Orderable):
    """A cofinanceur of a programme, with its role (autorité de gestion, cofinanceur, pilote…)."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="funders")
    funder = models.ForeignKey("lab.Funder", verbose_name=_("cofinanceur"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rôle"), max_length=120, blank=True, help_text=_("Ex. autorité de gestion, cofinanceur"))
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2, null=True, blank=True)

    panels = [FieldPanel("funder"), FieldPanel("role"), FieldPanel("amount")]

    class Meta(Orderable.Meta):
        verbose_name = _("cofinanceur du programme")
        verbose_name_plural = _("cofinanceurs du programme")


class ProgrammeLogo(Orderable):
    """One logo of the programme's publicity block (the EU emblem first, then the funders')."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(
        _("texte alternatif"), max_length=150, help_text=_("Ex. « Union européenne » : lu par les lecteurs d'écran.")
    )

    panels = [FieldPanel("image"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("logo")
        verbose_name_plural = _("logos")
