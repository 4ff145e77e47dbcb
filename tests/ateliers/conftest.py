"""Fixtures of the ateliers tests: a labo of programme A with six half-days and registered people."""

import datetime

import pytest

from ateliers.choices import HalfDay, WorkshopKind
from ateliers.models import Session, Workshop
from ateliers.services.registrations import register
from lab.choices import PersonRole
from tests.factories import PersonFactory


def make_workshop(programme, *, days=3, start=datetime.date(2021, 5, 4), **fields):
    """A workshop with ``days`` × 2 half-days starting on ``start``."""
    defaults = {"kind": WorkshopKind.LABO, "title": "Labo itinérant n°1", "place": "Mamoudzou"}
    defaults.update(fields)
    workshop = Workshop.objects.create(
        programme=programme, start_date=start, end_date=start + datetime.timedelta(days=days - 1), **defaults
    )
    for day in range(days):
        for half_day in (HalfDay.MORNING, HalfDay.AFTERNOON):
            Session.objects.create(workshop=workshop, date=start + datetime.timedelta(days=day), half_day=half_day)
    return workshop


@pytest.fixture
def labo(world):
    workshop = make_workshop(
        world.programme_a,
        max_per_structure=3,
        min_per_structure=1,
        require_agent_referent=True,
        facilitator_name="Alix Facilitation",
    )
    workshop.invited_structures.add(world.structure_a)
    workshop.save()
    return workshop


@pytest.fixture
def labo_b(world):
    workshop = make_workshop(world.programme_b, title="Labo du programme B")
    workshop.invited_structures.add(world.structure_b)
    workshop.save()
    return workshop


@pytest.fixture
def registered(world, labo):
    """Alice (agent, referent) registered to the labo."""
    world.person_a.role = PersonRole.AGENT
    world.person_a.save()
    return register(labo, world.person_a, is_referent=True)


def team(structure, count, role=PersonRole.AGENT):
    return [PersonFactory(structure=structure, role=role) for _ in range(count)]
