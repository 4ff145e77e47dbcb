"""How a workshop report page is described to the commons (registered in ``AteliersConfig.ready``)."""

from home.commons import Resource
from home.models import CommonsKind
from home.resources import plain_text


def describe_report(page):
    workshop = page.workshop
    return Resource(
        kind=CommonsKind.REPORT,
        summary=page.summary,
        text=plain_text(page.summary, *(block.render() for block in page.body)),
        themes=list(workshop.themes.all()) if workshop else [],
    )
