"""How a prototype page is described to the commons (registered in ``ProjetsConfig.ready``)."""

from home.commons import Resource
from home.models import CommonsKind
from home.resources import plain_text


def describe_prototype(page):
    iterations = [
        plain_text(i.title, i.mockup, i.observation, i.user_feedback, i.corrections, i.learnt, i.decided)
        for i in page.iterations.all()
    ]
    return Resource(
        kind=CommonsKind.PROTOTYPE,
        summary=page.summary or page.need[:300],
        text=plain_text(page.need, page.audience, page.solution, page.team, page.economic_model, *iterations),
        territory=page.territory,
        structure=page.structure,
        themes=list(page.themes.all()),
        tags=list(page.tags.all()),
        stage=page.stage,
        licence=page.licence,
    )
