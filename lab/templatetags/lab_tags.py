"""Template tags of the core domain: the programme's publicity block and phone display."""

from django import template

from lab.infra.phones import format_phone
from lab.services import programme_for

register = template.Library()


@register.inclusion_tag("lab/includes/publicity_block.html")
def publicity_block(page_or_programme, variant="web"):
    """The mandatory publicity sentence and logos of the programme ``page_or_programme`` belongs to.

    Renders nothing for a page outside any programme.
    """
    programme = programme_for(page_or_programme)
    if programme is None:
        return {"publicity": None}
    return {"publicity": programme.publicity(), "variant": variant}


@register.filter
def phone(value):
    """« +33327451234 » → « 03 27 45 12 34 »."""
    return format_phone(value)
