"""The one PDF path: publicity on every page, shipped fonts, batches as one document, no network."""

import gc
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lab.infra.pdf import LocalOnlyFetcher, PdfDocument, part_slices, render_html, render_pdf_batch
from lab.models import ProgrammeLogo
from tests.factories import StructureFactory, make_programme

pytestmark = pytest.mark.django_db


def pages_text(pdf_bytes):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


@pytest.fixture
def programme(home):
    from lab.demo import DemoContext
    from lab.demo.logos import badge_png

    programme = make_programme(
        "Centres sociaux connectés 2.0 du Croissant Sud",
        reference="FEDER-2020-PN.3",
        publicity_sentence="L'opération « Croissant Sud » est cofinancée par le FEDER.",
    )
    image = DemoContext.image(None, "Logo FEDER test", badge_png("FEDER"))
    ProgrammeLogo.objects.create(programme=programme, image=image, label="Union européenne", sort_order=0)
    for n in range(60):
        StructureFactory(name=f"Centre social numéro {n}").programmes.add(programme)
    return programme


def test_every_page_carries_the_publicity_sentence(programme, client):
    response = client.get(reverse("programme_sheet_pdf", args=[programme.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    texts = pages_text(response.content)
    assert len(texts) >= 2  # 60 structures overflow the first page
    for number, text in enumerate(texts, start=1):
        assert "cofinancée par le FEDER" in text
        assert f"page {number} / {len(texts)}" in text


def test_the_logos_are_embedded_from_local_storage(programme):
    pdf = render_pdf_batch([PdfDocument("livrables/pdf/programme_sheet.html", {}, programme)], title="Test")
    reader = PdfReader(io.BytesIO(pdf))
    assert any("/XObject" in page["/Resources"] for page in reader.pages)


def test_the_shipped_font_is_embedded(programme):
    pdf = render_pdf_batch([PdfDocument("livrables/pdf/programme_sheet.html", {}, programme)], title="Test")
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all(
        "Labo-Sans" in font for font in fonts
    )  # the @font-face of the shipped files, not a system font


def test_a_batch_is_one_document_with_each_part_on_its_own_page(programme):
    other = make_programme("Autre programme", publicity_sentence="Mention de l'autre programme.")
    documents = [
        PdfDocument("livrables/pdf/programme_sheet.html", {}, other),
        PdfDocument("livrables/pdf/programme_sheet.html", {}, other),
    ]
    texts = pages_text(render_pdf_batch(documents, title="Lot"))
    assert len(texts) == 2
    assert all("Mention de l'autre programme." in text for text in texts)


def test_each_page_of_a_mixed_batch_carries_its_own_programmes_mention(programme):
    other = make_programme("Autre programme", publicity_sentence="Mention de l'autre programme.")
    documents = [PdfDocument("livrables/pdf/programme_sheet.html", {}, p) for p in (other, programme, programme, other)]
    texts = pages_text(render_pdf_batch(documents, title="Lot"))
    assert len(texts) == 4
    for text, expected, absent in zip(
        texts,
        ["Mention de l'autre programme.", "cofinancée par le FEDER", "cofinancée par le FEDER", "Mention de l'autre"],
        ["cofinancée par le FEDER", "Mention de l'autre", "Mention de l'autre", "cofinancée par le FEDER"],
        strict=True,
    ):
        assert expected in text and absent not in text


def test_the_preview_is_the_same_html_with_the_stylesheet_linked(programme):
    html = render_html([PdfDocument("livrables/pdf/programme_sheet.html", {}, programme)], title="Aperçu", preview=True)
    assert "lab/pdf.css" in html
    assert "cofinancée par le FEDER" in html


@pytest.mark.parametrize(
    "url", ["https://example.com/logo.png", "http://127.0.0.1:8000/media/x.png", "file:///etc/passwd"]
)
def test_the_fetcher_never_reaches_the_network(url):
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch(url)


def test_an_unpublished_programme_has_no_public_sheet(programme, client):
    programme.unpublish()
    assert client.get(reverse("programme_sheet_pdf", args=[programme.slug])).status_code == 404


def test_exports_are_tagged_for_screen_readers(programme):
    pdf = render_pdf_batch([PdfDocument("livrables/pdf/programme_sheet.html", {}, programme)], title="Fiche")
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def certificate_like(n, programme):
    """A one-page, unnumbered document built without the database (as a batch's parts need)."""
    import datetime
    from types import SimpleNamespace

    certificate = SimpleNamespace(code=f"CODE{n:04d}", issued_at=datetime.date(2026, 12, 1), version=1)
    data = {"kind": "person", "subject": f"Personne {n}", "role": "Agent", "structure": "CCAS", "attended": 1}
    context = {"certificate": certificate, "data": data, "verification_url": f"/verifier/CODE{n:04d}/"}
    return PdfDocument("ateliers/pdf/certificate.html", context, programme, numbered=False)


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_a_batch_s_last_parts_shrink_so_that_workers_finish_together(workers):
    """525 certificates in parts of at most 50: equal parts left one worker rendering the eleventh
    alone; with the shrinking tail, simulated workers taking the next part as they finish one end
    within a small part of each other (a page costs one unit of time)."""
    slices = part_slices(525, 50)
    sizes = [stop - start for start, stop in slices]
    assert slices[0] == (0, 50) and slices[-1][1] == 525 and sum(sizes) == 525
    assert all(previous[1] == following[0] for previous, following in zip(slices, slices[1:], strict=False))
    assert max(sizes) == 50 and min(sizes) >= 12 and sizes[-1] <= 24
    busy_until = [0] * workers
    for size in sizes:
        first_free = busy_until.index(min(busy_until))
        busy_until[first_free] += size
    assert max(busy_until) - min(busy_until) <= 24  # was 48 with eleven equal parts on two workers
    assert part_slices(0, 50) == [] and part_slices(1, 50) == [(0, 1)]


def test_a_batch_ending_with_heavier_documents_is_cut_by_cost():
    """500 people's certificates, then 25 structures' (three times as long to render): cut by number,
    the last parts held the structures and lasted three times longer; cut by cost, two simulated
    workers end within 24 units of each other."""
    weights = [1] * 500 + [3] * 25
    slices = part_slices(525, 50, weights)
    assert slices[-1][1] == 525 and all(a[1] == b[0] for a, b in zip(slices, slices[1:], strict=False))
    costs = [sum(weights[start:stop]) for start, stop in slices]
    assert max(costs) <= 52 and costs[-1] <= 24
    busy_until = [0, 0]
    for cost in costs:
        busy_until[busy_until.index(min(busy_until))] += cost
    assert max(busy_until) - min(busy_until) <= 24
    assert part_slices(525, 50, [1] * 525) == part_slices(525, 50)


def test_a_split_batch_moves_its_progress_part_by_part_and_keeps_its_order(programme, settings):
    settings.PDF_BATCH_PART = 2
    calls = []
    pdf = render_pdf_batch(
        [certificate_like(n, programme) for n in range(7)],
        title="Lot",
        tagged=False,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(2, 7), (4, 7), (5, 7), (6, 7), (7, 7)]  # parts of two, then the tail by one
    texts = pages_text(pdf)
    assert [text.count(f"Personne {n}") for n, text in enumerate(texts)] == [1] * 7
    assert all("cofinancée par le FEDER" in text for text in texts)
    assert gc.isenabled()  # paused while laying out, then back on


def test_a_transparent_logo_prints_on_white_and_sharp(programme):
    from PIL import Image

    from lab.demo import DemoContext

    transparent = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    transparent.paste((0, 51, 153, 255), (200, 0, 400, 200))  # a blue square on nothing
    buffer = io.BytesIO()
    transparent.save(buffer, "PNG")
    image = DemoContext.image(None, "Logo transparent", buffer.getvalue())
    ProgrammeLogo.objects.filter(programme=programme).delete()
    ProgrammeLogo.objects.create(programme=programme, image=image, label="Transparent", sort_order=0)
    pdf = render_pdf_batch([PdfDocument("livrables/pdf/programme_sheet.html", {}, programme)], title="Fiche")
    logo = PdfReader(io.BytesIO(pdf)).pages[0].images[0].image.convert("RGB")
    assert logo.height >= 128  # twice the screen size: about 360 dpi at 9 mm
    assert logo.getpixel((5, 5)) >= (245, 245, 245)  # the transparent corner is white, not black
    red, green, blue = logo.getpixel((logo.width // 2, logo.height // 2))
    assert blue > 120 and red < 40  # and the logo keeps its colour
