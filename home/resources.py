"""How each page type is described to the commons (registered in ``HomeConfig.ready``)."""

from django.utils.html import strip_tags

from home.commons import Resource
from home.models import CommonsKind


def _text(*parts):
    return "\n".join(strip_tags(str(part)) for part in parts if part)


def describe_prototype(page):
    iterations = [
        _text(i.title, i.mockup, i.observation, i.user_feedback, i.corrections, i.learnt, i.decided)
        for i in page.iterations.all()
    ]
    return Resource(
        kind=CommonsKind.PROTOTYPE,
        summary=page.summary or page.need[:300],
        text=_text(page.need, page.audience, page.solution, page.team, page.economic_model, *iterations),
        territory=page.territory,
        structure=page.structure,
        themes=list(page.themes.all()),
        tags=list(page.tags.all()),
        stage=page.stage,
        licence=page.licence,
    )


def describe_tool(page):
    return Resource(
        kind=CommonsKind.TOOL,
        summary=page.summary,
        text=_text(page.summary, *(block.render() for block in page.body)),
        territory=page.territory,
        themes=list(page.themes.all()),
        tags=list(page.tags.all()),
        licence=page.licence,
    )


def describe_programme(page):
    return Resource(
        kind=CommonsKind.PROGRAMME,
        summary=page.summary,
        text=_text(page.summary, page.body, page.reference, page.operational_programme),
        territory=page.territories.order_by("level").first(),
        themes=list(page.themes.all()),
        structure=page.carrier,
    )


def describe_report(page):
    workshop = page.workshop
    return Resource(
        kind=CommonsKind.REPORT,
        summary=page.summary,
        text=_text(page.summary, *(block.render() for block in page.body)),
        themes=list(workshop.themes.all()) if workshop else [],
    )
