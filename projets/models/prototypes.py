"""Prototype fiches (public Wagtail pages), their iterations, stage log and specification."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from lab.choices import LicenceMixin
from lab.models import ProgrammePage
from projets.choices import STAGE_RANK, Licence, Priority, Stage
from projets.software import software_choices


class PrototypeTag(TaggedItemBase):
    content_object = ParentalKey("projets.PrototypePage", on_delete=models.CASCADE, related_name="tagged_items")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("intitulé"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Pièce jointe")


class PrototypePage(LicenceMixin, RoutablePageMixin, Page):
    """A fiche prototype: need, public, solution, stage, team, resources, economic model, licence.

    Published under its programme page (which adds the publicity block). It carries its iterations
    (fiches maquettes), its specification (cahier des charges) and the structures that replicate it.
    """

    summary = models.TextField(_("en une phrase"), blank=True, max_length=400)
    need = models.TextField(_("le besoin"))
    audience = models.TextField(_("le public"), blank=True)
    solution = models.TextField(_("la solution"), blank=True)
    stage = models.CharField(_("stade"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    themes = ParentalManyToManyField("lab.Theme", verbose_name=_("thématiques"), blank=True, related_name="+")
    tags = ClusterTaggableManager(through=PrototypeTag, verbose_name=_("mots-clés"), blank=True)
    territory = models.ForeignKey(
        "lab.Territory",
        verbose_name=_("territoire d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    structure = models.ForeignKey(
        "lab.Structure",
        verbose_name=_("structure d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prototypes",
    )
    project = models.ForeignKey(
        "projets.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prototypes",
    )
    #: The programme page above this one, kept here so lists and scopes filter without tree queries.
    programme = models.ForeignKey(
        "lab.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="prototypes",
    )
    team = models.TextField(_("l'équipe"), blank=True, help_text=_("Qui a conçu et testé le prototype."))
    resources_costs = models.TextField(_("ressources et coûts"), blank=True)
    economic_model = models.TextField(_("note de modèle économique"), blank=True)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA)
    media = StreamField(
        [("image", ImageBlock()), ("attachment", AttachmentBlock())],
        verbose_name=_("images et pièces jointes"),
        blank=True,
    )
    related_workshops = models.TextField(_("ateliers liés"), blank=True)
    software = models.CharField(
        _("logiciel"),
        max_length=40,
        blank=True,
        choices=software_choices,
        help_text=_(
            "Si ce prototype est un logiciel du projet : la fiche montre « Le logiciel » (code source, notice, "
            "guide d'installation) et le kit d'essaimage inclut ses fichiers."
        ),
    )
    code_url = models.URLField(_("dépôt du code"), blank=True, help_text=_("Adresse publique du code source."))
    demo_url = models.URLField(_("démonstration"), blank=True, help_text=_("Adresse d'une démonstration en ligne."))
    install_guide_url = models.URLField(
        _("guide d'installation"), blank=True, help_text=_("Adresse du guide pour installer l'outil chez soi.")
    )

    #: The named contact: other territories write through the fiche's contact form, never see the address.
    contact_name = models.CharField(_("personne à contacter"), max_length=150, blank=True)
    contact_role = models.CharField(_("sa fonction"), max_length=150, blank=True)
    contact_structure = models.ForeignKey(
        "lab.Structure",
        verbose_name=_("sa structure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Par défaut, la structure d'origine du prototype."),
    )
    contact_email = models.EmailField(
        _("son courriel"),
        blank=True,
        help_text=_("Jamais affiché : les messages du formulaire « Contacter » y sont envoyés."),
    )

    spec_context = models.TextField(_("contexte"), blank=True)
    spec_users = models.TextField(_("utilisateurs"), blank=True)
    spec_constraints = models.TextField(_("contraintes"), blank=True)
    spec_data = models.TextField(_("données"), blank=True)
    spec_accessibility = models.TextField(_("accessibilité"), blank=True)
    spec_hosting = models.TextField(_("hébergement"), blank=True)
    spec_budget = models.TextField(_("budget"), blank=True)

    #: The admin form (``projets.forms.PrototypePageForm``), the public page's extra context
    #: (``projets.services.prototype_page_context``) and the view of the « essaimer » route
    #: (``projets.views.replicate``) are set by ``ProjetsConfig.ready()``: models never import forms,
    #: services or views.
    base_form_class = None
    page_context = None
    replicate_view = None
    contact_view = None
    #: Read with the page's row when it is served (``lab.routing``): the fiche shows each of them.
    served_select_related = ("programme", "structure", "territory", "contact_structure", "economic_note")
    parent_page_types = ["lab.ProgrammePage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("need"),
        index.SearchField("audience"),
        index.SearchField("solution"),
        index.FilterField("stage"),
        index.FilterField("licence"),
        index.FilterField("programme"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("need"),
        FieldPanel("audience"),
        FieldPanel("solution"),
        MultiFieldPanel([FieldPanel("stage"), FieldPanel("stage_reason")], heading=_("Stade")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("structure"), FieldPanel("territory")]),
                FieldPanel("project"),
                FieldPanel("themes"),
                FieldPanel("tags"),
            ],
            heading=_("Origine et classement"),
        ),
        FieldPanel("team"),
        FieldPanel("resources_costs"),
        FieldPanel("economic_model"),
        FieldPanel("licence"),
        FieldPanel("media"),
        FieldPanel("related_workshops"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel([FieldPanel("contact_structure"), FieldPanel("contact_email")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("software"), FieldPanel("code_url"), FieldPanel("demo_url"), FieldPanel("install_guide_url")],
            heading=_("L'outil"),
        ),
    ]
    iteration_panels = [InlinePanel("iterations", label=_("Itération"), heading=_("Fiches maquettes (itérations)"))]
    specification_panels = [
        FieldPanel("spec_context"),
        FieldPanel("spec_users"),
        InlinePanel("spec_functions", label=_("Fonction"), heading=_("Fonctions")),
        FieldPanel("spec_constraints"),
        FieldPanel("spec_data"),
        FieldPanel("spec_accessibility"),
        FieldPanel("spec_hosting"),
        FieldPanel("spec_budget"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Fiche prototype")),
            ObjectList(iteration_panels, heading=_("Itérations")),
            ObjectList(specification_panels, heading=_("Cahier des charges")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )

    class Meta:
        verbose_name = _("fiche prototype")
        verbose_name_plural = _("fiches prototypes")

    def save(self, *args, **kwargs):
        if self.path:
            self.programme = ProgrammePage.objects.ancestor_of(self).first()
        super().save(*args, **kwargs)

    @property
    def stage_rank(self):
        return STAGE_RANK[self.stage]

    def stages_for_display(self):
        """Every stage with whether the prototype reached it (for the stage bar of the page)."""
        return [
            {
                "value": value,
                "label": label,
                "reached": STAGE_RANK[value] <= self.stage_rank,
                "current": value == self.stage,
            }
            for value, label in Stage.choices
        ]

    @property
    def contact_structure_shown(self):
        """The contact's structure: the one named, or the prototype's own."""
        return self.contact_structure or self.structure

    def can_be_contacted(self):
        return bool(self.contact_name and self.contact_email)

    def has_specification(self):
        return bool(
            self.spec_context
            or self.spec_users
            or self.spec_constraints
            or self.spec_data
            or self.spec_accessibility
            or self.spec_hosting
            or self.spec_budget
            or self.spec_functions.exists()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_context(self))
        return context

    @path("")
    def fiche(self, request):
        return self.render(request)

    @path("essaimer/")
    def replicate(self, request):
        return self.replicate_view(request, self)

    @path("contacter/")
    def contact(self, request):
        return self.contact_view(request, self)

    def export_url(self, name):
        """Address of one of the public exports (Markdown, PDF) of this fiche."""
        return reverse(f"projets:{name}", kwargs={"pk": self.pk, "slug": self.slug})


class Iteration(Orderable):
    """A fiche maquette: one numbered round of mock-up, observation, user feedback and corrections."""

    page = ParentalKey(PrototypePage, on_delete=models.CASCADE, related_name="iterations")
    number = models.PositiveSmallIntegerField(_("numéro"))
    date = models.DateField(_("date"))
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    mockup = models.TextField(_("maquette"), blank=True, help_text=_("Ce qui a été maquetté pour ce test."))
    mockup_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de la maquette"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observation = models.TextField(_("observation"), blank=True)
    user_feedback = models.TextField(_("retours des usagers"), blank=True)
    corrections = models.TextField(_("corrections"), blank=True)
    tested_by = models.CharField(_("testé par"), max_length=255, blank=True)
    learnt = models.TextField(_("ce que nous avons appris"), blank=True)
    decided = models.TextField(_("ce que nous avons décidé"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("mockup"),
        FieldPanel("mockup_image"),
        FieldPanel("observation"),
        FieldPanel("user_feedback"),
        FieldPanel("corrections"),
        FieldPanel("tested_by"),
        FieldPanel("learnt"),
        FieldPanel("decided"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("itération")
        verbose_name_plural = _("itérations")

    def __str__(self):
        return str(_("Itération %(number)s") % {"number": self.number})


class SpecificationFunction(Orderable):
    """A function of the specification, with its MoSCoW priority."""

    page = ParentalKey(PrototypePage, on_delete=models.CASCADE, related_name="spec_functions")
    group = models.CharField(_("partie"), max_length=120, blank=True, help_text=_("Ex. « Front admin »"))
    title = models.CharField(_("fonction"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    priority = models.CharField(_("priorité"), max_length=10, choices=Priority.choices, default=Priority.MUST)

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("priority")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fonction")
        verbose_name_plural = _("fonctions")

    def __str__(self):
        return self.title


class StageChange(models.Model):
    """One change of a prototype's stage, dated, with the reason (required to go backwards)."""

    page = models.ForeignKey(PrototypePage, on_delete=models.CASCADE, related_name="stage_changes")
    date = models.DateField(_("date"))
    from_stage = models.CharField(_("de"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("à"), max_length=20, choices=Stage.choices)
    reason = models.TextField(_("raison"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("changement de stade")
        verbose_name_plural = _("changements de stade")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} : {self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"

    @property
    def is_backwards(self):
        return bool(self.from_stage) and STAGE_RANK[self.to_stage] < STAGE_RANK[self.from_stage]
