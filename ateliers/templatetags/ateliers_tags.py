"""Template tags of the ateliers: the public planning and the public events of a programme."""

from django import template

from ateliers.services.agenda import public_events, split_by_date
from ateliers.services.planning import timeline

register = template.Library()


@register.inclusion_tag("ateliers/includes/programme_planning.html")
def programme_planning(programme):
    """The published workshops of ``programme`` with their half-days (two queries)."""
    return {"items": timeline(programme, published_only=True), "programme": programme}


@register.inclusion_tag("ateliers/agenda/programme_agenda.html")
def programme_agenda(programme):
    """The programme's public events (temps forts, forums, hackathons…) and its iCalendar feed."""
    coming, past = split_by_date(public_events(programme))
    return {"coming": coming, "past": past, "programme": programme}


@register.filter
def in_set(value, collection):
    """``value in collection``, for an ``{% include … with %}`` argument: ``pk|in_set:issued.people``."""
    return value in (collection or ())
