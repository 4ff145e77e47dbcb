"""Uploads: every file checked by its content, images re-encoded, dangerous files refused, documents downloaded."""

import datetime
import html
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from livrables import expenses
from livrables.forms import SubmitForm
from livrables.models import Expense
from projets.models import FollowUpEntry
from tests import files
from tests.projets.factories import make_project

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"


def photo(width=40, height=20, orientation=1, trailing=b""):
    """A JPEG as a phone writes it: camera, GPS position and orientation in EXIF, and ``trailing``."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 37.0, 42.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (3.0, 4.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue() + trailing


def upload_image(client, name, content, content_type="image/jpeg"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Atelier du 4 mai",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def stored_files(folder):
    root = Path(settings.MEDIA_ROOT) / folder
    return sorted(root.rglob("*")) if root.exists() else []


def page_text(response):
    """The page as the user reads it: entities decoded, non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


def test_a_photo_uploaded_in_the_admin_is_stored_without_its_gps_position(client, world, login):
    login(world.admin)
    original = photo(trailing=PAYLOAD)
    assert b"PhoneMaker" in original
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = upload_image(client, "photo-atelier.jpg", original)

    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get()
    with image.file.open("rb") as handle:
        stored = handle.read()
    assert b"PhoneMaker" not in stored
    assert b"Exif" not in stored
    assert b"<script>" not in stored
    reopened = Image.open(io.BytesIO(stored))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()
    assert (image.width, image.height) == (40, 20) == reopened.size
    assert image.file_size == len(stored)
    # The picture itself is unchanged: blue on the left, red on the right.
    left, right = reopened.convert("RGB").getpixel((5, 10)), reopened.convert("RGB").getpixel((35, 10))
    assert left[2] > 150 > left[0]
    assert right[0] > 150 > right[2]


def test_a_photo_taken_sideways_is_stored_upright(client, world, login):
    login(world.admin)
    response = upload_image(client, "portrait.jpg", photo(width=40, height=20, orientation=6))
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (20, 40)
    with image.file.open("rb") as handle:
        assert not Image.open(handle).getexif()


def test_a_png_keeps_its_transparency_and_loses_its_text_chunks(client, world, login):
    from PIL import PngImagePlugin

    login(world.admin)
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS 50.62N 3.07E")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)

    response = upload_image(client, "logo.png", buffer.getvalue(), "image/png")

    assert response.status_code == 302
    with get_image_model().objects.get().file.open("rb") as handle:
        stored = handle.read()
    assert b"GPS 50.62N" not in stored
    assert Image.open(io.BytesIO(stored)).getpixel((0, 0))[3] == 0


def test_it_refuses_an_svg_image_with_a_french_message(client, world, login):
    login(world.admin)
    before = stored_files("original_images")
    response = upload_image(client, "logo.svg", SVG, "image/svg+xml")
    assert response.status_code == 200
    assert "Format d'image non supporté. Formats supportés : GIF, JPG, JPEG, PNG, WEBP." in page_text(response)
    assert not get_image_model().objects.exists()
    assert stored_files("original_images") == before


def test_it_refuses_an_html_file_renamed_png_with_a_french_message(client, world, login):
    login(world.admin)
    before = stored_files("original_images")
    response = upload_image(client, "photo.png", PAYLOAD, "image/png")
    assert response.status_code == 200
    assert "Image .png non valide. L'extension de fichier ne correspond pas au format du fichier" in page_text(response)
    assert not get_image_model().objects.exists()
    assert stored_files("original_images") == before


def test_it_refuses_an_oversized_image_and_stores_nothing(client, world, login):
    login(world.admin)
    before = stored_files("original_images")
    too_big = photo() + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_image(client, "enorme.jpg", too_big)
    assert response.status_code == 200
    assert "Ce fichier est trop gros (10,0 Mio). La taille de fichier maximale est de 10,0 Mio." in page_text(response)
    assert not get_image_model().objects.exists()
    assert stored_files("original_images") == before


def test_it_refuses_a_50_mb_document_and_stores_nothing(client, world, login):
    login(world.admin)
    before = stored_files("documents")
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bilan",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("bilan.pdf", b"%PDF-1.4\n" + b"\0" * (50 * 1024 * 1024), "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Ce fichier est trop gros (50,0 Mio). La taille de fichier maximale est de 20,0 Mio." in page_text(response)
    assert not get_document_model().objects.exists()
    assert stored_files("documents") == before


@pytest.mark.parametrize("name", ["plan.svg", "page.html", "page.htm"])
def test_it_refuses_a_document_a_browser_would_run(client, world, login, name):
    login(world.admin)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Plan",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, SVG, "image/svg+xml"),
        },
    )
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"L'extension de fichier « {extension} » n’est pas autorisée" in page_text(response)
    assert not get_document_model().objects.exists()


