"""Fixtures of the Alertes SMS tests: the in-memory backend, two structures' members, a fake gateway."""

import datetime
from types import SimpleNamespace

import pytest

from alertes.backends import locmem
from alertes.models import Group, Member
from tests.alertes.fake_gateway import FakeGateway


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Every test sends through the in-memory backend unless it says otherwise."""
    settings.ALERTES_SMS_BACKEND = "alertes.backends.locmem.LocmemBackend"
    settings.ALERTES_WEBHOOK_SECRET = "test-webhook-secret"
    locmem.outbox.clear()
    locmem.failures.clear()
    yield locmem.outbox
    locmem.outbox.clear()
    locmem.failures.clear()


@pytest.fixture
def gateway(settings):
    """A real HTTP fake provider on 127.0.0.1:<random port>, with the HTTP backend pointed at it."""
    fake = FakeGateway(api_key="test-key").start()
    settings.ALERTES_SMS_BACKEND = "alertes.backends.http.HttpBackend"
    settings.ALERTES_HTTP_URL = fake.url
    settings.ALERTES_HTTP_API_KEY = "test-key"
    settings.ALERTES_HTTP_TIMEOUT = 5
    yield fake
    fake.stop()


def make_member(structure, last_name, first_name, phone, *, consent=True, groups=(), birth=None, **extra):
    member = Member.objects.create(
        structure=structure,
        last_name=last_name,
        first_name=first_name,
        phone=phone,
        birth_date=birth or datetime.date(1985, 4, 12),
        consent=consent,
        **extra,
    )
    member.groups.set(groups)
    return member


@pytest.fixture
def alertes(world):
    """Groups and members in structure A and structure B (which A must never see)."""
    jeunesse = Group.objects.create(structure=world.structure_a, name="Jeunesse")
    rsa = Group.objects.create(structure=world.structure_a, name="RSA")
    culture_b = Group.objects.create(structure=world.structure_b, name="Culture")
    return SimpleNamespace(
        world=world,
        jeunesse=jeunesse,
        rsa=rsa,
        culture_b=culture_b,
        alice=make_member(world.structure_a, "Martin", "Alice", "06 12 34 56 01", groups=[jeunesse]),
        bob=make_member(world.structure_a, "Bernard", "Bob", "06 12 34 56 02", groups=[jeunesse, rsa]),
        carla=make_member(world.structure_a, "Durand", "Carla", "06 12 34 56 03", consent=False, groups=[jeunesse]),
        zoe_b=make_member(world.structure_b, "Zola", "Zoé", "06 12 34 56 09", groups=[culture_b]),
    )
