"""Builders of prototype pages, shared by the demo, the bench and the tests.

``get_or_add_prototype`` looks the page up by slug first (the demo loads twice without change);
``publish_prototype`` gives a new page its themes and tags, publishes it and records its first stage.
"""

from django.utils.text import slugify

from lab.builders import add_page
from projets.models import PrototypePage, StageChange


def prototype_slug(title):
    """The slug of a prototype page built from its title (80 characters at most)."""
    return slugify(title)[:80]


def add_prototype(parent, *, publish=True, **fields):
    """A prototype page under ``parent`` (a programme), published unless ``publish`` is false."""
    return add_page(parent, PrototypePage(**fields), publish=publish)


def get_or_add_prototype(programme, slug, build):
    """The prototype page ``slug`` and False, or the unsaved page ``build()`` returns added under
    ``programme`` with this slug (not published yet: see `publish_prototype`) and True."""
    page = PrototypePage.objects.filter(slug=slug).first()
    if page is not None:
        return page, False
    page = build()
    page.slug = slug
    programme.add_child(instance=page)
    return page, True


def publish_prototype(page, *, first_stage_date, themes=(), tags=()):
    """Give ``page`` its ``themes`` and ``tags``, publish it, and record its current stage as
    reached on ``first_stage_date`` (once)."""
    page.themes = list(themes)
    page.tags.add(*tags)
    page.save_revision().publish()
    StageChange.objects.get_or_create(
        page=page, to_stage=page.stage, defaults={"date": first_stage_date, "from_stage": ""}
    )
