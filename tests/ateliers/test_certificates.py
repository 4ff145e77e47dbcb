"""Attendance sheet and certificates: PDFs, verification page, frozen versions, batches."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from ateliers.choices import AttendanceStatus, BatchStatus
from ateliers.models import Certificate, CertificateBatch
from ateliers.services.attendance import mark_attendance
from ateliers.services.certificates import issue_all_certificates, issue_person_certificate, render_certificates
from ateliers.services.registrations import register
from lab.choices import PersonRole
from tests.ateliers.conftest import team
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def pdf_bytes(response):
    """The PDF of a download: a stored certificate is streamed from the private storage."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def pages_text(pdf_bytes):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def attend(registration, sessions, status=AttendanceStatus.PRESENT):
    for session in sessions:
        mark_attendance(registration, session, status)


@pytest.fixture
def attended(labo, registered):
    attend(registered, list(labo.sessions.all())[:4])
    return registered


def test_the_attendance_sheet_has_a_row_per_person_and_the_publicity_on_every_page(world, labo, login):
    labo.max_per_structure = None
    labo.save()
    people = team(world.structure_a, 20)
    for person in people:
        register(labo, person)
    response = login(world.coordinator).get(reverse("ateliers_admin:sheet_pdf", args=[labo.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape A4
    texts = pages_text(pdf_bytes(response))
    assert len(texts) == 3  # 20 people + 6 blank rows at 12 rows a page
    for number, text in enumerate(texts, start=1):
        assert "cofinancée par l'Union européenne" in text
        assert f"page {number} / 3" in text
        assert "Feuille d'émargement" in text
    whole = "\n".join(texts)
    assert all(person.first_name in whole for person in people)
    assert "Alix Facilitation" in texts[-1] and "signature" in texts[-1]


def test_the_sheet_of_one_half_day_has_one_signature_column(world, labo, registered, login):
    session = labo.sessions.last()
    response = login(world.coordinator).get(
        reverse("ateliers_admin:sheet_pdf", args=[labo.pk]) + f"?session={session.pk}"
    )
    text = pages_text(pdf_bytes(response))[0]
    assert "après-midi" in text and "matin" not in text


def issue_and_download(client, url):
    """Press « Émettre le certificat » (a POST), then follow to the download."""
    response = client.post(url, follow=True)
    assert response.redirect_chain[0] == (url, 302)
    return response


def test_a_person_certificate_states_the_half_days_and_a_verification_code(world, labo, attended, login):
    response = issue_and_download(
        login(world.coordinator), reverse("ateliers_admin:person_certificate", args=[labo.pk, attended.person_id])
    )
    assert response.status_code == 200
    certificate = Certificate.objects.get()
    (text,) = pages_text(pdf_bytes(response))
    assert "Certificat d'assiduité" in text
    assert "4 demi-journées de présence sur 6 prévues" in text
    assert certificate.code in text and f"/verifier/{certificate.code}/" in text
    assert "cofinancée par l'Union européenne" in text
    assert "Alix Facilitation" in text
    # The half-days attended, one line a day, not one date per half-day.
    days = [date_format(day, "l j F Y") for day in sorted({s.date for s in list(labo.sessions.all())[:4]})]
    assert f"Demi-journées suivies : {days[0]}, matin et après-midi ; {days[1]}, matin et après-midi." in text


def test_a_certificate_issued_before_days_were_grouped_still_lists_its_half_days(world, labo, attended):
    certificate = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    data = dict(certificate.data)
    del data["days"]  # a snapshot frozen by an earlier version of the product
    Certificate.objects.filter(pk=certificate.pk).update(data=data)
    certificate.refresh_from_db()
    (text,) = pages_text(render_certificates([certificate], title="Certificat"))
    first = str(list(labo.sessions.all())[0])
    assert f"Demi-journées suivies : {first} ;" in text


def test_a_structure_certificate_lists_each_person_and_the_total(world, labo, attended, login):
    other = register(labo, PersonFactory(structure=world.structure_a, first_name="Bachir"))
    attend(other, list(labo.sessions.all())[:2])
    url = reverse("ateliers_admin:structure_certificate", args=[labo.pk, world.structure_a.pk])
    issue_and_download(login(world.coordinator), url)
    response = login(world.owner).get(url)  # the structure downloads the certificate issued for it
    (text,) = pages_text(pdf_bytes(response))
    assert "6 demi-journées de présence sur 12 prévues" in text
    assert "Bachir" in text and "Alice" in text


def test_one_issue_for_everyone_writes_each_persons_own_days_and_role(world, labo, attended):
    """A batch issues hundreds of certificates at once, sharing the words they have in common: each
    still says its own person's half-days, span of dates and role, and the structure's lists both."""
    other = register(labo, PersonFactory(structure=world.structure_a, first_name="Bachir", role=PersonRole.ELU))
    attend(other, [list(labo.sessions.all())[4]])  # Thursday 6 May, morning; Alice: Tuesday and Wednesday

    certificates = issue_all_certificates(labo.programme, workshop=labo)

    by_subject = {certificate.data["subject"]: certificate.data for certificate in certificates}
    alice, bachir = by_subject[str(attended.person)], by_subject[str(other.person)]
    assert (alice["role"], alice["dates"]) == ("Agent", "du 4 mai 2021 au 5 mai 2021")
    assert alice["days"] == ["mardi 4 mai 2021, matin et après-midi", "mercredi 5 mai 2021, matin et après-midi"]
    assert (bachir["role"], bachir["dates"], bachir["days"]) == ("Élu·e", "6 mai 2021", ["jeudi 6 mai 2021, matin"])
    assert bachir["sessions"] == ["jeudi 6 mai 2021, matin"]
    structure = by_subject[world.structure_a.name]
    assert structure["dates"] == "du 4 mai 2021 au 6 mai 2021"
    assert sorted(person["role"] for person in structure["people"]) == ["Agent", "Élu·e"]


def test_it_refuses_a_certificate_for_someone_with_no_attendance(world, labo, registered, login):
    with pytest.raises(ValidationError, match="aucune présence enregistrée"):
        issue_person_certificate(labo.programme, registered.person, workshop=labo)
    response = login(world.coordinator).post(
        reverse("ateliers_admin:person_certificate", args=[labo.pk, registered.person_id]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("ateliers_admin:workshop", args=[labo.pk])
    assert "aucune présence enregistrée" in response.content.decode()
    assert not Certificate.objects.exists()


def test_it_refuses_another_structures_certificate(world, labo, attended, login):
    url = reverse("ateliers_admin:person_certificate", args=[labo.pk, attended.person_id])
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.outsider).post(url).status_code == 404


def test_a_certificate_is_frozen_and_a_correction_makes_a_new_version(world, labo, attended):
    first = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    assert issue_person_certificate(labo.programme, attended.person, workshop=labo) == first
    attend(attended, [labo.sessions.last()])
    second = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    first.refresh_from_db()
    assert second.version == 2 and first.superseded_by == second
    assert first.data["attended"] == 4 and second.data["attended"] == 5


def test_the_verification_page_confirms_a_real_code(client, labo, attended):
    certificate = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "authentique et en vigueur" in page and "4 demi-journées sur 6" in page
    assert str(attended.person) in page


def test_the_verification_page_refuses_a_forged_code_without_leaking(client, labo, attended):
    issue_person_certificate(labo.programme, attended.person, workshop=labo)
    response = client.get(reverse("certificate_verify", args=["ZZZZZZZZZZ"]))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Ce certificat n'existe pas" in page or "Ce certificat n&#x27;existe pas" in page
    assert str(attended.person) not in page and labo.title not in page


def test_a_superseded_certificate_says_so(client, labo, attended):
    first = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    attend(attended, [labo.sessions.last()])
    second = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    page = client.get(reverse("certificate_verify", args=[first.code])).content.decode()
    assert "remplacé par une version plus récente" in page and second.code in page


def qr_codes(pdf_bytes):
    """The texts of the QR codes drawn in ``pdf_bytes``, as a phone's camera would read them."""
    import zxingcpp

    found, seen = set(), set()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            if image.name in seen:  # pages may share one resource dictionary
                continue
            seen.add(image.name)
            picture = image.image.convert("L")
            picture = picture.resize((picture.width * 8, picture.height * 8), 0)
            found.update(result.text for result in zxingcpp.read_barcodes(picture))
    return found


def test_the_qr_code_printed_on_the_certificate_opens_its_verification_page(
    world, labo, attended, login, client, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://labo.exemple.invalid"
    response = issue_and_download(
        login(world.coordinator), reverse("ateliers_admin:person_certificate", args=[labo.pk, attended.person.pk])
    )
    certificate = Certificate.objects.get(person=attended.person)
    assert qr_codes(pdf_bytes(response)) == {f"https://labo.exemple.invalid/verifier/{certificate.code}/"}
    client.logout()
    page = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert str(attended.person) in page


def test_a_large_batch_renders_in_parts_joined_in_order(world, labo, settings):
    settings.PDF_BATCH_PART = 2
    labo.max_per_structure = None
    labo.save()
    people = team(world.structure_a, 5)
    for person in people:
        attend(register(labo, person), list(labo.sessions.all())[:2])
    certificates = issue_all_certificates(labo.programme, workshop=labo, include_structures=False)
    assert len(certificates) == 5
    pdf = render_certificates(certificates, title="Certificats du labo")
    texts = pages_text(pdf)
    assert len(texts) == 5
    for certificate, text in zip(certificates, texts, strict=True):
        assert certificate.data["subject"] in text and certificate.code in text  # in the batch's order
        assert "cofinancée par l'Union européenne" in text
        # A certificate is one page: no « page X / Y » counting the batch, no running title.
        assert "page " not in text and "Certificats du labo" not in text
    assert qr_codes(pdf) == {certificate.get_verification_url() for certificate in certificates}
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Certificats du labo"


def test_issuing_costs_one_insert_a_certificate_and_queues_no_bookkeeping(world, labo, django_assert_num_queries):
    """Issuing reads the attendance in four queries and writes one row a certificate, nothing more: no
    reference-index task per certificate (500 of them kept the workers busy for seconds before they
    rendered the batch the facilitator was waiting for)."""
    labo.max_per_structure = None
    labo.save()
    for person in team(world.structure_a, 6):
        attend(register(labo, person), list(labo.sessions.all())[:2])
    with django_assert_num_queries(2 + 4 + 6) as queries:  # savepoint and release, reads, inserts
        certificates = issue_all_certificates(labo.programme, workshop=labo, include_structures=False)
    assert len(certificates) == 6
    assert not [query for query in queries if "referenceindex" in query["sql"] or "django_tasks" in query["sql"]]


def test_a_batch_of_the_whole_workshop_runs_in_the_background_then_downloads(
    world, labo, attended, login, django_capture_on_commit_callbacks
):
    other = register(labo, PersonFactory(structure=world.structure_a))
    attend(other, list(labo.sessions.all())[:1])
    register(labo, PersonFactory(structure=world.structure_a))  # never came: no certificate
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(reverse("ateliers_admin:workshop_batch", args=[labo.pk]))
    batch = CertificateBatch.objects.get()
    assert with_commit["Location"] == reverse("ateliers_admin:batch", args=[batch.pk])
    status = client.get(reverse("ateliers_admin:batch_status", args=[batch.pk])).json()
    assert status["status"] == BatchStatus.DONE and status["done"] == status["total"] == 3  # 2 people + 1 structure
    download = client.get(status["download"])
    texts = pages_text(b"".join(download.streaming_content))
    assert len(texts) == 3
    assert all("cofinancée par l'Union européenne" in text for text in texts)


def test_the_batch_page_is_refused_to_another_programme(world, labo, attended, login):
    login(world.coordinator).post(reverse("ateliers_admin:workshop_batch", args=[labo.pk]))
    batch = CertificateBatch.objects.get()
    assert login(world.outsider).get(reverse("ateliers_admin:batch_status", args=[batch.pk])).status_code == 404


def test_a_programme_certificate_counts_every_workshop(world, labo, attended):
    from tests.ateliers.conftest import make_workshop

    forum = make_workshop(world.programme_a, days=1, title="Forum", start=labo.end_date)
    forum.save()
    registration = register(forum, attended.person)
    attend(registration, forum.sessions.all())
    certificate = issue_person_certificate(world.programme_a, attended.person)
    assert (certificate.half_days_attended, certificate.half_days_expected) == (6, 8)


def test_certificates_cannot_be_typed_or_edited_in_the_admin(world, labo, attended, login):
    certificate = issue_person_certificate(labo.programme, attended.person, workshop=labo)
    client = login(world.coordinator)
    listing = client.get(reverse("wagtailsnippets_ateliers_certificate:list"))
    assert listing.status_code == 200 and certificate.code in listing.content.decode()
    assert client.get(reverse("wagtailsnippets_ateliers_certificate:add")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_ateliers_certificate:edit", args=[certificate.pk])).status_code in (
        302,
        403,
    )
    inspect = client.get(reverse("wagtailsnippets_ateliers_certificate:inspect", args=[certificate.pk]))
    assert inspect.status_code == 200
    assert (
        login(world.outsider)
        .get(reverse("wagtailsnippets_ateliers_certificate:inspect", args=[certificate.pk]))
        .status_code
        == 404
    )


def test_a_structure_certificate_for_the_whole_programme_is_downloadable(world, labo, attended, login):
    client = login(world.coordinator)
    planning = client.get(reverse("ateliers_admin:planning", args=[world.programme_a.pk])).content.decode()
    url = reverse("ateliers_admin:programme_structure_certificate", args=[world.programme_a.pk, world.structure_a.pk])
    assert f'<form method="post" action="{url}">' in planning
    (text,) = pages_text(pdf_bytes(issue_and_download(client, url)))
    assert "4 demi-journées de présence sur 6 prévues" in text and "aux ateliers du programme" in text
    assert (
        f'<a href="{url}">'
        in client.get(reverse("ateliers_admin:planning", args=[world.programme_a.pk])).content.decode()
    )
    person_url = reverse("ateliers_admin:programme_person_certificate", args=[world.programme_a.pk, attended.person_id])
    assert issue_and_download(client, person_url)["Content-Type"] == "application/pdf"
    assert login(world.outsider).get(url).status_code == 404


# Issuing is an act (a POST by facilitation or coordination); opening a certificate's URL only reads.

CERTIFICATE_URLS = [
    ("person_certificate", "workshop", "person"),
    ("structure_certificate", "workshop", "structure"),
    ("programme_person_certificate", "programme", "person"),
    ("programme_structure_certificate", "programme", "structure"),
]


def certificate_url(name, container, subject, world, labo, attended):
    first = labo.pk if container == "workshop" else world.programme_a.pk
    second = attended.person_id if subject == "person" else world.structure_a.pk
    return reverse(f"ateliers_admin:{name}", args=[first, second])


@pytest.mark.parametrize(("name", "container", "subject"), CERTIFICATE_URLS)
def test_a_funder_opening_a_certificate_link_issues_nothing(world, labo, attended, login, name, container, subject):
    url = certificate_url(name, container, subject, world, labo, attended)
    response = login(world.funder).get(url, follow=True)
    assert not Certificate.objects.exists()
    assert "n'a pas encore été émis" in response.content.decode().replace("&#x27;", "'")
    expected = labo.pk if container == "workshop" else world.programme_a.pk
    back = "workshop" if container == "workshop" else "planning"
    assert response.redirect_chain[-1][0] == reverse(f"ateliers_admin:{back}", args=[expected])


@pytest.mark.parametrize(("name", "container", "subject"), CERTIFICATE_URLS)
def test_a_funder_cannot_issue_a_certificate(world, labo, attended, login, name, container, subject):
    url = certificate_url(name, container, subject, world, labo, attended)
    response = login(world.funder).post(url)
    assert response.status_code in (302, 403)  # Wagtail's admin turns a refusal into a redirect with a message
    assert response.get("Location", "") != url
    assert not Certificate.objects.exists()


def test_facilitation_issues_once_and_everyone_then_downloads_the_same_certificate(world, labo, attended, login):
    url = certificate_url("person_certificate", "workshop", "person", world, labo, attended)
    dashboard = reverse("ateliers_admin:workshop", args=[labo.pk])
    coordinator = login(world.coordinator)
    page = coordinator.get(dashboard).content.decode()
    assert f'<form method="post" action="{url}">' in page and "Émettre le certificat" in page
    issue_and_download(coordinator, url)
    issue_and_download(coordinator, url)  # unchanged attendance: the same certificate, not a second one
    certificate = Certificate.objects.get()
    assert certificate.issued_by == world.coordinator
    funder = login(world.funder)
    response = funder.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert certificate.code in pages_text(pdf_bytes(response))[0]
    assert Certificate.objects.get() == certificate and certificate.issued_by == world.coordinator
    funder_page = funder.get(dashboard).content.decode()
    assert f'<a href="{url}">' in funder_page and "Émettre le certificat" not in funder_page


def test_the_structure_page_offers_its_workshop_certificate(world, labo, attended, login):
    url = certificate_url("structure_certificate", "workshop", "structure", world, labo, attended)
    inspect = reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk])
    assert f'<form method="post" action="{url}">' in login(world.coordinator).get(inspect).content.decode()
    issue_and_download(login(world.coordinator), url)
    page = login(world.owner).get(inspect).content.decode()
    assert f'<a href="{url}">' in page and "Émettre le certificat" not in page


@pytest.mark.parametrize("page", ["workshop", "planning", "structure_attendance"])
def test_the_issue_buttons_carry_the_csrf_token_a_browser_must_send(world, labo, attended, page):
    """With CSRF checks on, as in a browser: the button's own form holds the token (an include with
    ``only`` had left it out, and « Émettre le certificat » answered 403)."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    target = {
        "workshop": reverse("ateliers_admin:workshop", args=[labo.pk]),
        "planning": reverse("ateliers_admin:planning", args=[world.programme_a.pk]),
        "structure_attendance": reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk]),
    }[page]
    content = client.get(target).content.decode()
    forms = re.findall(
        r'<form method="post" action="([^"]*/certificat/[^"]*)">\s*<input[^>]*csrfmiddlewaretoken[^>]*value="([^"]+)"',
        content,
    )
    assert forms, "no issue button with its token"
    url, token = forms[0]
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == url
    assert Certificate.objects.exists()
