"""The newcomer's path through the public site, in a real browser, with accessibility checks."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_newcomer_finds_a_programme_and_its_structures(demo, live_server, page, axe_check):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="Les programmes").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Centres sociaux connectés du bassin minier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centres sociaux connectés du bassin minier")
    publicity = page.get_by_role("region", name="Mention obligatoire de publicité")
    assert "FEDER" in publicity.inner_text()
    assert publicity.locator("img").count() >= 1
    axe_check(page)

    page.get_by_role("link", name="Valenciennes Métropole").first.click()
    expect(page).to_have_url(re.compile("structures"))
    in_area = page.locator(".directory > li.card").count()
    assert in_area >= 10
    axe_check(page)

    page.get_by_label("Type de structure").select_option(label="Maison de quartier")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile("type="))
    assert 0 < page.locator(".directory > li.card").count() < in_area
    assert page.get_by_label("Territoire").input_value() == "valenciennes-metropole"
    first = page.locator(".directory > li.card h2 a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert page.locator("a[href^='tel:']").count() == 1
    axe_check(page)


def test_the_site_works_with_the_keyboard_alone(demo, live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Aller au contenu"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_the_search_explains_what_to_try_when_nothing_matches(demo, live_server, page, axe_check):
    page.goto(live_server.url + "/")
    page.get_by_label("Rechercher un prototype, un guide, un compte-rendu…").fill("zzzzqqq")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.locator("main")).to_contain_text("Aucune ressource ne correspond.")
    axe_check(page)


def test_a_visitor_finds_the_alertes_sms_prototype_and_downloads_its_bundle(
    demo, live_server, page, axe_check, tmp_path
):
    import io
    import zipfile

    from pypdf import PdfReader

    page.goto(live_server.url + "/")
    page.get_by_label("Rechercher un prototype, un guide, un compte-rendu…").fill("SMS")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.locator(".commons-results")).to_contain_text("Alertes SMS")
    axe_check(page)

    faches = page.locator("#f-territoire option", has_text="Faches-Thumesnil (1)")  # indented under Nord
    page.get_by_label("Territoire").select_option(value=faches.get_attribute("value"))
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile("territoire="))
    page.get_by_role("link", name="Alertes SMS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alertes SMS")
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role(
            "link",
            name="Télécharger le kit d’essaimage (zip : guide, cahier des charges, note de modèle économique, "
            "images et modèles, licence, LISEZMOI)",
        ).click()
    path = tmp_path / "kit.zip"
    download_info.value.save_as(path)
    archive = zipfile.ZipFile(path)
    guide = next(name for name in archive.namelist() if name.endswith("guide-essaimage.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(guide))).pages).split())
    assert "CC BY-SA 4.0" in text
    assert "cofinancé par l'Union Européenne avec le FEDER" in text

    # The replication form has a page of its own (the fiche itself is served from the cache).
    page.get_by_role("link", name="Proposer d'essaimer ce prototype").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Essaimer « Alertes SMS »")
    expect(page.get_by_role("button", name="Envoyer la demande")).to_be_visible()
    axe_check(page)
