"""The site's home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lab.choices import TerritoryLevel


class HomePage(Page):
    """Home of Labo commun: what the commons is, the programmes, search, the directory."""

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

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.live().public().child_of(self).select_related("carrier").order_by("-start_date")
        )
        context["structure_count"] = Structure.objects.count()
        context["top_territories"] = Territory.objects.filter(
            level__in=[TerritoryLevel.REGION, TerritoryLevel.DEPARTEMENT]
        ).order_by("name")
        return context
