"""A structure admin imports members from a CSV and schedules a campaign in the Alertes SMS module."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alertes.choices import CampaignStatus
from alertes.models import Campaign, Group, Member
from lab.choices import StructureRoleKind
from lab.models import StructureMembership
from tests.alertes.conftest import make_member
from tests.browser.conftest import fill_login_form
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

MEMBERS_CSV = "\r\n".join(
    [
        "Nom;Prénom;Portable;Né(e) le;Groupe;Accord SMS",
        "Exemple;Inès;06 55 00 00 01;12/04/1985;Jeunesse;oui",
        "Fictif;Hugo;06 55 00 00 02;03/09/1979;RSA;oui",
        "Exemple;Léa;06 55 00 00 03;21/01/1990;Jeunesse;non",
        "Fictif;Yanis;06 55 00 00 04;31/02/1990;Jeunesse;oui",
        "Exemple;Sarah;06 55 00 00 05;08/08/1988;Culture;oui",
    ]
).encode("cp1252")


@pytest.fixture
def chemin_rouge(wagtail_base):
    """The Chemin Rouge social centre with its admin and three groups, and a neighbour centre."""
    structure = StructureFactory(name="Centre social du Chemin Rouge", city="Lille", postcode="59000")
    for name in ("Jeunesse", "RSA", "Culture"):
        Group.objects.create(structure=structure, name=name)
    admin = UserFactory(username="referente", first_name="Fatou", last_name="Exemple")
    StructureMembership.objects.create(user=admin, structure=structure, role=StructureRoleKind.ADMIN)
    neighbour = StructureFactory(name="Centre social de l'Arbrisseau")
    outsider = make_member(neighbour, "Voisin", "Marcel", "06 99 00 00 09")
    return structure, outsider


def test_a_structure_admin_imports_members_and_schedules_a_campaign(chemin_rouge, live_server, page, axe_check, snap):
    structure, neighbours_member = chemin_rouge

    # The module asks to log in first, then comes back.
    page.goto(f"{live_server.url}/alertes/")
    fill_login_form(page, "referente")
    page.wait_for_url(f"{live_server.url}/alertes/")
    expect(page.get_by_text("Centre social du Chemin Rouge").first).to_be_visible()
    axe_check(page)

    # Upload a CSV (Windows encoding, « ; ») with one bad row: the preview says what is wrong.
    page.get_by_role("navigation", name="Menu des Alertes SMS").get_by_role("link", name="Importer").click()
    page.wait_for_url(f"{live_server.url}/alertes/import/")
    axe_check(page)
    page.get_by_label("Fichier CSV ou Excel (.xlsx)").set_input_files(
        {"name": "adherents.csv", "mimeType": "text/csv", "buffer": MEMBERS_CSV}
    )
    page.get_by_role("button", name="Voir l'aperçu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de l'import « adherents.csv »")
    errors = page.get_by_role("table").filter(has_text="Erreurs")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the bad row
    expect(errors).to_contain_text("Date de naissance illisible « 31/02/1990 » (attendu : JJ/MM/AAAA).")
    expect(errors).to_contain_text("Yanis")
    snap(page, "alertes-import-preview")
    axe_check(page)
    assert not Member.objects.filter(structure=structure).exists()  # nothing before confirmation

    page.get_by_role("button", name="Importer les 4 adhérents valides").click()
    expect(page.get_by_role("status")).to_contain_text("4")
    assert sorted(Member.objects.filter(structure=structure).values_list("first_name", flat=True)) == [
        "Hugo",
        "Inès",
        "Léa",
        "Sarah",
    ]
    axe_check(page)

    # A campaign to two groups, scheduled for the day after tomorrow at 10:00.
    page.get_by_role("navigation", name="Menu des Alertes SMS").get_by_role("link", name="Campagnes").click()
    page.get_by_role("link", name="Nouvelle campagne").click()
    expect(page.get_by_label("Titre")).to_be_visible()
    axe_check(page)
    when = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=2), datetime.time(10, 0))
    )
    page.get_by_label("Titre").fill("Inscriptions aux vacances")
    page.get_by_label("Texte").fill("Bonjour {prenom}, les inscriptions aux vacances ouvrent lundi au centre.")
    page.get_by_role("checkbox", name="Jeunesse").check()
    page.get_by_role("checkbox", name="RSA").check()
    page.get_by_role("radio", name="Programmer à une date et une heure").check()
    page.get_by_label("Date et heure d'envoi").fill(when.strftime("%Y-%m-%dT%H:%M"))
    snap(page, "alertes-campaign-form")
    page.get_by_role("button", name="Continuer vers la confirmation").click()

    # The confirmation counts only the consenting members: Inès (Jeunesse) and Hugo (RSA), not Léa.
    confirm = page.get_by_role("region", name="Avant d'envoyer")
    expect(confirm).to_contain_text("2 destinataires")
    expect(confirm).to_contain_text(f"Envoi prévu le {when:%d/%m/%Y} à 10:00.")
    axe_check(page)
    page.get_by_role("button", name="Confirmer l'envoi").click()
    expect(page.get_by_text("Campagne confirmée : 2 destinataire(s)")).to_be_visible()

    page.get_by_role("navigation", name="Menu des Alertes SMS").get_by_role("link", name="Campagnes").click()
    row = page.get_by_role("row").filter(has_text="Inscriptions aux vacances")
    expect(row).to_contain_text("Programmée")
    expect(row).to_contain_text(f"{when:%d/%m/%Y} 10:00")
    expect(row.get_by_role("cell").nth(5)).to_have_text("2")
    snap(page, "alertes-campaigns")
    axe_check(page)
    campaign = Campaign.objects.get()
    assert campaign.status == CampaignStatus.SCHEDULED and campaign.scheduled_at == when

    # Another structure's members are out of sight, even by their URL.
    page.get_by_role("navigation", name="Menu des Alertes SMS").get_by_role("link", name="Adhérents").click()
    expect(page.get_by_role("main")).to_contain_text("Inès")
    expect(page.get_by_role("main")).not_to_contain_text("Marcel")
    response = page.goto(f"{live_server.url}/alertes/adherents/{neighbours_member.pk}/")
    assert response.status == 404
    axe_check(page)
