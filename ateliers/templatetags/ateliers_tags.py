"""Template tags of the ateliers: the public planning of a programme."""

from django import template

from ateliers.services.planning import timeline

register = template.Library()


@register.inclusion_tag("ateliers/includes/programme_planning.html")
def programme_planning(programme):
    """The published workshops of ``programme`` with their half-days (two queries)."""
    return {"items": timeline(programme, published_only=True), "programme": programme}


@register.filter
def in_set(value, collection):
    """``value in collection``, for an ``{% include … with %}`` argument: ``pk|in_set:issued.people``."""
    return value in (collection or ())
