"""Shared fixtures: two programmes, two structures, and the people who must or must not see them.

Following healthchecks' test base: every protected view is tried by its owner, a colleague of
the same structure, and an outsider from another structure who must be refused.
"""

import os
from types import SimpleNamespace

import pytest

from lab.choices import ProgrammeRoleKind, StructureRoleKind
from lab.models import ProgrammeRole, StructureMembership
from tests.factories import (
    PersonFactory,
    StructureFactory,
    UserFactory,
    ensure_wagtail_base,
    home_page,
    make_programme,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (public pages, counters), as after a deployment."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    # Content types are cached by id for the process (Django's manager, Wagtail's form types): one
    # created in a module's rolled-back demo transaction (``module_demo``) would outlive its row.
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.forms.utils import get_form_types

    ContentType.objects.clear_cache()
    get_form_types.cache_clear()


@pytest.fixture
def db(db):
    """pytest-django's ``db``, with Wagtail's base rows: a transactional test that ran before on the
    same worker flushed them, and the demo and the image model need them."""
    ensure_wagtail_base()


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def world(home):
    """Programme A with structure A, programme B with structure B, and one user per role."""
    programme_a = make_programme("Programme A")
    programme_b = make_programme("Programme B")
    structure_a = StructureFactory(name="Centre social A")
    structure_b = StructureFactory(name="Centre social B")
    structure_a.programmes.add(programme_a)
    structure_b.programmes.add(programme_b)

    def member(username, structure, role):
        user = UserFactory(username=username)
        StructureMembership.objects.create(user=user, structure=structure, role=role)
        return user

    def programme_user(username, programme, role):
        user = UserFactory(username=username)
        ProgrammeRole.objects.create(user=user, programme=programme, role=role)
        return user

    return SimpleNamespace(
        programme_a=programme_a,
        programme_b=programme_b,
        structure_a=structure_a,
        structure_b=structure_b,
        person_a=PersonFactory(structure=structure_a, first_name="Alice"),
        person_b=PersonFactory(structure=structure_b, first_name="Bruno"),
        owner=member("owner", structure_a, StructureRoleKind.ADMIN),
        colleague=member("colleague", structure_a, StructureRoleKind.TEAM),
        animateur=member("animateur", structure_a, StructureRoleKind.ANIMATEUR),
        outsider=member("outsider", structure_b, StructureRoleKind.ADMIN),
        coordinator=programme_user("coordinator", programme_a, ProgrammeRoleKind.COORDINATOR),
        funder=programme_user("funder", programme_a, ProgrammeRoleKind.FUNDER),
        admin=UserFactory(username="admin", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def login(client):
    """Log ``user`` in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def wagtail_base(transactional_db):
    """Wagtail's base rows, which a transactional test's flush removes."""
    ensure_wagtail_base()


def redis_test_client(url, needed_by):
    """A client of the Redis database ``url``, flushed: only tests use it.

    Without a server the test is skipped, except where REQUIRE_REDIS=1 (CI), where it fails.
    """
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        reason = f"no Redis server at {url} ({error}): {needed_by} need one"
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(reason + " (REQUIRE_REDIS=1)")
        pytest.skip(reason)
    client.flushdb()
    return client


@pytest.fixture
def redis_lock(tmp_path_factory):
    """Held for the whole test: tests that flush a Redis database run one at a time, whatever the
    number of pytest-xdist workers (they share the machine's Redis server)."""
    import fcntl

    path = tmp_path_factory.getbasetemp().parent / "labo-commun-redis.lock"
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
        fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo built from the seeds, loaded once for the test module in a transaction rolled back
    after its last test: each test runs in a savepoint of it (the ``db`` fixture), so what one test
    changes, the next does not see. Only for modules whose every test uses the demo. Yields how long
    the load took, in seconds (``load_seconds``)."""
    import io
    import time

    from django.core.management import call_command
    from django.db import transaction

    from lab.builders import ensure_wagtail_base

    saved = os.environ.get("DEMO_PASSWORD")
    os.environ["DEMO_PASSWORD"] = "demo-module"  # noqa: S105 (never written to var/)
    started = time.monotonic()
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            ensure_wagtail_base()
            call_command("load_demo", stdout=io.StringIO())
            yield SimpleNamespace(load_seconds=time.monotonic() - started)
        finally:
            transaction.set_rollback(True)
            if saved is None:
                os.environ.pop("DEMO_PASSWORD", None)
            else:
                os.environ["DEMO_PASSWORD"] = saved
