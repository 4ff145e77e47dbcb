"""The site's home page, the commons' index entries and the methodological tool pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.facets import RegisteredChoices
from lab.choices import Licence, LicenceMixin, TerritoryLevel
from lab.routing import PrefixRoutingMixin


class HomePage(PrefixRoutingMixin, Page):
    """Home of Labo commun: what the commons is, the programmes, search, the directory.

    The site's root: it routes every public URL below it in one query (``lab.routing``).
    """

    intro = models.TextField(
        _("accroche"),
        blank=True,
        help_text=_("Une ou deux phrases sous le titre."),
    )
    body = RichTextField(_("présentation"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lab.ProgrammePage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from lab.models import ProgrammePage, Structure, Territory
        from lab.territory_names import with_labels

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.live().public().child_of(self).select_related("carrier").order_by("-start_date")
        )
        context["structure_count"] = Structure.objects.count()
        context["top_territories"] = with_labels(
            Territory.objects.filter(level__in=[TerritoryLevel.REGION, TerritoryLevel.DEPARTEMENT]).order_by(
                "name", "level"
            )
        )
        return context


class CommonsKind(models.TextChoices):
    """Kinds of resource in the commons."""

    PROTOTYPE = "prototype", _("Prototype")
    REPORT = "compte_rendu", _("Compte-rendu")
    TOOL = "outil", _("Outil méthodologique")
    PROGRAMME = "programme", _("Programme et son livret")


class CommonsEntry(LicenceMixin, index.Indexed, models.Model):
    """One published resource of the commons, kept in step with its page (see ``home.commons``)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="commons_entry")
    title = models.CharField(_("titre"), max_length=255)
    kind = models.CharField(_("type de ressource"), max_length=20, choices=CommonsKind.choices)
    summary = models.TextField(_("résumé"), blank=True)
    text = models.TextField(_("texte indexé"), blank=True)
    url_path = models.CharField(_("adresse"), max_length=500)
    programme = models.ForeignKey(
        "lab.ProgrammePage", verbose_name=_("programme"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    territory = models.ForeignKey(
        "lab.Territory", verbose_name=_("territoire"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    themes = models.ManyToManyField("lab.Theme", verbose_name=_("thématiques"), related_name="+")
    tags = models.ManyToManyField("taggit.Tag", verbose_name=_("mots-clés"), related_name="+")
    stage = models.CharField(_("stade"), max_length=20, choices=RegisteredChoices("stage"), blank=True)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    published_at = models.DateTimeField(_("publié le"))
    updated_at = models.DateTimeField(_("mis à jour le"))

    search_fields = [
        index.SearchField("title", boost=4),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("text"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("ressource du commun")
        verbose_name_plural = _("ressources du commun")
        ordering = ["-published_at"]
        indexes = [
            # The single-valued facets, counted together over every matching resource
            # (``home.commons_views.grouped_counts``): read from this index alone, not the rows.
            models.Index(fields=["territory", "stage", "kind", "programme", "licence"], name="commons_facets"),
            # The index in its default order, newest first: a page is read along it, not sorted.
            models.Index(fields=["-published_at", "id"], name="commons_recent"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url_path

    # --- What the JSON API (home.api) shows of each resource.
    @property
    def url(self):
        """The resource's page on the canonical base URL."""
        from lab.infra.base_url import absolute_url

        return absolute_url(self.url_path)

    @property
    def programme_title(self):
        return self.programme.title if self.programme_id else None

    @property
    def territory_name(self):
        return self.territory.name if self.territory_id else None

    @property
    def theme_names(self):
        return [theme.name for theme in self.themes.all()]

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    @property
    def licence_name(self):
        return self.get_licence_display()

    api_fields = [
        APIField("title"),
        APIField("kind"),
        APIField("summary"),
        APIField("url", serializer=serializers.CharField(read_only=True)),
        APIField("programme_title", serializer=serializers.CharField(read_only=True)),
        APIField("territory_name", serializer=serializers.CharField(read_only=True)),
        APIField("theme_names", serializer=serializers.ListField(child=serializers.CharField(), read_only=True)),
        APIField("tag_names", serializer=serializers.ListField(child=serializers.CharField(), read_only=True)),
        APIField("stage"),
        APIField("licence"),
        APIField("licence_name", serializer=serializers.CharField(read_only=True)),
        APIField("licence_url", serializer=serializers.CharField(read_only=True)),
        APIField("published_at"),
        APIField("updated_at"),
    ]

    def index_for_search(self):
        from wagtail.search.index import insert_or_update_object

        insert_or_update_object(self)


class FacetCount(models.Model):
    """How many published resources carry one value of one facet, among those matching one filter
    value (both empty: among all of them; ``param`` empty: how many match). Kept in step with
    publication by ``home.facet_counts``, read by the commons' index."""

    filter_param = models.CharField(max_length=20, blank=True)
    filter_value = models.CharField(max_length=100, blank=True)
    param = models.CharField(max_length=20, blank=True)
    value = models.CharField(max_length=100, blank=True)
    count = models.IntegerField(default=0)
    # The value's own row, when it has one: its slug and name are read with the count.
    theme = models.ForeignKey("lab.Theme", null=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey("taggit.Tag", null=True, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey("lab.ProgrammePage", null=True, on_delete=models.CASCADE, related_name="+")

    wagtail_reference_index_ignore = True  # counts, not content

    class Meta:
        verbose_name = _("décompte du commun")
        verbose_name_plural = _("décomptes du commun")
        constraints = [
            # Also the index the index page reads along: a filter's rows, then everyone's.
            models.UniqueConstraint(fields=["filter_param", "filter_value", "param", "value"], name="facet_count_key")
        ]

    def __str__(self):
        return f"{self.filter_param}={self.filter_value} → {self.param}={self.value} : {self.count}"


class ToolKind(models.TextChoices):
    METHOD = "methode", _("Méthode")
    TEMPLATE = "modele", _("Modèle de document")
    WORKSHOP_FORMAT = "format_atelier", _("Format d'atelier")
    OTHER = "autre", _("Autre")


class ToolPageTag(TaggedItemBase):
    content_object = ParentalKey("home.ToolPage", on_delete=models.CASCADE, related_name="tagged_items")


class ToolPage(LicenceMixin, Page):
    """A methodological tool of the commons: a method, a document template, a workshop format, with files."""

    tool_kind = models.CharField(_("type d'outil"), max_length=20, choices=ToolKind.choices, default=ToolKind.METHOD)
    summary = models.TextField(_("résumé"), help_text=_("Deux ou trois phrases : à quoi sert cet outil, pour qui."))
    body = StreamField(
        [
            ("text", blocks.RichTextBlock(label=_("Texte"))),
            ("steps", blocks.ListBlock(blocks.CharBlock(label=_("Étape")), label=_("Étapes"))),
            ("document", DocumentChooserBlock(label=_("Fichier"))),
        ],
        verbose_name=_("contenu"),
        blank=True,
    )
    themes = ParentalManyToManyField("lab.Theme", verbose_name=_("thématiques"), blank=True)
    tags = ClusterTaggableManager(through=ToolPageTag, blank=True, verbose_name=_("mots-clés"))
    territory = models.ForeignKey(
        "lab.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA)

    parent_page_types = ["lab.ProgrammePage"]
    subpage_types = []

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("tool_kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes"),
        FieldPanel("tags"),
        FieldPanel("territory"),
        FieldPanel("licence"),
    ]

    class Meta:
        verbose_name = _("outil méthodologique")
        verbose_name_plural = _("outils méthodologiques")


class SearchTerm(models.Model):
    """A word of the commons' index, with its French stem: « Vouliez-vous dire … » picks from these
    (``home.vocabulary``)."""

    word = models.CharField(_("mot"), max_length=60, unique=True)
    stem = models.CharField(_("racine"), max_length=60, db_index=True)

    class Meta:
        verbose_name = _("mot de l'index")
        verbose_name_plural = _("mots de l'index")

    def __str__(self):
        return self.word
