"""How home's page types are described to the commons (registered in ``HomeConfig.ready``).

The apps above home describe their own pages (``projets.commons``, ``ateliers.commons``).
"""

from django.utils.html import strip_tags

from home.commons import Resource
from home.models import CommonsKind


def plain_text(*parts):
    """The text of ``parts`` (strings, HTML, rendered blocks) without tags, one part a line."""
    return "\n".join(strip_tags(str(part)) for part in parts if part)


def describe_tool(page):
    return Resource(
        kind=CommonsKind.TOOL,
        summary=page.summary,
        text=plain_text(page.summary, *(block.render() for block in page.body)),
        territory=page.territory,
        themes=list(page.themes.all()),
        tags=list(page.tags.all()),
        licence=page.licence,
    )


def describe_programme(page):
    return Resource(
        kind=CommonsKind.PROGRAMME,
        summary=page.summary,
        text=plain_text(page.summary, page.body, page.reference, page.operational_programme),
        territory=page.territories.order_by("level").first(),
        themes=list(page.themes.all()),
        structure=page.carrier,
    )
