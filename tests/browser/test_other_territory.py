"""Another territory comes to the commons, in a real browser with the accessibility checks: it finds
« alerte » and « rapel », filters by Mayotte (told apart from the region), opens a fiche and asks to
replicate it; the team receives the request by e-mail."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def search(page, words):
    page.get_by_label("Rechercher", exact=True).fill(words)
    page.get_by_role("button", name="Afficher").click()


def test_another_territory_finds_a_prototype_and_asks_to_replicate_it(demo, live_server, page, axe_check):
    page.goto(live_server.url + "/commun/")
    search(page, "alerte")
    expect(page.locator(".commons-results")).to_contain_text("Alertes SMS")
    axe_check(page)

    search(page, "rapel")
    expect(page.get_by_role("status").filter(has_text="Vouliez-vous dire")).to_be_visible()
    expect(page.locator(".commons-results")).to_contain_text("Alertes SMS")
    axe_check(page)

    page.goto(live_server.url + "/commun/")
    options = page.locator("#f-territoire option")
    expect(options.filter(has_text="Mayotte (région)")).to_have_count(1)
    department = options.filter(has_text="Mayotte (département)")
    page.get_by_label("Territoire").select_option(value=department.get_attribute("value"))
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile("territoire="))
    expect(page.locator(".commons-results")).to_contain_text("Le format d'un labo de trois jours")
    expect(page.locator(".commons-results")).not_to_contain_text("Alertes SMS")
    axe_check(page)

    search(page, "alerte")  # the territory filter stays: Alertes SMS is from Lille
    expect(page.locator(".result-count")).to_contain_text("0 ressource")
    page.get_by_role("link", name="Tout effacer").click()
    search(page, "alerte")
    page.get_by_role("link", name="Alertes SMS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alertes SMS")
    expect(page.get_by_text("Équipe Alertes SMS (démo)")).to_be_visible()
    expect(page.get_by_role("link", name="Écrire à l’équipe")).to_be_visible()
    assert "alertes-sms@exemple.invalid" not in page.content()
    axe_check(page)

    page.get_by_role("link", name="Proposer d'essaimer ce prototype").click()
    page.get_by_label("Nom de votre structure").fill("CCAS de Sada")
    page.get_by_label("Ville").fill("Sada")
    page.get_by_label("Votre nom").fill("Lina Exemple")
    page.get_by_label("Votre courriel").fill("lina@exemple.invalid")
    page.get_by_label("Votre message").fill("Nous voulons le tester avec nos référentes familles.")
    axe_check(page)
    page.wait_for_timeout(3500)  # a person takes longer than the form's minimum filling time
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("status")).to_contain_text("Merci")
    axe_check(page)

    (message,) = [message for message in mail.outbox if "Demande d'essaimage" in message.subject]
    assert "facilitation@exemple.invalid" in message.to  # the programme's facilitators
    assert "CCAS de Sada" in message.body and message.reply_to == ["lina@exemple.invalid"]
