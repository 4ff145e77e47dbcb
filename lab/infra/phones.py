"""Phone numbers: validated with `phonenumbers`, stored in E.164, shown the French way.

Numbers written nationally are tried against each region of ``settings.PHONE_REGIONS`` in turn
(the overseas departments, then metropolitan France), so that « 0269 61 10 10 » is read as a
Mayotte number (+262 269…) and « 03 27 45 12 34 » as a metropolitan one.
"""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def parse_phone(raw):
    """Return the valid ``PhoneNumber`` for ``raw``, or raise ``ValidationError`` in French."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Saisissez un numéro de téléphone."), code="required")
    for region in settings.PHONE_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
        if text.startswith("+") or text.startswith("00"):
            break  # an international number means one region only: no point trying others
    raise ValidationError(
        _("« %(value)s » n'est pas un numéro de téléphone valide (exemple : 03 20 12 34 56)."),
        code="invalid_phone",
        params={"value": text[:40]},
    )


def normalize_phone(raw):
    """E.164 form of ``raw`` (``+33320123456``), or ``""`` for an empty value."""
    if not (raw or "").strip():
        return ""
    return phonenumbers.format_number(parse_phone(raw), phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """True for a mobile number (SMS can reach it)."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.number_type(number) in {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }


def format_phone(e164):
    """Human form: national for France (``03 20 12 34 56``), international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == "FR":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value):
    if value:
        parse_phone(value)


class PhoneNumberField(models.CharField):
    """A phone number kept in E.164; any readable French or international input is accepted."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = normalize_phone(value)
            setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        value = super().clean(value, model_instance)
        return normalize_phone(value) if value else value
