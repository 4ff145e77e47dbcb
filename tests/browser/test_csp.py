"""The site and its admin work under the Content Security Policy, in a real browser.

The ``csp_violations`` fixture fails the test on any violation the browser reports (page or frame).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ateliers.services.registrations import register
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory, StructureFactory, UserFactory, make_programme
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_pages_and_admin_run_without_any_csp_violation(
    wagtail_base, live_server, page, admin_login, csp_violations
):
    programme = make_programme("Centres sociaux connectés")
    structure = StructureFactory(name="Centre social de l'Arbrisseau")
    prototype = make_prototype(programme, title="Alertes SMS", structure=structure, solution="Des rappels par SMS.")
    workshop = make_workshop(programme, title="Labo n°1")
    register(workshop, PersonFactory(structure=structure), is_referent=True)
    UserFactory(username="csp-admin", is_superuser=True, is_staff=True)

    # Public pages, as an anonymous visitor.
    for path in ["/", programme.url, reverse("commons_index"), prototype.url]:
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert page.locator("h1").count() >= 1
    assert page.locator(".stage-bar li.current").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert not csp_violations

    # The admin: dashboard, page editor with its live preview, attendance grid, exports.
    admin_login(page, "csp-admin")
    assert page.locator(".w-dashboard, main").first.is_visible()

    page.goto(f"{live_server.url}/admin/pages/{prototype.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe#w-preview-iframe, .preview-panel iframe").first
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == prototype.title
    # Wagtail's inline panel, date picker and image chooser, initialised without inline scripts.
    page.get_by_role("tab", name="Itérations").click()
    page.get_by_role("button", name="Ajouter un(e) Itération").click()
    page.locator("#id_iterations-0-date").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")
    page.locator("#id_iterations-0-title").click()
    page.locator("[data-chooser-action-choose]").filter(has_text="Choisir une image").first.click()
    expect(page.get_by_role("dialog").get_by_role("heading", name="Choisir une image")).to_be_visible()

    # Other forms and pages with Wagtail widgets: viewsets, inline panels of dates, uploads, the
    # user bar on a public page.
    for url in [
        reverse("wagtailsnippets_ateliers_workshop:edit", args=[workshop.pk]),
        reverse("wagtailsnippets_ateliers_workshop:list"),
        reverse("wagtailadmin_pages:edit", args=[programme.pk]),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:add"),
        reverse("ateliers_admin:workshop", args=[workshop.pk]),
        reverse("ateliers_admin:planning", args=[programme.pk]),
        prototype.url,
    ]:
        page.goto(live_server.url + url, wait_until="networkidle")
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    page.goto(live_server.url + reverse("alertes:home"))  # the SMS module's own stylesheet
    assert page.locator(".alertes-bar").evaluate("e => getComputedStyle(e).display") == "flex"

    page.goto(live_server.url + reverse("ateliers_admin:grid", args=[workshop.pk]))
    first_cell = page.locator("form[data-attendance]").first
    present = first_cell.locator("button[value=present]")
    with page.expect_response(lambda r: r.request.method == "POST"):
        present.click()
    # The script updates the button once the response is read: wait for it, do not race it.
    expect(present).to_have_attribute("aria-pressed", "true")
    expect(present).to_have_css("background-color", "rgb(22, 112, 58)")
    assert page.url.endswith("/emargement/")

    page.goto(live_server.url + reverse("livrables_exports", args=[programme.pk]))
    assert page.get_by_role("heading", name="Nouvel export").is_visible()
    previews = page.get_by_role("link", name="aperçu dans le navigateur")
    hrefs = [previews.nth(i).get_attribute("href") for i in range(previews.count())]
    assert len(hrefs) >= 3
    for href in hrefs:  # the HTML previews of the PDF exports, with their print stylesheet
        page.goto(live_server.url + href)
        assert page.locator("body.preview").count() == 1
    assert not csp_violations
