"""Phone numbers: validated with `phonenumbers`, stored in E.164, shown the French way.

Numbers written nationally are tried against each region of ``settings.PHONE_REGIONS`` in turn
(the overseas departments, then metropolitan France), so that « 0269 61 10 10 » is read as a
Mayotte number (+262 269…) and « 03 27 45 12 34 » as a metropolitan one.

New mobile ranges are opened before the library's metadata knows them (07 1x, 0639 3x…): a number
that has the shape of a mobile of France, Mayotte, La Réunion, the Antilles or Guyane (or the length
of a mobile abroad) is accepted even outside the known ranges; ``unknown_range`` tells the callers,
which show « plage inconnue : vérifiez ». Landlines stay refused for SMS.
"""

import re
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: Mobile prefixes of the overseas departments (after the 0) and their country calling code.
OVERSEAS_MOBILE_CODES = {
    "639": 262,  # Mayotte
    "692": 262,  # La Réunion
    "693": 262,
    "690": 590,  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "691": 590,
    "694": 594,  # Guyane
    "696": 596,  # Martinique
    "697": 596,
}
OVERSEAS_MOBILE_PREFIXES = tuple(OVERSEAS_MOBILE_CODES)
#: Country calling codes of France and its overseas departments, whose mobile shapes we know.
FRENCH_CODES = {33, *OVERSEAS_MOBILE_CODES.values()}
INVALID_MESSAGE = _("« %(value)s » n'est pas un numéro de téléphone valide (exemple : 06 12 34 56 78).")
#: The warning shown for a mobile outside the ranges known to the library (import preview, member form).
UNKNOWN_RANGE_WARNING = _("plage inconnue : vérifiez le numéro %(phone)s.")


def _possible_french_mobile(number):
    """True when ``number`` has the shape of a mobile of France or its overseas departments."""
    national = str(number.national_number)
    if len(national) != 9:
        return False
    if number.country_code == 33:
        return national[0] in "67" and national[:3] not in OVERSEAS_MOBILE_CODES
    return OVERSEAS_MOBILE_CODES.get(national[:3]) == number.country_code


def possible_mobile(number):
    """True for a mobile by its shape, known range or not (an invalid number abroad: by its length)."""
    if number.country_code in FRENCH_CODES:
        return _possible_french_mobile(number)
    result = phonenumbers.is_possible_number_for_type_with_reason(number, phonenumbers.PhoneNumberType.MOBILE)
    return result == phonenumbers.ValidationResult.IS_POSSIBLE


def _unknown_range_mobile(text):
    """The ``PhoneNumber`` of a possible mobile outside the known ranges, or None."""
    digits = re.sub(r"[\s.\-()/]", "", text)
    if re.fullmatch(r"0[67]\d{8}", digits):  # national: the prefix tells the department
        code = OVERSEAS_MOBILE_CODES.get(digits[1:4], 33)
        digits = f"+{code}{digits[1:]}"
    try:
        number = phonenumbers.parse(digits, "FR")
    except phonenumbers.NumberParseException:
        return None
    return number if possible_mobile(number) else None


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
    number = _unknown_range_mobile(text)
    if number is not None:
        return number
    raise ValidationError(INVALID_MESSAGE, code="invalid_phone", params={"value": text[:40]})


def normalize_phone(raw):
    """E.164 form of ``raw`` (``+33320123456``), or ``""`` for an empty value."""
    if not (raw or "").strip():
        return ""
    return phonenumbers.format_number(parse_phone(raw), phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """True for a mobile number (SMS can reach it), in a known range or only by its shape."""
    number = phonenumbers.parse(e164, None)
    if phonenumbers.is_valid_number(number):
        return phonenumbers.number_type(number) in {
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        }
    return possible_mobile(number)


@lru_cache(maxsize=100_000)
def unknown_range(e164):
    """True for a number outside the ranges known to the library (accepted as a possible mobile)."""
    if not e164:
        return False
    try:
        return not phonenumbers.is_valid_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return False


def unknown_range_warning(e164):
    """The French warning for a mobile outside the known ranges, or ``""``."""
    return str(UNKNOWN_RANGE_WARNING) % {"phone": format_phone(e164)} if unknown_range(e164) else ""


_FRENCH_E164 = re.compile(r"\+33([67])(\d\d)(\d\d)(\d\d)(\d\d)")


def format_phone(e164):
    """Human form: national for France (``03 20 12 34 56``), international otherwise."""
    if not e164:
        return ""
    french = _FRENCH_E164.fullmatch(e164)
    if french:  # what phonenumbers' national format gives for +33, without parsing (a list shows 50)
        return "0" + " ".join(french.groups())
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
