"""A facilitator records attendance on a tablet: taps, a walk-in, a reload, the rate, the sheet PDF."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ateliers.choices import AttendanceStatus
from ateliers.models import Attendance
from ateliers.services.registrations import register
from lab.choices import PersonRole, ProgrammeRoleKind, StructureKind
from lab.models import ProgrammeRole
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory, StructureFactory, UserFactory, make_programme

pytestmark = pytest.mark.django_db(transaction=True)

#: An iPad-sized tablet held upright, driven by touch.
TABLET = {"viewport": {"width": 810, "height": 1080}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
#: WCAG 2.5.5 (target size, AAA) and Apple's and Google's guidelines: 44 CSS pixels at least.
MIN_TAP = 44


#: The elements of the page's content that stick out past the right edge of the screen, outside any
#: box of the content that scrolls sideways on its own (the grid's scroller is one).
STICKING_OUT = """() => {
    const main = document.querySelector("main"), edge = document.documentElement.clientWidth;
    const inScroller = (el) => {
        for (let box = el.parentElement; box && box !== main; box = box.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) { return true; }
        }
        return false;
    };
    return Array.from(main.querySelectorAll("*"))
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.right > edge + 1; })
        .filter((el) => !inScroller(el))
        .map((el) => el.outerHTML.slice(0, 80));
}"""


def assert_no_sideways_scroll(page):
    """Nothing is cut off or needs the page to scroll sideways at this width: wide tables scroll
    inside their own box."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url}: the page is {overflow} px wider than the screen"
    sticking_out = page.evaluate(STICKING_OUT)
    assert not sticking_out, f"{page.url}: past the right edge: {sticking_out[:5]}"


@pytest.fixture
def labo(wagtail_base):
    """A three-day labo (six half-days) with two people of each of three CCAS, and its facilitator."""
    programme = make_programme("Labo Design PALAS")
    workshop = make_workshop(programme, title="Labo itinérant de Sada", facilitator_name="Alix Facilitation")
    people = []
    for town, names in (
        ("Sada", [("Inaya", "Exemple"), ("Faïza", "Fictif")]),
        ("Chirongui", [("Moussa", "Exemple"), ("Anli", "Fictif")]),
        ("Dembéni", [("Zaounati", "Exemple"), ("Nadjim", "Fictif")]),
    ):
        structure = StructureFactory(name=f"CCAS de {town}", kind=StructureKind.CCAS, city=town, postcode="97640")
        structure.programmes.add(programme)
        workshop.invited_structures.add(structure)
        for first_name, last_name in names:
            person = PersonFactory(
                structure=structure, first_name=first_name, last_name=last_name, role=PersonRole.AGENT
            )
            people.append(register(workshop, person).person)
    facilitator = UserFactory(username="facilitation", first_name="Alix", last_name="Facilitation")
    ProgrammeRole.objects.create(user=facilitator, programme=programme, role=ProgrammeRoleKind.FACILITATOR)
    return workshop, people


@pytest.mark.browser_context_args(**TABLET)
def test_a_facilitator_records_attendance_on_a_tablet(labo, live_server, page, admin_login, axe_check, snap):
    workshop, people = labo
    assert page.evaluate("navigator.maxTouchPoints") > 0 and page.viewport_size["width"] == 810
    admin_login(page, "facilitation")
    axe_check(page)

    # From the list of workshops to the workshop, then to its attendance grid.
    page.goto(f"{live_server.url}/admin/snippets/ateliers/workshop/")
    axe_check(page)
    page.get_by_role("link", name="Labo itinérant de Sada").tap()
    page.wait_for_url("**/edit/**")
    page.get_by_role("button", name="Actions").first.tap()
    page.get_by_role("link", name="Tableau de bord", exact=True).last.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Labo itinérant de Sada")
    expect(page.get_by_role("main")).to_contain_text("0 demi-journées de présence sur 36 attendues")
    axe_check(page)
    page.get_by_role("link", name="Émargement à l'écran").tap()
    grid = page.get_by_role("region", name="Grille des présences")
    expect(grid.get_by_role("columnheader")).to_have_count(1 + 6)
    expect(grid.get_by_role("rowheader")).to_have_count(6)
    snap(page, "facilitator-grid")
    axe_check(page)

    # Usable at this size: only the grid scrolls sideways, never the page, and every button is a
    # comfortable tap target.
    assert_no_sideways_scroll(page)
    assert grid.evaluate("el => el.scrollWidth > el.clientWidth")  # six half-days: the grid has its own scroller
    sizes = grid.get_by_role("button").evaluate_all(
        "buttons => buttons.map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
    )
    assert len(sizes) == 6 * 6 * 3
    assert min(min(size) for size in sizes) >= MIN_TAP, sizes

    # Taps: present for everyone on the first morning, one absent and one excused the next afternoon.
    first_morning = workshop.sessions.order_by("date", "half_day").first().short_label
    next_afternoon = workshop.sessions.order_by("date", "half_day")[3].short_label
    for person in people:
        button = page.get_by_role("button", name=f"{person}, {first_morning} : Présent·e")
        button.tap()
        page.wait_for_function("b => b.getAttribute('aria-pressed') === 'true'", arg=button.element_handle())
    page.get_by_role("button", name=f"{people[0]}, {next_afternoon} : Absent·e").tap()
    page.get_by_role("button", name=f"{people[1]}, {next_afternoon} : Excusé·e").tap()
    # Screen readers hear what was recorded.
    expect(page.get_by_role("status").filter(has_text=f"{people[1]}, {next_afternoon} : Excusé·e")).to_have_count(1)
    page.wait_for_function("() => document.querySelectorAll('[data-attendance] [aria-pressed=true]').length === 8")
    snap(page, "facilitator-taps")

    # A walk-in, in a few seconds at the door.
    page.get_by_label("Prénom").fill("Soilihi")
    page.get_by_label("Nom", exact=True).fill("Nouveau")
    page.get_by_label("Structure", exact=True).select_option(label="CCAS de Chirongui")
    page.get_by_label("Présent·e à la demi-journée").select_option(
        label=str(workshop.sessions.order_by("date", "half_day").first())
    )
    page.get_by_role("button", name="Ajouter et noter présent·e").tap()
    expect(page.get_by_text("Soilihi Nouveau est ajouté·e et noté·e présent·e.")).to_be_visible()
    axe_check(page)

    # After a reload every mark is still there, the walk-in has their row.
    page.reload()
    grid = page.get_by_role("region", name="Grille des présences")
    expect(grid.get_by_role("rowheader")).to_have_count(7)
    expect(grid.locator("[aria-pressed=true]")).to_have_count(9)
    for name in (
        f"{people[0]}, {next_afternoon} : Absent·e",
        f"{people[1]}, {next_afternoon} : Excusé·e",
        f"Soilihi Nouveau, {first_morning} : Présent·e",
    ):
        expect(page.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")
    assert Attendance.objects.filter(status=AttendanceStatus.PRESENT).count() == 7

    # The dashboard's rate follows: 7 half-days of presence out of 7 × 6 expected.
    page.get_by_role("link", name="Tableau de bord de l'atelier").click()
    expect(page.get_by_role("main")).to_contain_text("7 demi-journées de présence sur 42 attendues")
    assert_no_sideways_scroll(page)
    axe_check(page)
    snap(page, "facilitator-dashboard")

    # The attendance sheet to print: a PDF naming the registered people.
    with page.expect_download() as download:
        page.get_by_role("link", name="Feuille d'émargement (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Feuille d'émargement — Labo itinérant de Sada" in text
    assert "EXEMPLE Inaya" in text or "Exemple Inaya" in text