def test_a_deliverable_file_follows_the_same_rules_as_documents():
    form = SubmitForm(
        {"submit-comment": "Voici le plan"},
        {"submit-file": SimpleUploadedFile("plan.svg", SVG, "image/svg+xml")},
        prefix="submit",
    )
    assert not form.is_valid()
    assert "L'extension de fichier « svg » n’est pas autorisée" in form.errors["file"][0].replace("\xa0", " ")
    form = SubmitForm(
        {"submit-comment": "Voici le bilan"},
        {"submit-file": SimpleUploadedFile("bilan.pdf", b"%PDF-1.4\n" + b"\0" * (21 * 1024 * 1024))},
        prefix="submit",
    )
    assert not form.is_valid()
    assert "Ce fichier est trop gros" in str(form.errors["file"])


@pytest.mark.parametrize("name", ["bilan.pdf", "notes.txt", "budget.csv"])
def test_documents_are_served_as_downloads_that_browsers_do_not_sniff(client, world, name):
    document = get_document_model().objects.create(title="Bilan", file=ContentFile(b"%PDF-1.4\n", name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(client, world, login):
    login(world.admin)
    frames = [Image.new("RGB", (10, 10), colour).convert("P") for colour in [(255, 0, 0), (0, 255, 0), (0, 0, 255)]]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=b"GPS 50N")

    response = upload_image(client, "anime.gif", buffer.getvalue(), "image/gif")

    assert response.status_code == 302
    with get_image_model().objects.get().file.open("rb") as handle:
        stored = handle.read()
    assert b"GPS 50N" not in stored
    gif = Image.open(io.BytesIO(stored))
    assert (gif.n_frames, gif.info["duration"]) == (3, 120)


# --- Every upload checked by its content (lab.infra.uploads.validate_content) ---------------------------

MISMATCH = "Le contenu de ce fichier ne correspond pas à son extension"
#: (file name, content, what the user reads), for receipts and follow-up attachments alike.
REFUSED = [
    pytest.param("ticket.png", files.HTML, f"{MISMATCH} (.png) : c'est une page web (HTML).", id="html-as-png"),
    pytest.param("facture.jpg", files.pdf(), f"{MISMATCH} (.jpg) : c'est un PDF.", id="pdf-as-jpg"),
    pytest.param(
        "scan.png",
        files.huge_png,
        "Cette image dépasse 89 millions de pixels : réduisez-la, puis réessayez.",
        id="20000x20000-png",
    ),
    pytest.param(
        "facture.pdf",
        files.pdf()[:300],
        "Ce PDF est endommagé ou incomplet : enregistrez-le ou scannez-le de nouveau, puis réessayez.",
        id="truncated-pdf",
    ),
]
ZIP_AS_XLSX = pytest.param(
    "budget.xlsx", files.plain_zip(), f"{MISMATCH} (.xlsx) : c'est une archive ZIP.", id="zip-as-xlsx"
)
ACCEPTED = [
    pytest.param("ticket.png", files.png(), id="png"),
    pytest.param("ticket.jpg", files.jpeg(), id="jpeg"),
    pytest.param("photo.jpg", files.camera_jpeg(), id="camera-jpeg-with-two-pictures"),
    pytest.param("facture.pdf", files.pdf(), id="pdf"),
]


def private_files(folder):
    root = Path(storages["private"].location) / folder
    return sorted(root.rglob("*")) if root.exists() else []


def post_expense(client, programme, name, content):
    """The expense form of the admin, filled as a coordinator would, with ``content`` as its receipt."""
    return client.post(
        reverse("wagtailsnippets_livrables_expense:add"),
        {
            "programme": programme.pk,
            "date": "2021-05-03",
            "category": "deplacement",
            "label": "Billet d'avion Dzaoudzi",
            "amount_ht": "410.10",
            "vat": "0",
            "amount_ttc": "410.10",
            "receipt": SimpleUploadedFile(name, content() if callable(content) else content),
        },
    )


def receipts_in_the_proofs_pack(programme):
    """The receipts the funder's proofs pack holds (its « depenses/justificatifs/ » part)."""
    names = zipfile.ZipFile(io.BytesIO(expenses.receipts_zip(programme))).namelist()
    return [name for name in names if name.startswith("justificatifs/")]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_a_receipt_that_is_not_what_its_extension_says_is_refused_and_not_stored(world, login, name, content, message):
    before = private_files("justificatifs")

    response = post_expense(login(world.coordinator), world.programme_a, name, content)

    assert response.status_code == 200
    assert message in page_text(response)
    assert not Expense.objects.exists()
    assert private_files("justificatifs") == before
    assert receipts_in_the_proofs_pack(world.programme_a) == []


@pytest.mark.parametrize(("name", "content"), ACCEPTED)
def test_a_real_receipt_is_stored_and_reaches_the_proofs_pack(world, login, name, content):
    response = post_expense(login(world.coordinator), world.programme_a, name, content)

    assert response.status_code == 302, page_text(response)[:3000]
    expense = Expense.objects.get()
    with expense.receipt.open("rb") as handle:
        assert handle.read() == content
    assert receipts_in_the_proofs_pack(world.programme_a) == [expenses.receipt_name(expense)]


def post_follow_up(client, project, name, content):
    return client.post(
        reverse("projets_suivi:add"),
        {
            "project": project.pk,
            "date": "2021-03-01",
            "kind": "contact",
            "text": "Compte-rendu de la réunion",
            "attachment": SimpleUploadedFile(name, content() if callable(content) else content),
        },
    )


@pytest.mark.parametrize(("name", "content", "message"), [*REFUSED, ZIP_AS_XLSX])
def test_a_follow_up_attachment_that_is_not_what_its_extension_says_is_refused_and_not_stored(
    world, login, name, content, message
):
    project = make_project(world.structure_a, world.programme_a)
    before = private_files("projets")

    response = post_follow_up(login(world.colleague), project, name, content)

    assert response.status_code == 200
    assert message in page_text(response)
    assert not FollowUpEntry.objects.exists()
    assert private_files("projets") == before


@pytest.mark.parametrize(("name", "content"), [*ACCEPTED, pytest.param("budget.xlsx", files.xlsx(), id="xlsx")])
def test_a_real_follow_up_attachment_is_stored(world, login, name, content):
    project = make_project(world.structure_a, world.programme_a)

    response = post_follow_up(login(world.colleague), project, name, content)

    assert response.status_code == 302, page_text(response)[:3000]
    with FollowUpEntry.objects.get().attachment.open("rb") as handle:
        assert handle.read() == content


def test_editing_an_expense_does_not_check_its_stored_receipt_again(world, login):
    """A receipt stored before this check existed keeps its expense editable."""
    expense = Expense.objects.create(
        programme=world.programme_a,
        date=datetime.date(2021, 5, 3),
        category="deplacement",
        label="Ancien billet",
        amount_ht=Decimal("10"),
        vat=Decimal("0"),
        amount_ttc=Decimal("10"),
        receipt=ContentFile(b"%PDF-1.4 ancien", name="ancien.pdf"),
    )
    response = login(world.coordinator).post(
        reverse("wagtailsnippets_livrables_expense:edit", args=[expense.pk]),
        {
            "programme": world.programme_a.pk,
            "date": "2021-05-03",
            "category": "deplacement",
            "label": "Ancien billet corrigé",
            "amount_ht": "10",
            "vat": "0",
            "amount_ttc": "10",
        },
    )
    assert response.status_code == 302, page_text(response)[:3000]
    expense.refresh_from_db()
    assert expense.label == "Ancien billet corrigé"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ZIP_AS_XLSX,
        pytest.param("bilan.pdf", files.HTML, f"{MISMATCH} (.pdf) : c'est une page web (HTML).", id="html-as-pdf"),
    ],
)
def test_a_wagtail_document_is_checked_by_its_content(client, world, login, name, content, message):
    login(world.admin)
    before = stored_files("documents")
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bilan",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert not get_document_model().objects.exists()
    assert stored_files("documents") == before


