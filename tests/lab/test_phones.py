import pytest
from django.core.exceptions import ValidationError

from lab.infra.phones import format_phone, is_mobile, normalize_mobile, normalize_phone, unknown_range_warning


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("03 27 45 12 34", "+33327451234"),
        ("03.20.12.34.56", "+33320123456"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("0269 61 10 10", "+262269611010"),  # Mayotte landline
        ("06 39 40 12 34", "+262639401234"),  # Mayotte mobile
        ("0692 12 34 56", "+262692123456"),  # La Réunion mobile
    ],
)
def test_it_stores_french_and_overseas_numbers_in_e164(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12", "03 27 45", "not a phone", "+33 1 23"])
def test_it_refuses_invalid_numbers_in_french(raw):
    with pytest.raises(ValidationError) as error:
        normalize_phone(raw)
    assert "n'est pas un numéro de téléphone valide" in str(error.value)


def test_it_shows_numbers_the_french_way():
    assert format_phone("+33327451234") == "03 27 45 12 34"
    assert format_phone("+262639123456").startswith("+262 639")


def test_it_tells_mobiles_from_landlines():
    assert is_mobile("+33612345678")
    assert not is_mobile("+33327451234")


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("07 10 12 34 56", "+33710123456"),  # metropolitan, range opened after the library's data
        ("0639 31 12 34", "+262639311234"),  # Mayotte 0639 3x
        ("+262 639 80 12 34", "+262639801234"),
    ],
)
def test_a_possible_mobile_outside_the_known_ranges_is_accepted_and_flagged(raw, e164):
    assert normalize_mobile(raw) == e164
    assert is_mobile(e164)
    assert "plage inconnue" in unknown_range_warning(e164)


def test_a_known_mobile_has_no_warning_and_a_landline_is_still_refused_for_sms():
    assert unknown_range_warning(normalize_mobile("06 12 34 56 78")) == ""
    with pytest.raises(ValidationError, match="fixe"):
        normalize_mobile("03 20 12 34 56")


def test_the_invalid_number_message_gives_a_mobile_as_example():
    with pytest.raises(ValidationError) as error:
        normalize_phone("12")
    assert "06 12 34 56 78" in str(error.value) and "03 20" not in str(error.value)
