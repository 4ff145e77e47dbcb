"""Template tags of the core domain: the programme's publicity block, phone, date and amount display."""

from django import template

from lab.infra.french import euros as format_euros
from lab.infra.french import long_date
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


@register.filter
def date_long(value, weekday=""):
    """« 1er avril 2021 » (Django's « j F Y » writes « 1 avril »); ``|date_long:"jour"`` adds the weekday."""
    return long_date(value, weekday=bool(weekday))


@register.filter
def euros(value):
    """« 850,00 € »."""
    return format_euros(value)