def test_a_wagtail_image_of_20000_by_20000_pixels_is_refused(client, world, login):
    login(world.admin)
    response = upload_image(client, "affiche.png", files.huge_png(), "image/png")
    assert response.status_code == 200
    assert "pixels" in page_text(response)
    assert not get_image_model().objects.exists()


def test_a_deliverable_file_is_checked_by_its_content():
    form = SubmitForm({}, {"submit-file": SimpleUploadedFile("bilan.xlsx", files.pdf())}, prefix="submit")
    assert not form.is_valid()
    assert form.errors["file"] == [f"{MISMATCH} (.xlsx) : c'est un PDF."]
    form = SubmitForm({}, {"submit-file": SimpleUploadedFile("bilan.pdf", files.pdf())}, prefix="submit")
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ZIP_AS_XLSX,
        pytest.param(
            "adherents.csv",
            "Nom;Prénom\n".encode("utf-16"),
            "Ce fichier .csv n'est pas du texte lisible : enregistrez-le de nouveau en texte UTF-8, puis réessayez.",
            id="utf16-csv",
        ),
    ],
)
def test_a_member_import_is_checked_by_its_content(world, login, name, content, message):
    from alertes.forms import ImportUploadForm

    form = ImportUploadForm({}, {"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert form.errors["file"] == [message]
    form = ImportUploadForm({}, {"file": SimpleUploadedFile("adherents.csv", "Nom;Prénom\nMZE;Ali\n".encode("cp1252"))})
    assert form.is_valid(), form.errors
