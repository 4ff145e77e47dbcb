"""The commons block of every resource page: how to cite it, its licence, related resources."""

from django import template
from django.db.models import F, Q

from home.models import CommonsEntry
from lab.infra.base_url import absolute_url

register = template.Library()
RELATED_COUNT = 4


@register.inclusion_tag("home/includes/commons_block.html", takes_context=True)
def commons_block(context, page):
    """Nothing for a page outside the commons; otherwise the citation, licence and related resources."""
    # Only the columns the block shows: the programme's and the structure's names, not their rows.
    entry = (
        CommonsEntry.objects.filter(page_id=getattr(page, "pk", None))
        .only("page", "title", "kind", "url_path", "programme", "territory", "structure", "licence", "published_at")
        .annotate(cited_programme=F("programme__title"), cited_structure=F("structure__name"))
        .first()
    )
    if entry is None:
        return {"entry": None}
    # Subqueries, not joins: no DISTINCT over every resource sharing a theme, the four latest are
    # read as the rows are ordered (bench/loadtest.py, a prototype fiche uncached), and the entry's
    # themes are not read on their own.
    themes = CommonsEntry.themes.through.objects.filter(commonsentry_id=entry.pk).values("theme_id")
    sharing_a_theme = CommonsEntry.themes.through.objects.filter(theme_id__in=themes).values("commonsentry_id")
    related = (
        CommonsEntry.objects.exclude(pk=entry.pk)
        .filter(Q(pk__in=sharing_a_theme) | Q(territory_id=entry.territory_id, territory__isnull=False))
        .only("title", "kind", "url_path")
        .order_by("-published_at")[:RELATED_COUNT]
    )
    return {"entry": entry, "related": list(related), "absolute_url": absolute_url(entry.url_path)}
