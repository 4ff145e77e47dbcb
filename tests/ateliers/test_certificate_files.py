"""Issued certificates are frozen: stored once as a signed, tagged PDF/A, served as they are, verifiable."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from ateliers.models import Certificate
from ateliers.services.certificates import issue_person_certificate
from lab.choices import ProgrammeRoleKind
from lab.infra.signing import signer_name
from lab.models import ProgrammeRole
from tests.ateliers.test_certificates import (
    CERTIFICATE_URLS,
    attend,
    certificate_url,
    issue_and_download,
    pages_text,
    pdf_bytes,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(labo, registered):
    attend(registered, list(labo.sessions.all())[:4])
    return registered


@pytest.fixture
def url(labo, attended):
    return reverse("ateliers_admin:person_certificate", args=[labo.pk, attended.person_id])


def validation_context(settings):
    return ValidationContext(trust_roots=[load_cert_from_pemder(settings.DOCUMENT_SIGNING_CERT)])


def signature_status(data, settings):
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(signature, validation_context(settings))


def test_issuing_stores_the_document_and_every_download_serves_the_same_bytes(
    world, labo, attended, url, login, settings, tmp_path
):
    coordinator = login(world.coordinator)
    issued = pdf_bytes(issue_and_download(coordinator, url))
    certificate = Certificate.objects.get()
    assert certificate.file and certificate.sha256 == hashlib.sha256(issued).hexdigest()
    # The template's wording changes after the certificate was issued: the certificate does not.
    (tmp_path / "ateliers" / "pdf").mkdir(parents=True)
    (tmp_path / "ateliers" / "pdf" / "certificate.html").write_text("<p>Nouvelle formulation</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    again = pdf_bytes(login(world.funder).get(url))
    assert again == issued
    assert "Nouvelle formulation" not in pages_text(again)[0]


def test_the_stored_certificate_is_signed_and_a_modified_copy_fails(world, url, login, settings):
    data = pdf_bytes(issue_and_download(login(world.coordinator), url))
    status = signature_status(data, settings)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == signer_name().split(", ")[0]
    # One character of the printed text changed, as someone editing a copy would.
    forged = bytearray(data)
    forged[10] = forged[10] ^ 0x01  # inside the signed byte range (the header's binary comment)
    forged_status = signature_status(bytes(forged), settings)
    assert not forged_status.intact and not forged_status.bottom_line


def test_the_stored_certificate_is_a_tagged_pdf_a(world, url, login):
    data = pdf_bytes(issue_and_download(login(world.coordinator), url))
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tags for screen readers
    metadata = root["/Metadata"].get_object().get_data().decode()
    # PDF/A-2, level A (accessible), still declared after the signature rewrote the metadata.
    assert 'pdfaid:part="2"' in metadata and 'pdfaid:conformance="A"' in metadata
    assert reader.metadata.title.startswith("Certificat d'assiduité")


def test_a_correction_issues_a_new_document_and_keeps_the_old_one(world, labo, attended, url, login):
    coordinator = login(world.coordinator)
    first_bytes = pdf_bytes(issue_and_download(coordinator, url))
    attend(attended, [labo.sessions.last()])
    second_bytes = pdf_bytes(issue_and_download(coordinator, url))
    first, second = Certificate.objects.order_by("version")
    assert (first.version, second.version) == (1, 2) and first.superseded_by == second
    assert first.file.name != second.file.name and first.sha256 != second.sha256
    with first.file.open("rb") as handle:
        assert handle.read() == first_bytes
    assert hashlib.sha256(second_bytes).hexdigest() == second.sha256


def test_the_verification_page_shows_the_hash_and_the_signer_and_is_not_indexed(world, url, login, client):
    issue_and_download(login(world.coordinator), url)
    certificate = Certificate.objects.get()
    client.logout()
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    page = response.content.decode().replace("&#x27;", "'")
    assert certificate.sha256 in page and "Empreinte SHA-256" in page
    assert certificate.signed_by and f"Signé par</dt><dd>{certificate.signed_by}" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # Only what checking needs: no « réutiliser et citer » block of the programme's page.
    assert "Réutiliser" not in page and "citer" not in page
    assert "cofinancée par l'Union européenne" in page  # the programme's publicity mention stays


def test_a_certificate_issued_before_files_were_kept_gets_one_at_its_next_download(world, labo, attended, url, login):
    certificate = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    assert not certificate.file
    first = pdf_bytes(login(world.funder).get(url))
    certificate.refresh_from_db()
    assert certificate.file and certificate.sha256 == hashlib.sha256(first).hexdigest()
    assert pdf_bytes(login(world.coordinator).get(url)) == first


def test_the_command_stores_the_missing_documents_once(world, labo, attended):
    certificate = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    out = io.StringIO()
    call_command("store_certificate_files", stdout=out)
    assert "1 certificat(s)" in out.getvalue()
    certificate.refresh_from_db()
    stored = certificate.file.name
    call_command("store_certificate_files", stdout=io.StringIO())
    certificate.refresh_from_db()
    assert certificate.file.name == stored


def test_the_stored_file_has_no_public_address(world, url, login):
    issue_and_download(login(world.coordinator), url)
    with pytest.raises(ValueError, match="URL"):
        Certificate.objects.get().file.url  # noqa: B018


def test_without_the_signing_key_issuing_says_so_and_downloads_nothing_unsigned(
    world, labo, url, login, settings, tmp_path
):
    settings.DOCUMENT_SIGNING_KEY = str(tmp_path / "absent" / "key.pem")
    settings.DOCUMENT_SIGNING_CERT = str(tmp_path / "absent" / "cert.pem")
    settings.DOCUMENT_SIGNING_SELF_SIGNED = False
    coordinator = login(world.coordinator)
    dashboard = reverse("ateliers_admin:workshop", args=[labo.pk])
    response = coordinator.post(url, {"next": dashboard}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "n&#x27;a pas pu être signé" in page or "n'a pas pu être signé" in page
    certificate = Certificate.objects.get()
    assert not certificate.file  # nothing unsigned was kept
    again = coordinator.get(url, follow=True)
    assert again["Content-Type"].startswith("text/html") and "Prévenez l" in again.content.decode()


# An issued certificate downloaded again is served from one query on the certificate; the scope's
# checks (its workshop or programme, its person or structure) are part of that query.


@pytest.mark.parametrize(("name", "container", "subject"), CERTIFICATE_URLS)
def test_an_issued_certificate_is_refused_across_structures_and_programmes(
    world, labo, attended, login, name, container, subject
):
    url = certificate_url(name, container, subject, world, labo, attended)
    issued = pdf_bytes(issue_and_download(login(world.coordinator), url))
    assert pdf_bytes(login(world.funder).get(url)) == issued
    if container == "workshop":  # the administrator of a structure invited to the workshop
        assert pdf_bytes(login(world.owner).get(url)) == issued
    outsider = login(world.outsider)  # administrator of structure B, outside programme A
    assert outsider.get(url).status_code == 404
    other_programme = login(
        ProgrammeRole.objects.create(
            user=UserFactory(username="coordination-b"), programme=world.programme_b, role=ProgrammeRoleKind.COORDINATOR
        ).user
    )
    assert other_programme.get(url).status_code == 404


def test_a_certificate_downloaded_again_costs_the_same_few_queries(
    world, labo, attended, url, login, django_assert_num_queries
):
    issue_and_download(login(world.coordinator), url)
    funder = login(world.funder)
    funder.get(url)
    # The session, the user with their Wagtail profile, the admin's access check (their permissions and
    # their groups' in one query), then one query for the certificate: the user's roles, the workshop,
    # the person and the registration are in it.
    with django_assert_num_queries(4):
        assert pdf_bytes(funder.get(url)).startswith(b"%PDF")


def test_someone_taken_off_the_workshop_no_longer_has_its_certificate_downloaded(world, labo, attended, url, login):
    issue_and_download(login(world.coordinator), url)
    attended.delete()  # the registration, and its attendance
    assert login(world.funder).get(url).status_code == 404
