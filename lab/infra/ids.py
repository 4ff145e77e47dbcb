"""Object ids read from URLs and query strings: a huge or unreadable id is « not found », never a 500.

SQLite stores integers on 64 bits: an id of 20 digits makes the database driver raise
``OverflowError`` (PostgreSQL: ``DataError``) where a lookup through a page's ``page_ptr`` is not
range-checked by Django. Ids of at most 18 digits stay far inside both databases' range.

- ``<id:pk>`` in a URL pattern (the ``id`` converter, registered once in ``LabConfig.ready()``)
  matches 1 to 18 digits, so a longer id does not match and is a 404;
- ``int_param(request.GET.get("page"))`` reads an integer query or form parameter, and returns
  ``None`` when it is missing, unreadable or out of range;
- ``IdChoiceField`` is a ``ModelChoiceField`` that treats an id out of range as an invalid choice.
"""

from django import forms

#: The largest id accepted anywhere: 18 digits.
MAX_ID = 10**18 - 1


class IdConverter:
    """Path converter for object ids: ``<id:pk>``, 1 to 18 digits."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


def int_param(raw, *, minimum=1, maximum=MAX_ID):
    """``raw`` (a query or form value) as an int within [minimum, maximum], else ``None``."""
    if raw is None:
        return None
    text = str(raw).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


class IdChoiceField(forms.ModelChoiceField):
    """A model choice whose id out of range is an invalid choice (not a database error)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and not isinstance(value, self.queryset.model) and int_param(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)
