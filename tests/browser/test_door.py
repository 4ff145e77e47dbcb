"""At the door of a labo limited to 3 people per CCAS: a fourth person of a full CCAS is added only
after a confirmation with a reason, and the dashboard shows it to check."""

import pytest
from playwright.sync_api import expect

from ateliers.models import Registration
from ateliers.services.registrations import register
from lab.choices import PersonRole, ProgrammeRoleKind, StructureKind
from lab.models import ProgrammeRole
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory, StructureFactory, UserFactory, make_programme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def full_labo(wagtail_base):
    programme = make_programme("Labo Design PALAS")
    workshop = make_workshop(programme, title="Labo itinérant de Sada", max_per_structure=3, min_per_structure=1)
    for town, count in (("Sada", 3), ("Chirongui", 1)):
        structure = StructureFactory(name=f"CCAS de {town}", kind=StructureKind.CCAS, city=town, postcode="97640")
        structure.programmes.add(programme)
        workshop.invited_structures.add(structure)
        workshop.save()
        for _ in range(count):
            register(workshop, PersonFactory(structure=structure, role=PersonRole.AGENT), confirmed=True)
    facilitator = UserFactory(username="facilitation", first_name="Alix", last_name="Facilitation")
    ProgrammeRole.objects.create(user=facilitator, programme=programme, role=ProgrammeRoleKind.FACILITATOR)
    return workshop


def test_a_walk_in_of_a_full_ccas_asks_for_a_reason_and_shows_on_the_dashboard(
    full_labo, live_server, page, admin_login, axe_check, snap
):
    admin_login(page, "facilitation")
    page.goto(f"{live_server.url}/admin/ateliers/atelier/{full_labo.pk}/emargement/")
    reason = page.get_by_label("Raison de l'ajout au-delà du maximum")
    expect(reason).to_be_hidden()  # a CCAS under its maximum needs no reason

    page.get_by_label("Prénom").fill("Soilihi")
    page.get_by_label("Nom", exact=True).fill("Nouveau")
    page.get_by_label("Structure", exact=True).select_option(label="CCAS de Chirongui")
    expect(reason).to_be_hidden()
    page.get_by_label("Structure", exact=True).select_option(label="CCAS de Sada")
    expect(reason).to_be_visible()
    expect(page.get_by_role("group", name="Au-delà du maximum de la structure")).to_contain_text(
        "CCAS de Sada a déjà 3 inscrit(s) : c'est le maximum (3)."
    )
    axe_check(page)
    snap(page, "door-over-limit")

    # No silent add: without the confirmation and the reason the form is not sent.
    page.get_by_role("button", name="Ajouter et noter présent·e").click()
    expect(page.get_by_label("Je confirme l'ajout au-delà du maximum de la structure")).to_be_focused()
    assert not Registration.objects.filter(person__last_name="Nouveau").exists()

    page.get_by_label("Je confirme l'ajout au-delà du maximum de la structure").check()
    reason.fill("Remplace la référente, en congé")
    page.get_by_role("button", name="Ajouter et noter présent·e").click()
    expect(page.get_by_text("Soilihi Nouveau est ajouté·e et noté·e présent·e.")).to_be_visible()
    assert Registration.objects.get(person__last_name="Nouveau").over_limit_reason == "Remplace la référente, en congé"

    page.get_by_role("link", name="Tableau de bord de l'atelier").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("À vérifier")
    expect(main).to_contain_text("Soilihi Nouveau (CCAS de Sada) a été ajouté·e à la porte au-delà du maximum de 3")
    expect(main).to_contain_text("« Remplace la référente, en congé »")
    axe_check(page)
    snap(page, "door-dashboard")
