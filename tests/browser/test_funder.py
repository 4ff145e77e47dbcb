"""A funder reviews the deliverables a coordinator submitted: downloads, validates, sends one back."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfWriter

from lab.choices import ProgrammeRoleKind
from lab.models import ProgrammeRole
from livrables.choices import DeliverableStatus
from livrables.models import Deliverable
from tests.factories import UserFactory, make_programme

pytestmark = pytest.mark.django_db(transaction=True)


def storytelling_pdf():
    """A one-page PDF, as the coordinator would export it from their word processor."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Storytelling du Croissant Sud"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def croissant_sud(wagtail_base):
    """A programme with its coordinator and its funder, and two deliverables due."""
    programme = make_programme("Centres sociaux connectés 2.0 du Croissant Sud", short_name="Croissant Sud")
    people = {}
    for username, first_name, last_name, role in (
        ("coordination", "Camille", "Coordination", ProgrammeRoleKind.COORDINATOR),
        ("financeur", "Claire", "Financeur", ProgrammeRoleKind.FUNDER),
    ):
        people[username] = UserFactory(username=username, first_name=first_name, last_name=last_name)
        ProgrammeRole.objects.create(user=people[username], programme=programme, role=role)
    storytelling = Deliverable.objects.create(programme=programme, title="Storytelling du projet", kind="storytelling")
    review = Deliverable.objects.create(programme=programme, title="Bilan partagé", kind="bilan")
    return programme, storytelling, review


def submit(page, live_server, deliverable, comment, name, content):
    """The coordinator submits ``deliverable`` with a file, from its page."""
    page.goto(f"{live_server.url}/admin/livrables/{deliverable.pk}/")
    page.get_by_label("Commentaire pour le financeur").fill(comment)
    page.get_by_label("Fichier (facultatif si un fichier ou une page est déjà lié)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.get_by_role("button", name="Soumettre").click()
    expect(page.get_by_text("Livrable soumis : les financeurs du programme sont prévenus.")).to_be_visible()


def open_tracker(page):
    """The deliverables tracker, from the admin menu."""
    page.get_by_role("navigation").get_by_role("button", name="Livrables").click()
    page.get_by_role("link", name="Livrables", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Livrables")


def test_a_funder_validates_one_deliverable_and_sends_another_back(
    croissant_sud, live_server, new_context, page, admin_login, axe_check, snap
):
    programme, storytelling, review = croissant_sud
    pdf = storytelling_pdf()

    # The coordinator has submitted both deliverables, each with its file.
    coordinator = new_context().new_page()
    admin_login(coordinator, "coordination")
    submit(coordinator, live_server, storytelling, "Version 1, relue par l'équipe.", "storytelling.pdf", pdf)
    axe_check(coordinator)
    submit(coordinator, live_server, review, "Bilan à mi-parcours.", "bilan.pdf", pdf)

    # The funder finds them in the deliverables tracker, both waiting for a decision.
    admin_login(page, "financeur")
    open_tracker(page)
    tracker = page.get_by_role("table")
    for title in ("Storytelling du projet", "Bilan partagé"):
        expect(tracker.get_by_role("row").filter(has_text=title)).to_contain_text("Soumis")
    snap(page, "funder-tracker")
    axe_check(page)

    # Opens the storytelling, downloads its file, validates it with a comment.
    tracker.get_by_role("link", name="Storytelling du projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Storytelling du projet")
    axe_check(page)
    file_link = page.get_by_role("definition").get_by_role("link", name=re.compile("Storytelling du projet"))
    download = page.context.request.get(live_server.url + file_link.get_attribute("href"))
    assert download.ok and download.headers["content-type"] == "application/pdf"
    assert download.body() == pdf

    page.get_by_role("radio", name="Valider").check()
    page.get_by_label("Commentaire (obligatoire pour renvoyer)").fill("Conforme à la convention, merci.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Livrable validé.")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Validé")).to_have_count(1)

    # The history says who did what, and when.
    history = page.get_by_role("region", name="Historique")
    today = timezone.localdate().strftime("%d/%m/%Y")
    submitted = history.get_by_role("row").filter(has_text="Soumis pour validation")
    expect(submitted).to_contain_text("Camille Coordination")
    expect(submitted).to_contain_text("Version 1, relue par l'équipe.")
    expect(submitted).to_contain_text(today)
    validated = history.get_by_role("row").filter(has_text="Validé")
    expect(validated).to_contain_text("Claire Financeur")
    expect(validated).to_contain_text("Conforme à la convention, merci.")
    expect(validated).to_contain_text(today)
    expect(page.get_by_role("button", name="Enregistrer la décision")).to_have_count(0)  # decided
    snap(page, "funder-validated")
    axe_check(page)

    # The review goes back for correction: not without saying why.
    open_tracker(page)
    page.get_by_role("table").get_by_role("link", name="Bilan partagé").click()
    page.get_by_role("radio", name="Renvoyer pour reprise").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(
        page.get_by_text("Dites ce qui est à reprendre : le commentaire est obligatoire pour renvoyer.")
    ).to_be_visible()
    axe_check(page)
    page.get_by_role("radio", name="Renvoyer pour reprise").check()
    page.get_by_label("Commentaire (obligatoire pour renvoyer)").fill("Ajoutez les indicateurs par genre.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Livrable renvoyé pour reprise.")).to_be_visible()
    sent_back = page.get_by_role("region", name="Historique").get_by_role("row").filter(has_text="Renvoyé pour reprise")
    expect(sent_back).to_contain_text("Claire Financeur")
    expect(sent_back).to_contain_text("Ajoutez les indicateurs par genre.")
    assert Deliverable.objects.get(pk=storytelling.pk).status == DeliverableStatus.VALIDATED
    assert Deliverable.objects.get(pk=review.pk).status == DeliverableStatus.SENT_BACK

    # Read-only everywhere else: the deliverable's and the programme's edit forms are refused.
    for url in (
        f"/admin/snippets/livrables/deliverable/edit/{review.pk}/",
        f"/admin/pages/{programme.pk}/edit/",
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 403 or "/edit/" not in page.url, url
        expect(page.get_by_role("main")).to_contain_text("vous n'avez pas les autorisations pour accéder à cette zone")
    review.refresh_from_db()
    assert review.title == "Bilan partagé"
