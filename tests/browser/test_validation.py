"""Validation of a Design PALAS compte-rendu (seed 003: « Tous les contenus devront avoir obtenu la
validation de l'UNCCAS avant toute diffusion »): the provider submits, cannot publish nor approve,
the pilot approves from their home page, and the page is published with its history."""

import re

import pytest
from playwright.sync_api import expect

from ateliers.builders import add_report
from ateliers.models import ReportPage
from lab.choices import DirectPublishers, ProgrammeRoleKind, Validators
from lab.models import ProgrammeRole
from tests.factories import UserFactory, make_programme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def palas(wagtail_base):
    programme = make_programme(
        "Design PALAS",
        short_name="Design PALAS",
        direct_publishers=DirectPublishers.COORDINATION,
        validators=Validators.COORDINATION,
    )
    for username, first_name, last_name, role in (
        ("facilitation", "Alix", "Facilitation", ProgrammeRoleKind.FACILITATOR),
        ("coordination", "Claude", "Coordination", ProgrammeRoleKind.COORDINATOR),
    ):
        user = UserFactory(username=username, first_name=first_name, last_name=last_name)
        ProgrammeRole.objects.create(user=user, programme=programme, role=role)
    report = add_report(
        programme,
        title="Compte-rendu du Labo itinérant n°2",
        slug="compte-rendu-labo-2",
        summary="Les maquettes testées dans trois CCAS.",
        publish=False,
        live=False,
    )
    return programme, report


def more_actions(page):
    """Open the editor's footer menu (the actions besides « Enregistrer le brouillon »)."""
    page.get_by_role("button", name="Plus d'actions").click()


def test_facilitation_submits_and_coordination_approves(palas, live_server, browser, admin_login, axe_check, snap):
    programme, report = palas
    edit_url = f"{live_server.url}/admin/pages/{report.pk}/edit/"

    # The provider opens the draft: no « Publier », only « Soumettre à Validation — Design PALAS ».
    facilitation = browser.new_page()
    admin_login(facilitation, "facilitation")
    facilitation.goto(edit_url)
    more_actions(facilitation)
    expect(facilitation.get_by_role("button", name="Publier")).to_have_count(0)
    facilitation.get_by_role("button", name=re.compile("^Soumettre à Validation — Design PALAS")).click()
    facilitation.wait_for_load_state("load")
    report.refresh_from_db()
    assert not report.live and report.current_workflow_state.requested_by.username == "facilitation"

    # Back on the page, they are told why they cannot approve it, and find no « Approuver ».
    facilitation.goto(edit_url)
    expect(facilitation.get_by_text("personne ne valide sa propre soumission")).to_be_visible()
    more_actions(facilitation)
    expect(facilitation.get_by_role("button", name=re.compile("^Approuver"))).to_have_count(0)
    expect(facilitation.get_by_role("button", name="Publier")).to_have_count(0)
    axe_check(facilitation)
    snap(facilitation, "validation-1-submitted")

    # The pilot finds it on their home page, opens it and approves it.
    coordination = browser.new_page()
    admin_login(coordination, "coordination")
    panel = coordination.get_by_role("region", name="Validations en attente")
    expect(panel.get_by_text("soumis par Alix Facilitation")).to_be_visible()
    axe_check(coordination)
    snap(coordination, "validation-2-home")
    panel.get_by_role("link", name="Compte-rendu du Labo itinérant n°2").click()
    coordination.wait_for_url(edit_url)
    more_actions(coordination)
    coordination.get_by_role("button", name="Approuver et Publier", exact=True).click()
    expect(coordination.locator(".messages")).to_contain_text("Compte-rendu du Labo itinérant n°2")
    report = ReportPage.objects.get(pk=report.pk)
    assert report.live

    # Published, with its history: submitted by the provider, approved and published by the pilot.
    coordination.goto(f"{live_server.url}/admin/pages/{report.pk}/history/")
    history = coordination.locator("main")
    expect(history).to_contain_text("Alix Facilitation")
    expect(history).to_contain_text("Claude Coordination")
    expect(history).to_contain_text(re.compile("Approuvé", re.IGNORECASE))
    expect(history).to_contain_text(re.compile("Publié", re.IGNORECASE))
    snap(coordination, "validation-3-history")
    coordination.goto(f"{live_server.url}{report.url}")
    expect(coordination.get_by_role("heading", name="Compte-rendu du Labo itinérant n°2")).to_be_visible()
