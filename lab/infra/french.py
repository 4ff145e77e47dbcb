"""French formats Django lacks: « 1er avril 2021 » for the first of a month, amounts as « 850,00 € »."""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language


def long_date(value, weekday=False):
    """« 1er avril 2021 », « 2 avril 2021 » (« mardi 1er avril 2021 » with ``weekday``); « » for no date."""
    if not value:
        return ""
    return _long_date(value, weekday, get_language())


@lru_cache(maxsize=4096)
def _long_date(value, weekday, language):
    """Formatted once per date and language: a batch of certificates writes the same days hundreds of times."""
    text = date_format(value, "l j F Y" if weekday else "j F Y")
    if value.day != 1:
        return text
    head, _sep, tail = text.partition("1 ")
    return f"{head}1er {tail}"


def euros(value, decimals=2):
    """« 850,00 € », « 6 082,50 € » (a narrow no-break space between thousands); « » for no amount."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{number_format(amount, decimals, use_l10n=True, force_grouping=True)}\u00a0€"
