"""The commons block of every resource page: how to cite it, its licence, related resources."""

from django import template
from django.db.models import Q

from home.models import CommonsEntry
from lab.infra.base_url import absolute_url

register = template.Library()
RELATED_COUNT = 4


@register.inclusion_tag("home/includes/commons_block.html", takes_context=True)
def commons_block(context, page):
    """Nothing for a page outside the commons; otherwise the citation, licence and related resources."""
    entry = (
        CommonsEntry.objects.select_related("programme", "structure")
        .prefetch_related("themes")
        .filter(page_id=getattr(page, "pk", None))
        .first()
    )
    if entry is None:
        return {"entry": None}
    themes = [theme.pk for theme in entry.themes.all()]
    # A subquery, not a join: no DISTINCT over every resource sharing a theme, the four latest are
    # read as the rows are ordered (bench/loadtest.py, a prototype fiche uncached).
    sharing_a_theme = CommonsEntry.themes.through.objects.filter(theme_id__in=themes).values("commonsentry_id")
    related = (
        CommonsEntry.objects.exclude(pk=entry.pk)
        .filter(Q(pk__in=sharing_a_theme) | Q(territory_id=entry.territory_id, territory__isnull=False))
        .order_by("-published_at")[:RELATED_COUNT]
    )
    return {"entry": entry, "related": list(related), "absolute_url": absolute_url(entry.url_path)}
