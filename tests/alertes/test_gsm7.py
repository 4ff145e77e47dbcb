"""« Remplacer ces caractères »: every character outside GSM-7 is replaced or removed, and what is said is true."""

import pytest
from django.urls import reverse

from alertes.gsm import sms_length, to_gsm7
from alertes.models import Campaign
from tests.alertes.test_campaigns import campaign_data

pytestmark = pytest.mark.django_db

EMOJI_TEXT = "Bonjour {prenom} 🎉 ! La fête du quartier ✨ samedi — venez nombreux 👨‍👩‍👧 « à 14h »."


def test_replacing_removes_emoji_and_leaves_a_gsm7_text():
    result = to_gsm7(EMOJI_TEXT)
    assert result == 'Bonjour {prenom} ! La fete du quartier samedi - venez nombreux " à 14h ".'
    assert sms_length(result).encoding == "GSM-7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("São Tomé", "Sao Tomé"),  # accent without a GSM form: the bare letter
        ("ﬁn", "fin"),  # ligature
        ("salut😀", "salut"),
        ("😀 salut", "salut"),
        ("a 😀 b", "a b"),
        ("fin 😀\nsuite", "fin\nsuite"),
        ("x\u200by", "xy"),  # zero-width space
        ("Привет ok", "ok"),  # another script is removed
        ("prix 5 € [promo]", "prix 5 € [promo]"),  # extension characters stay
    ],
)
def test_every_character_outside_gsm7_is_replaced_or_removed(text, expected):
    assert to_gsm7(text) == expected
    assert sms_length(to_gsm7(text)).encoding == "GSM-7"


def test_the_confirmation_shows_the_replaced_text_and_its_true_length_before_saving(alertes, login):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes, text=EMOJI_TEXT))
    campaign = Campaign.objects.get()
    content = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "« 🎉 » → supprimé" in content
    assert "La fete du quartier samedi - venez nombreux" in content
    assert "Avec ce texte : encodage GSM-7, 1 SMS (segments) par message avec un prénom long." in content
    campaign.refresh_from_db()
    assert campaign.text == EMOJI_TEXT  # nothing saved before the button


def test_after_replacing_the_message_states_the_resulting_encoding(alertes, login):
    client = login(alertes.world.owner)
    long_text = "🎉 " + "Fête du quartier samedi, venez nombreux ! " * 7 + "{prenom}"
    assert sms_length(long_text).segments == 5
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes, text=long_text))
    campaign = Campaign.objects.get()
    response = client.post(reverse("alertes:campaign_use_gsm7", args=[campaign.pk]), follow=True)
    campaign.refresh_from_db()
    length = sms_length(campaign.text.replace("{prenom}", "Marie-Christine"))
    assert "🎉" not in campaign.text and length.encoding == "GSM-7" and length.segments < 5
    assert f"le message est maintenant en GSM-7, {length.segments} SMS par message" in response.content.decode()
