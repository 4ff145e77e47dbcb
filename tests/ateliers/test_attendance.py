"""Attendance on screen: one tap per person and half-day, walk-ins, connection lists, rates, scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ReferenceIndex

from ateliers.choices import AttendanceSource, AttendanceStatus
from ateliers.models import Attendance, AttendanceChange
from ateliers.services.attendance import mark_attendance
from ateliers.services.rates import programme_rate, rates_by_person, structure_rate, workshop_rate
from ateliers.services.registrations import cancel_registration, register
from lab.choices import ProgrammeRoleKind
from lab.models import ProgrammeRole
from tests.ateliers.conftest import make_workshop, team
from tests.factories import PersonFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def grid_url(workshop):
    return reverse("ateliers_admin:grid", args=[workshop.pk])


def test_one_tap_marks_a_person_present_and_keeps_who_and_when(world, labo, registered, login):
    session = labo.sessions.first()
    response = login(world.coordinator).post(
        grid_url(labo),
        {"registration": registered.pk, "session": session.pk, "status": "present"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "present"
    attendance = Attendance.objects.get()
    assert attendance.recorded_by == world.coordinator and attendance.recorded_at is not None


def test_a_second_tap_changes_the_mark(world, labo, registered, login):
    session = labo.sessions.first()
    client = login(world.coordinator)
    for status in ("present", "excuse"):
        client.post(grid_url(labo), {"registration": registered.pk, "session": session.pk, "status": status})
    assert Attendance.objects.get().status == AttendanceStatus.EXCUSED


def test_the_grid_works_without_javascript(world, labo, registered, login):
    session = labo.sessions.first()
    response = login(world.coordinator).post(
        grid_url(labo), {"registration": registered.pk, "session": session.pk, "status": "absent"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#r{registered.pk}")
    page = login(world.coordinator).get(grid_url(labo)).content.decode()
    assert 'value="absent" aria-pressed="true"' in page


def test_it_refuses_marking_someone_not_registered(world, labo, labo_b, login):
    stranger = register(labo_b, world.person_b)
    response = login(world.coordinator).post(
        grid_url(labo),
        {"registration": stranger.pk, "session": labo.sessions.first().pk, "status": "present"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "pas inscrite" in response.json()["errors"][0]
    assert not Attendance.objects.exists()


def test_the_service_refuses_a_cancelled_registration(labo, registered):
    cancel_registration(registered)
    with pytest.raises(Exception, match="n'est pas inscrit"):
        mark_attendance(registered, labo.sessions.first(), AttendanceStatus.PRESENT)


def test_a_funder_sees_the_grid_but_cannot_mark(world, labo, registered, login):
    client = login(world.funder)
    assert client.get(grid_url(labo)).status_code == 200
    response = client.post(
        grid_url(labo), {"registration": registered.pk, "session": labo.sessions.first().pk, "status": "present"}
    )
    assert response.status_code in (302, 403) and not Attendance.objects.exists()


def test_it_refuses_another_programmes_coordinator(world, labo_b, login):
    assert login(world.coordinator).get(grid_url(labo_b)).status_code == 404


def test_a_walk_in_is_added_and_marked_present(world, labo, login):
    session = labo.sessions.first()
    response = login(world.coordinator).post(
        reverse("ateliers_admin:walk_in", args=[labo.pk]),
        {"first_name": "Zaharia", "last_name": "Arrivée", "structure": world.structure_a.pk, "session": session.pk},
    )
    assert response.status_code == 302
    registration = labo.registrations.get(person__last_name="Arrivée")
    assert registration.is_walk_in
    assert registration.attendances.get().status == AttendanceStatus.PRESENT


def test_a_walk_in_without_name_is_refused_clearly(world, labo, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("ateliers_admin:walk_in", args=[labo.pk]),
        {"first_name": "", "structure": world.structure_a.pk},
        follow=True,
    )
    assert "Prénom : " in response.content.decode()
    assert not labo.registrations.exists()


def test_a_remote_session_is_marked_from_the_connection_list(world, labo, login):
    people = team(world.structure_a, 2)
    people[0].first_name, people[0].last_name = "Élodie", "Maquette"
    people[0].save()
    for person in people:
        register(labo, person)
    session = labo.sessions.last()
    text = f"MAQUETTE Elodie (CCAS)\n{people[1].last_name} {people[1].first_name} <x@exemple.invalid>\nInconnu Total\n"
    response = login(world.coordinator).post(
        reverse("ateliers_admin:connection_list", args=[labo.pk]), {"session": session.pk, "names": text}, follow=True
    )
    assert Attendance.objects.filter(session=session, source=AttendanceSource.REMOTE_LIST).count() == 2
    assert "Inconnu Total" in response.content.decode()


def _grid_queries(client, workshop):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(grid_url(workshop))
    assert response.status_code == 200
    return len(queries)


def test_the_grid_runs_the_same_queries_with_10_or_200_participants(world, login):
    small = make_workshop(world.programme_a, title="Petit atelier")
    large = make_workshop(world.programme_a, title="Grand atelier")
    for workshop, count in ((small, 10), (large, 200)):
        for person in team(world.structure_a, count):
            registration = register(workshop, person)
            mark_attendance(registration, workshop.sessions.first(), AttendanceStatus.PRESENT)
    client = login(world.coordinator)
    _grid_queries(client, small)
    assert _grid_queries(client, small) == _grid_queries(client, large)


def test_rates_per_person_structure_workshop_and_programme(world, labo, registered):
    other = register(labo, PersonFactory(structure=world.structure_a))
    sessions = list(labo.sessions.all())
    for session in sessions:
        mark_attendance(registered, session, AttendanceStatus.PRESENT)
    mark_attendance(other, sessions[0], AttendanceStatus.PRESENT)
    mark_attendance(other, sessions[1], AttendanceStatus.ABSENT)
    by_person = {rate.key: rate for rate in rates_by_person(labo)}
    assert (by_person[registered.person_id].attended, by_person[registered.person_id].expected) == (6, 6)
    assert by_person[other.person_id].percent == 17
    assert workshop_rate(labo).percent == 58  # 7 / 12
    assert programme_rate(world.programme_a).attended == 7
    assert structure_rate(world.structure_a).expected == 12


def test_future_half_days_are_not_expected_yet(world, registered, labo):
    from django.db.models import F

    shift = datetime.date.today() - labo.start_date + datetime.timedelta(days=30)
    labo.sessions.update(date=F("date") + shift)
    assert workshop_rate(labo).expected == 0


def test_the_dashboard_shows_the_rate(world, labo, registered, login):
    mark_attendance(registered, labo.sessions.first(), AttendanceStatus.PRESENT)
    page = login(world.coordinator).get(reverse("ateliers_admin:workshop", args=[labo.pk])).content.decode()
    assert "17&nbsp;%" in page and "1 / 6" in page


def test_an_invited_structure_sees_only_its_own_people(world, labo, registered, login):
    from tests.factories import StructureFactory

    other = StructureFactory(name="CCAS de Chiconi")
    labo.invited_structures.add(other)
    labo.save()
    register(labo, PersonFactory(structure=other, first_name="Zoé", last_name="Voisine"))
    client = login(world.owner)
    grid = client.get(grid_url(labo)).content.decode()
    assert "Alice" in grid and "VOISINE" not in grid and 'name="status"' not in grid
    dashboard = client.get(reverse("ateliers_admin:workshop", args=[labo.pk])).content.decode()
    assert "Voisine" not in dashboard and "CCAS de Chiconi" not in dashboard
    coordinator_grid = login(world.coordinator).get(grid_url(labo)).content.decode()
    assert "VOISINE" in coordinator_grid


def test_the_rgpd_export_of_a_participant_holds_their_registrations_and_attendance(db):
    import datetime
    import json

    from ateliers.choices import AttendanceStatus, HalfDay, RegistrationStatus
    from ateliers.models import Attendance, Registration, Session, Workshop
    from lab.privacy import export_person
    from tests.factories import PersonFactory, UserFactory, make_programme

    programme = make_programme(
        "Programme RGPD", start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2021, 12, 31)
    )
    workshop = Workshop.objects.create(programme=programme, title="Labo RGPD", start_date=datetime.date(2021, 3, 1))
    session = Session.objects.create(workshop=workshop, date=datetime.date(2021, 3, 1), half_day=HalfDay.MORNING)
    person = PersonFactory()
    registration = Registration.objects.create(
        workshop=workshop, person=person, structure=person.structure, status=RegistrationStatus.CONFIRMED
    )
    Attendance.objects.create(registration=registration, session=session, status=AttendanceStatus.PRESENT)
    data = json.loads(export_person(person, UserFactory(username="dpo")))
    assert data["inscriptions"][0]["atelier"] == "Labo RGPD"
    assert data["émargements"][0]["présence"] == "Présent·e"


def test_the_structure_page_shows_its_rates_per_workshop_and_per_person(world, labo, registered, login):
    other = register(labo, PersonFactory(structure=world.structure_a, first_name="Zoé"))
    sessions = list(labo.sessions.all())
    for session in sessions[:3]:
        mark_attendance(registered, session, AttendanceStatus.PRESENT)
    mark_attendance(other, sessions[0], AttendanceStatus.PRESENT)
    url = reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk])
    page = login(world.owner).get(url).content.decode()
    assert "Assiduité" in page
    assert "33 %" in page and "4 demi-journées de présence sur 12 attendues" in page  # the structure
    assert labo.title in page and "4 / 12" in page  # the workshop
    assert "Alice" in page and "3 / 6" in page and "50 %" in page  # Alice: 3 of 6
    assert "Zoé" in page and "1 / 6" in page and "17 %" in page


def test_the_structure_page_counts_only_the_programmes_the_user_follows(world, labo, registered, login):
    from tests.ateliers.conftest import make_workshop

    elsewhere = make_workshop(world.programme_b, title="Atelier confidentiel du programme B")
    elsewhere_registration = register(elsewhere, world.person_a)
    mark_attendance(elsewhere_registration, elsewhere.sessions.first(), AttendanceStatus.PRESENT)
    mark_attendance(registered, labo.sessions.first(), AttendanceStatus.PRESENT)
    url = reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk])
    page = login(world.coordinator).get(url).content.decode()
    assert labo.title in page and "1 / 6" in page
    assert "confidentiel" not in page and "1 / 12" not in page


def test_another_structures_page_is_refused(world, labo, registered, login):
    url = reverse("wagtailsnippets_lab_structure:inspect", args=[world.structure_a.pk])
    assert login(world.outsider).get(url).status_code == 404


# Hostile values in the attendance sheet's and the planning's query strings: a French message, never a 500.


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("value", ["abc", "9999-12-31", "9" * 30])
def test_an_unreadable_half_day_on_the_sheet_returns_to_the_dashboard_with_a_message(world, labo, login, value):
    url = reverse("ateliers_admin:sheet_pdf", args=[labo.pk])
    response = login(world.coordinator).get(url, {"session": value}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("ateliers_admin:workshop", args=[labo.pk])
    assert "Cette demi-journée n'existe pas" in " ".join(_messages(response))


def test_another_workshops_half_day_on_the_sheet_is_not_found(world, labo, labo_b, login):
    url = reverse("ateliers_admin:sheet_pdf", args=[labo.pk])
    assert login(world.admin).get(url, {"session": labo_b.sessions.first().pk}).status_code == 404
    assert login(world.admin).get(url, {"session": 123456789}).status_code == 404


def planning_url(world):
    return reverse("ateliers_admin:planning", args=[world.programme_a.pk])


@pytest.mark.parametrize(
    ("query", "shown", "previous", "following"),
    [
        ({"annee": "9999", "mois": "12"}, "décembre 2199", "novembre 2199", None),
        ({"annee": "1", "mois": "1"}, "janvier 1900", None, "février 1900"),
        ({"annee": "-5", "mois": "3"}, "janvier 1900", None, "février 1900"),
    ],
)
def test_a_month_out_of_the_planning_shows_the_nearest_one_with_a_message(
    world, labo, login, query, shown, previous, following
):
    response = login(world.coordinator).get(planning_url(world), query)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Calendrier — {shown}" in page
    assert "voici le mois le plus proche" in " ".join(_messages(response))
    assert (f"← {previous}" in page) if previous else "← " not in page
    assert (f"{following} →" in page) if following else " →</a>" not in page


@pytest.mark.parametrize(
    "query", [{"annee": "deux-mille", "mois": "3"}, {"mois": "13"}, {"mois": "9" * 40}, {"annee": "9" * 40}]
)
def test_an_unreadable_month_shows_the_programmes_month_with_a_message(world, labo, login, query):
    response = login(world.coordinator).get(planning_url(world), query)
    first = labo.sessions.order_by("date").first().date
    assert response.status_code == 200
    assert response.context["month"] == first.replace(day=1)
    assert "Ce mois n'est pas lisible" in " ".join(_messages(response))


def test_a_huge_workshop_id_is_not_found(world, login):
    client = login(world.admin)
    assert client.get(f"/admin/ateliers/atelier/{'9' * 30}/").status_code == 404
    assert client.get(f"/admin/ateliers/programme/{2**63}/planning/").status_code == 404
    assert client.get(f"/admin/ateliers/questionnaire/{'9' * 30}/reponses.csv", follow=True).status_code == 404


def _tap_queries(client, workshop, registration, status="present"):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            grid_url(workshop),
            {"registration": registration.pk, "session": workshop.sessions.first().pk, "status": status},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 200
    return len(queries)


def test_a_tap_runs_the_same_queries_with_10_or_200_participants(world, login):
    client = login(world.coordinator)
    counts, changes = [], []
    for count in (10, 200):
        workshop = make_workshop(world.programme_a, title=f"Atelier de {count}")
        registrations = [register(workshop, person) for person in team(world.structure_a, count)]
        _tap_queries(client, workshop, registrations[0])
        counts.append(_tap_queries(client, workshop, registrations[-1]))
        changes.append(_tap_queries(client, workshop, registrations[-1], "absent"))
    assert counts[0] == counts[1]
    assert changes[0] == changes[1]
    # Before issue 18: 25, then 24. The user's roles are now subqueries of the one read of the
    # registration, which brings the tapped half-day along (a filtered join); the user comes with
    # their Wagtail profile and the admin's access check reads their permissions in one query; a
    # change of mark by the same person skips the reference index's rebuild (its references are the
    # same); a change of one's own mark as read is one conditional UPDATE, without a locked read.
    assert counts[0] == 15
    assert changes[0] == 9


def test_the_grid_shows_each_mark_pressed_with_a_label_naming_the_person_and_half_day(world, labo, registered, login):
    sessions = list(labo.sessions.all())
    mark_attendance(registered, sessions[1], AttendanceStatus.EXCUSED)
    html = login(world.coordinator).get(grid_url(labo)).content.decode()
    person, label = str(registered.person), sessions[1].short_label
    assert f'value="excuse" aria-pressed="true" aria-label="{person}, {label} : Excusé·e"' in html
    assert html.count('aria-pressed="true"') == 1
    assert html.count("data-attendance") == len(sessions)
    assert html.count('name="csrfmiddlewaretoken"') >= len(sessions)


def test_two_people_with_one_name_are_told_apart_by_their_structure_on_the_grid(world, labo, registered, login):
    other = StructureFactory(name="Centre social C")
    other.programmes.add(world.programme_a)
    labo.invited_structures.add(other)
    for structure in (world.structure_a, other):
        register(labo, PersonFactory(first_name="Dominique", last_name="Prototype", structure=structure))
    html = login(world.coordinator).get(grid_url(labo)).content.decode()
    label = labo.sessions.first().short_label
    assert html.count(f'aria-label="Dominique Prototype (Centre social A), {label} : Absent·e"') == 1
    assert html.count(f'aria-label="Dominique Prototype (Centre social C), {label} : Absent·e"') == 1
    # Someone whose name is theirs alone is named as before.
    assert f'aria-label="{registered.person}, {label} : Absent·e"' in html


def test_a_funder_sees_the_marks_read_only(world, labo, registered, login):
    mark_attendance(registered, labo.sessions.first(), AttendanceStatus.PRESENT)
    html = login(world.funder).get(grid_url(labo)).content.decode()
    assert '<td class="att-cell">Présent·e</td>' in html and "data-attendance" not in html


def test_the_workshop_list_counts_each_workshops_half_days_and_active_registrations(world, labo, login):
    people = [register(labo, person) for person in team(world.structure_a, 3)]
    cancel_registration(people[0])
    make_workshop(world.programme_a, title="Deuxième atelier")
    html = login(world.coordinator).get(reverse("wagtailsnippets_ateliers_workshop:list")).content.decode()
    row = html[html.index(f"snippet_{labo.pk}_title") :]
    cells = "".join(row[: row.index("</tr>")].split())
    assert "<td>6</td><td>2</td>" in cells


def test_a_tap_on_another_programmes_workshop_is_not_found_and_on_a_read_only_one_refused(
    world, labo, labo_b, registered, login
):
    theirs = register(labo_b, world.person_b)
    response = login(world.coordinator).post(
        grid_url(labo_b), {"registration": theirs.pk, "session": labo_b.sessions.first().pk, "status": "present"}
    )
    assert response.status_code == 404
    response = login(world.funder).post(
        grid_url(labo),
        {"registration": registered.pk, "session": labo.sessions.first().pk, "status": "present"},
        HTTP_ACCEPT="application/json",
    )
    # Wagtail answers the PermissionDenied with a redirect to the dashboard and its message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("session", ["of another workshop", "unknown", "not a number"])
def test_a_tap_on_a_half_day_of_another_workshop_is_refused_in_french(world, labo, registered, login, session):
    other = make_workshop(world.programme_a, title="Autre atelier")
    value = {"of another workshop": other.sessions.first().pk, "unknown": 999999, "not a number": "x'"}[session]
    response = login(world.coordinator).post(
        grid_url(labo),
        {"registration": registered.pk, "session": value, "status": "present"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == ["Cette demi-journée n'appartient pas à cet atelier."]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("meanwhile", ["same person", "colleague"])
def test_a_tap_on_a_mark_changed_since_it_was_read_keeps_the_true_previous_mark(world, labo, registered, meanwhile):
    """Two tablets at the door: the tap read « présent », someone changed it to « excusé » before the
    tap's write; the history must say excusé → absent, and name who recorded it last."""
    session = labo.sessions.first()
    colleague = UserFactory(username="collegue")
    read_by_tap = mark_attendance(registered, session, AttendanceStatus.PRESENT, user=world.coordinator)
    stale = Attendance.objects.get(pk=read_by_tap.pk)
    other = world.coordinator if meanwhile == "same person" else colleague
    mark_attendance(registered, session, AttendanceStatus.EXCUSED, user=other)

    mark = mark_attendance(registered, session, AttendanceStatus.ABSENT, user=world.coordinator, current=stale)

    mark.refresh_from_db()
    assert (mark.status, mark.recorded_by) == (AttendanceStatus.ABSENT, world.coordinator)
    history = AttendanceChange.objects.order_by("pk").values_list("previous_status", "status", "changed_by")
    assert list(history)[-1] == ("excuse", "absent", world.coordinator.pk)


