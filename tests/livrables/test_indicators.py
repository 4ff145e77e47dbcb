"""The funders' indicators: what they count, and the dashboard's queries whatever the programme's size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers.choices import AttendanceStatus, RegistrationStatus
from ateliers.services.attendance import add_walk_in, mark_attendance
from ateliers.services.registrations import register
from lab.choices import Gender, PersonRole
from livrables import indicators
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory, StructureFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 6, 30)


def _workshop_with(programme, people, *, start=datetime.date(2021, 5, 4), present=(0,), title="Labo"):
    """A workshop of 2 half-days with ``people`` registered, present at the half-days ``present``,
    absent at the others."""
    workshop = make_workshop(programme, days=1, start=start, title=title)
    sessions = list(workshop.sessions.all())
    for person in people:
        registration = register(workshop, person)
        for n, session in enumerate(sessions):
            status = AttendanceStatus.PRESENT if n in present else AttendanceStatus.ABSENT
            mark_attendance(registration, session, status)
    return workshop


def test_it_counts_each_person_once_by_role_and_gender_and_each_structure_once(world):
    other_structure = StructureFactory(name="Centre social C")
    alice = PersonFactory(structure=world.structure_a, role=PersonRole.AGENT, gender=Gender.FEMALE)
    bob = PersonFactory(structure=world.structure_a, role=PersonRole.ELU, gender=Gender.MALE)
    chloe = PersonFactory(structure=other_structure, role=PersonRole.AGENT, gender=Gender.FEMALE)
    absent = PersonFactory(structure=other_structure, role=PersonRole.BENEVOLE, gender=Gender.MALE)
    _workshop_with(world.programme_a, [alice, bob, chloe], present=(0, 1))
    _workshop_with(world.programme_a, [alice, absent], start=datetime.date(2021, 5, 10), present=())
    # Another programme's marks, and a half-day still to come, count for nothing.
    _workshop_with(world.programme_b, [PersonFactory(structure=world.structure_b, role=PersonRole.HABITANT)])
    _workshop_with(world.programme_a, [absent], start=datetime.date(2021, 9, 1))

    figures = indicators.compute(world.programme_a, today=TODAY)

    assert (figures.workshops_held, figures.half_days) == (2, 4)
    assert figures.participants == 3
    assert figures.participants_by_role == [("Agent", 2), ("Élu·e", 1)]
    assert figures.participants_by_gender == [("Femme", 2), ("Homme", 1)]
    assert figures.structures_reached == 2
    assert (figures.attended, figures.expected) == (6, 10)
    assert figures.attendance_rate == 60


def test_a_period_counts_only_its_half_days(world):
    alice = PersonFactory(structure=world.structure_a, role=PersonRole.AGENT, gender=Gender.FEMALE)
    bob = PersonFactory(structure=world.structure_a, role=PersonRole.ELU, gender=Gender.MALE)
    _workshop_with(world.programme_a, [alice])
    _workshop_with(world.programme_a, [bob], start=datetime.date(2021, 6, 1), title="Labo de juin")

    figures = indicators.compute(world.programme_a, datetime.date(2021, 5, 15), None, today=TODAY)

    assert (figures.workshops_held, figures.half_days, figures.participants) == (1, 2, 1)
    assert figures.participants_by_role == [("Élu·e", 1)]
    assert (figures.attended, figures.expected) == (1, 2)


def _dashboard_queries(client, programme):
    url = reverse("livrables_indicators", args=[programme.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_queries_with_1_or_6_workshops(world, login):
    client = login(world.coordinator)
    _workshop_with(world.programme_a, [PersonFactory(structure=world.structure_a)])
    small = _dashboard_queries(client, world.programme_a)
    for n in range(5):
        people = [PersonFactory(structure=world.structure_a, role=PersonRole.ELU) for _ in range(4)]
        _workshop_with(world.programme_a, people, start=datetime.date(2021, 3, 1 + n), title=f"Labo {n}")
    assert _dashboard_queries(client, world.programme_a) == small
    # 33 before the people present were read once (issue 18); one more since walk-ins are expected only from
    # the half-day they came (their earlier half-days are counted apart, issue 14); 24 since the structures'
    # rates reuse the figures' half-days, marks and registrations and the bilan alone reads the deliverables.
    assert small <= 24


def test_the_dashboard_shows_each_structures_rate_with_walk_ins_and_cancellations(world, login):
    """The structure's rate counts a walk-in from the half-day they came and leaves out a cancelled
    registration's marks, which still count its person among the participants."""
    alice = PersonFactory(structure=world.structure_a, role=PersonRole.AGENT)
    carol = PersonFactory(structure=world.structure_a, role=PersonRole.ELU)
    workshop = _workshop_with(world.programme_a, [alice, carol], present=(0, 1))
    carol_registration = workshop.registrations.get(person=carol)
    carol_registration.status = RegistrationStatus.CANCELLED
    carol_registration.save()
    add_walk_in(
        workshop, first_name="Zoé", last_name="Arrivée", structure=world.structure_a, session=workshop.sessions.last()
    )

    response = login(world.coordinator).get(reverse("livrables_indicators", args=[world.programme_a.pk]))

    # Alice on both half-days, the walk-in on the second only: 3 expected, 3 attended.
    assert "<tr><td>Centre social A</td><td>100 % (3/3)</td>" in response.content.decode()
    figures = response.context["figures"]
    assert figures.participants == 3
    assert figures.participants_by_role == [("Agent", 1), ("Élu·e", 1), ("Habitant·e", 1)]
