"""Phone numbers: validated with `phonenumbers`, stored in E.164, shown the French way.

Numbers written nationally are tried against each region of ``settings.PHONE_REGIONS`` in turn
(the overseas departments, then metropolitan France), so that « 0269 61 10 10 » is read as a
Mayotte number (+262 269…) and « 03 27 45 12 34 » as a metropolitan one.
"""

import re
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: Mobile prefixes of the overseas departments (after the 0): not metropolitan mobiles.
OVERSEAS_MOBILE_PREFIXES = ("639", "690", "691", "692", "693", "694", "696", "697")


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


@lru_cache(maxsize=100_000)
def normalize_mobile(raw):
    """E.164 of a mobile number; raises ValidationError for an invalid number or a landline."""
    digits = re.sub(r"[\s.\-()/]", "", raw or "")
    if re.fullmatch(r"0[67]\d{8}", digits) and digits[1:4] not in OVERSEAS_MOBILE_PREFIXES:
        # Fast path for metropolitan mobiles (most rows): one parse instead of one per region.
        number = phonenumbers.parse(digits, "FR")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    e164 = normalize_phone(raw)
    if not e164:
        raise ValidationError(gettext("Numéro de téléphone manquant."))
    check_mobile(e164)
    return e164


def check_mobile(e164):
    """Refuse a landline: SMS cannot reach it."""
    if not is_mobile(e164):
        raise ValidationError(
            gettext(
                "Le %(phone)s est un numéro de téléphone fixe : les SMS ne peuvent pas l'atteindre. Saisissez un mobile."
            )
            % {"phone": format_phone(e164)}
        )


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