def test_a_mark_changed_by_a_colleague_records_them_and_the_same_tap_twice_changes_nothing(
    world, labo, registered, login
):
    session = labo.sessions.first()
    facilitator = UserFactory(username="facilitation")
    ProgrammeRole.objects.create(user=facilitator, programme=world.programme_a, role=ProgrammeRoleKind.FACILITATOR)
    taps = [(world.coordinator, "present"), (facilitator, "absent"), (facilitator, "absent"), (facilitator, "excuse")]
    for user, status in taps:
        response = login(user).post(
            grid_url(labo),
            {"registration": registered.pk, "session": session.pk, "status": status},
            HTTP_ACCEPT="application/json",
        )
        assert response.json()["label"] == AttendanceStatus(status).label
    mark = Attendance.objects.get()
    assert (mark.status, mark.recorded_by) == (AttendanceStatus.EXCUSED, facilitator)
    assert response.json()["recorded_at"] == mark.recorded_at.isoformat()
    history = AttendanceChange.objects.order_by("pk").values_list("previous_status", "status", "changed_by")
    assert list(history) == [
        ("", "present", world.coordinator.pk),
        ("present", "absent", facilitator.pk),
        ("absent", "excuse", facilitator.pk),
    ]
    # Wagtail's reference index (« used by ») names who recorded the mark now.
    recorder = ReferenceIndex.get_references_for_object(mark).filter(model_path="recorded_by")
    assert list(recorder.values_list("to_object_id", flat=True)) == [str(facilitator.pk)]
