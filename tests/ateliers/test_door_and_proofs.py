"""Limits at the door (a walk-in beyond a structure's maximum needs a reason; expected from the
half-day they came) and the attendance proofs (history, état de présence, signed scans)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from ateliers.choices import AttendanceStatus
from ateliers.models import AttendanceChange, Registration, SignedSheet
from ateliers.services.attendance import add_walk_in, mark_attendance
from ateliers.services.attendance_record import proofs_of_workshop, save_signed_sheet
from ateliers.services.certificates import issue_structure_certificate
from ateliers.services.rates import rates_by_structure
from ateliers.services.registrations import register
from tests import files
from tests.ateliers.conftest import team
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def full_structure(world, labo):
    """Structure A with its maximum of three people, each present at every half-day."""
    registrations = [
        register(labo, p, is_referent=i == 0, confirmed=True) for i, p in enumerate(team(world.structure_a, 3))
    ]
    for registration in registrations:
        for session in labo.sessions.all():
            mark_attendance(registration, session, AttendanceStatus.PRESENT)
    return registrations


def walk_in_post(labo, session, **extra):
    data = {"first_name": "Zaharia", "last_name": "Arrivée", "session": session.pk}
    data.update(extra)
    return reverse("ateliers_admin:walk_in", args=[labo.pk]), data


def test_a_walk_in_beyond_the_maximum_is_refused_without_a_reason(world, labo, login):
    full_structure(world, labo)
    url, data = walk_in_post(labo, labo.sessions.all()[2], structure=world.structure_a.pk)
    response = login(world.coordinator).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "a déjà 3 inscrits : c&#x27;est le maximum pour ce labo" in page
    assert "confirmez l&#x27;ajout au-delà du maximum et indiquez la raison" in page
    assert 'value="Arrivée"' in page  # what was typed is kept
    assert not Registration.objects.filter(person__last_name="Arrivée").exists()


def test_a_ticked_confirmation_without_a_reason_is_refused(world, labo, login):
    full_structure(world, labo)
    url, data = walk_in_post(labo, labo.sessions.all()[2], structure=world.structure_a.pk, confirm_over_limit="on")
    page = login(world.coordinator).post(url, data).content.decode()
    assert "Indiquez la raison de l&#x27;ajout au-delà du maximum." in page
    assert not Registration.objects.filter(person__last_name="Arrivée").exists()


def test_a_confirmed_walk_in_with_a_reason_is_added_and_shown_to_check(world, labo, login):
    full_structure(world, labo)
    session = labo.sessions.all()[2]
    url, data = walk_in_post(
        labo,
        session,
        structure=world.structure_a.pk,
        confirm_over_limit="on",
        over_limit_reason="Remplace la directrice, retenue en mairie",
    )
    client = login(world.coordinator)
    assert client.post(url, data).status_code == 302
    registration = Registration.objects.get(person__last_name="Arrivée")
    assert registration.over_limit_reason == "Remplace la directrice, retenue en mairie"
    assert registration.expected_from == session
    dashboard = client.get(reverse("ateliers_admin:workshop", args=[labo.pk])).content.decode()
    assert "À vérifier" in dashboard
    assert "ajouté·e à la porte au-delà du maximum de 3 par structure" in dashboard
    assert "Remplace la directrice, retenue en mairie" in dashboard
    assert "Centre social A : 4 inscrit(s), le maximum est 3." in dashboard


def test_the_service_refuses_a_walk_in_beyond_the_maximum_without_a_reason(world, labo):
    full_structure(world, labo)
    with pytest.raises(Exception, match="c'est le maximum pour ce labo"):
        add_walk_in(
            labo, first_name="Z", last_name="Arrivée", structure=world.structure_a, session=labo.sessions.first()
        )


def test_a_walk_in_under_the_maximum_needs_no_reason(world, labo, registered):
    registration = add_walk_in(
        labo, first_name="Z", last_name="Arrivée", structure=world.structure_a, session=labo.sessions.last()
    )
    assert registration.over_limit_reason == "" and registration.is_walk_in


def test_a_walk_in_is_expected_only_from_the_half_day_they_came(world, labo):
    full_structure(world, labo)
    sessions = list(labo.sessions.all())
    add_walk_in(
        labo,
        first_name="Z",
        last_name="Arrivée",
        structure=world.structure_a,
        session=sessions[4],
        over_limit_reason="Remplaçante",
    )
    [rate] = rates_by_structure(labo)
    # 3 people × 6 half-days, and the walk-in on the last two only: 20 expected, 20 attended.
    assert (rate.attended, rate.expected) == (19, 20)
    mark_attendance(Registration.objects.get(person__last_name="Arrivée"), sessions[5], AttendanceStatus.PRESENT)
    [rate] = rates_by_structure(labo)
    assert (rate.attended, rate.expected) == (20, 20)


def test_the_structure_certificate_does_not_count_a_walk_ins_earlier_half_days(world, labo):
    full_structure(world, labo)
    sessions = list(labo.sessions.all())
    walk_in = add_walk_in(
        labo,
        first_name="Z",
        last_name="Arrivée",
        structure=world.structure_a,
        session=sessions[4],
        over_limit_reason="x",
    )
    mark_attendance(walk_in, sessions[5], AttendanceStatus.PRESENT)
    certificate = issue_structure_certificate(labo.programme, world.structure_a, workshop=labo)
    assert (certificate.half_days_attended, certificate.half_days_expected) == (20, 20)


def test_every_change_of_a_mark_is_kept_with_who_and_when(world, labo, registered):
    session = labo.sessions.first()
    mark_attendance(registered, session, AttendanceStatus.ABSENT, user=world.coordinator)
    mark_attendance(registered, session, AttendanceStatus.ABSENT, user=world.coordinator)  # same tap: nothing
    mark_attendance(registered, session, AttendanceStatus.PRESENT, user=world.admin)
    changes = list(AttendanceChange.objects.values_list("previous_status", "status", "changed_by__username"))
    assert changes == [("", "absent", "coordinator"), ("absent", "present", "admin")]


def test_the_attendance_record_lists_each_half_day_mark_who_and_corrections(world, labo, registered, login):
    world.coordinator.first_name, world.coordinator.last_name = "Camille", "Coordination"
    world.coordinator.save()
    first = labo.sessions.first()
    mark_attendance(registered, first, AttendanceStatus.ABSENT, user=world.coordinator)
    mark_attendance(registered, first, AttendanceStatus.PRESENT, user=world.coordinator)
    response = login(world.coordinator).get(reverse("ateliers_admin:attendance_record_pdf", args=[labo.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "État de présence" in text and labo.programme.publicity_sentence.split()[-1] in text
    assert "Camille Coordination" in text
    assert "absent·e → présent·e" in text
    assert "non saisie" in text  # the other half-days
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 6  # one half-day a page


def test_a_structures_team_sees_only_its_people_in_the_record(world, labo, registered, login):
    labo.invited_structures.add(world.structure_b)
    labo.save()
    neighbour = register(labo, PersonFactory(structure=world.structure_b, last_name="Voisine"))
    url = reverse("ateliers_admin:attendance_record_pdf", args=[labo.pk])
    text = pdf_text(login(world.colleague).get(url).content)
    assert registered.person.last_name.upper() in text
    assert neighbour.person.last_name.upper() not in text
    assert login(world.outsider).get(url).status_code == 200  # invited too: sees only its own
    assert registered.person.last_name.upper() not in pdf_text(login(world.outsider).get(url).content)


def scan_upload(name="scan.pdf", content=None):
    return SimpleUploadedFile(name, content if content is not None else files.pdf(), content_type="application/pdf")


def test_a_signed_scan_is_uploaded_and_shown_on_the_dashboard(world, labo, login):
    session = labo.sessions.first()
    client = login(world.coordinator)
    url = reverse("ateliers_admin:signed_sheet_upload", args=[labo.pk, session.pk])
    response = client.post(url, {"file": scan_upload()}, follow=True)
    assert "La feuille signée du" in response.content.decode()
    sheet = SignedSheet.objects.get(session=session)
    assert sheet.uploaded_by == world.coordinator
    dashboard = client.get(reverse("ateliers_admin:workshop", args=[labo.pk])).content.decode()
    download = reverse("ateliers_admin:signed_sheet_download", args=[labo.pk, session.pk])
    assert download in dashboard and "déposée le" in dashboard
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]


def test_a_scan_that_is_not_what_it_says_is_refused_in_french(world, labo, login):
    session = labo.sessions.first()
    url = reverse("ateliers_admin:signed_sheet_upload", args=[labo.pk, session.pk])
    response = login(world.coordinator).post(
        url, {"file": scan_upload("scan.pdf", b"MZ\x90\x00 not a pdf")}, follow=True
    )
    assert "Le contenu de ce fichier ne correspond pas à son extension (.pdf)" in response.content.decode()
    assert not SignedSheet.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "outsider", "funder"])
def test_a_signed_scan_cannot_be_uploaded_by_a_structure_or_a_funder(world, labo, login, who):
    url = reverse("ateliers_admin:signed_sheet_upload", args=[labo.pk, labo.sessions.first().pk])
    response = login(getattr(world, who)).post(url, {"file": scan_upload()})
    assert response.status_code in (302, 403, 404) and not SignedSheet.objects.exists()
    assert response.get("Location", "") != reverse("ateliers_admin:workshop", args=[labo.pk])


@pytest.mark.parametrize(("who", "status"), [("funder", 200), ("colleague", 404), ("outsider", 404)])
def test_a_signed_scan_is_served_to_the_programme_only(world, labo, login, who, status):
    session = labo.sessions.first()
    login(world.coordinator).post(
        reverse("ateliers_admin:signed_sheet_upload", args=[labo.pk, session.pk]), {"file": scan_upload()}
    )
    url = reverse("ateliers_admin:signed_sheet_download", args=[labo.pk, session.pk])
    assert login(getattr(world, who)).get(url).status_code == status


def test_the_proofs_of_a_workshop_are_the_scan_where_there_is_one_and_the_record_otherwise(world, labo, registered):
    sessions = list(labo.sessions.all())
    save_signed_sheet(sessions[0], scan_upload())
    files = dict(proofs_of_workshop(labo, sessions))
    assert set(files) == {"2021-05-04-matin-feuille-signee.pdf", "etat-de-presence.pdf"}
    text = pdf_text(files["etat-de-presence.pdf"])
    assert "Présences enregistrées dans Labo commun pour 5 demi-journées" in text
    assert "Les lignes vides servent" not in text
