"""Failed logins are throttled per username and address; sessions end when idle and after a while."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
ADMIN = reverse("wagtailadmin_home")


def attempt(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def editor(world):
    """A user who may open the admin (a structure administrator, in the staff group)."""
    return world.owner


def logged_in(client):
    return client.get(ADMIN).status_code == 200


def test_the_right_password_logs_in(client, editor):
    response = attempt(client, "owner", "motdepasse")
    assert response.status_code == 302
    assert logged_in(client)


def test_a_wrong_password_says_so_in_french(client, editor):
    response = attempt(client, "owner", "erreur")
    assert response.status_code == 200
    assert "ne correspondent à aucun utilisateur" in response.content.decode()
    assert not logged_in(client)


def test_it_refuses_the_right_password_after_five_wrong_ones_with_a_french_page(client, editor):
    for _ in range(5):
        attempt(client, "owner", "erreur")
    response = attempt(client, "owner", "motdepasse")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Connexion bloquée" in page
    assert "après 5 mots de passe erronés" in page
    assert "Réessayez dans 15 minutes" in page
    assert not logged_in(client)


def test_four_wrong_passwords_do_not_lock_and_success_resets_the_count(client, editor):
    for _ in range(4):
        attempt(client, "owner", "erreur")
    assert attempt(client, "owner", "motdepasse").status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "owner", "erreur")
    assert attempt(client, "owner", "motdepasse").status_code == 302


def test_another_user_from_the_same_address_is_not_locked_out(client, world):
    for _ in range(5):
        attempt(client, "owner", "erreur")
    response = attempt(client, "colleague", "motdepasse")
    assert response.status_code == 302
    assert logged_in(client)


def test_the_same_user_from_another_address_is_not_locked_out(client, editor):
    for _ in range(5):
        attempt(client, "owner", "erreur", address="192.0.2.10")
    assert attempt(client, "owner", "motdepasse", address="198.51.100.7").status_code == 302


def test_it_lets_the_user_in_again_after_the_cool_off(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(5):
            attempt(client, "owner", "erreur")
        traveller.shift(datetime.timedelta(minutes=14))
        # Trying during the lockout does not push its end back: the page's « 15 minutes » holds.
        assert attempt(client, "owner", "motdepasse").status_code == 429
        traveller.shift(datetime.timedelta(minutes=2))
        response = attempt(client, "owner", "motdepasse")
        assert response.status_code == 302
        assert logged_in(client)


def test_an_administrator_unlocks_a_user_with_a_command(client, editor):
    for _ in range(5):
        attempt(client, "owner", "erreur")
    assert attempt(client, "owner", "motdepasse").status_code == 429
    call_command("axes_reset_username", "owner")
    assert attempt(client, "owner", "motdepasse").status_code == 302


def test_the_address_behind_trusted_proxies_is_the_one_counted(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "owner", "password": "erreur"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    # Another visitor behind the same load balancer is not blocked…
    response = client.post(
        LOGIN,
        {"username": "owner", "password": "motdepasse"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 302
    client.logout()
    # …and the blocked one cannot escape by writing another address to the left of the header.
    response = client.post(
        LOGIN,
        {"username": "owner", "password": "motdepasse"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5",
    )
    assert response.status_code == 429


# --- One address trying many usernames ------------------------------------------------------------


def spray(client, count=20, address="192.0.2.10"):
    """Wrong passwords for ``count`` different usernames from one address (four each at most)."""
    for number in range(count):
        attempt(client, f"inconnu{number}", "erreur", address=address)


def test_twenty_wrong_logins_with_different_usernames_lock_the_address_with_a_french_page(client, editor):
    spray(client, 19)
    assert attempt(client, "owner", "motdepasse").status_code == 302
    client.logout()
    attempt(client, "personne", "erreur")  # the 20th failure from this address
    response = attempt(client, "owner", "motdepasse")
    assert response.status_code == 429
    page = response.content.decode().replace("&#x27;", "'")
    assert "Connexion bloquée" in page
    assert "toute connexion depuis cette adresse est bloquée" in page
    assert "après 20 mots de passe erronés" in page
    assert not logged_in(client)


def test_a_locked_address_does_not_affect_another_address(client, editor):
    spray(client)
    assert attempt(client, "owner", "motdepasse", address="198.51.100.7").status_code == 302


def test_a_locked_address_refuses_the_right_password_until_the_cool_off(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        spray(client)
        traveller.shift(datetime.timedelta(minutes=14))
        assert attempt(client, "owner", "motdepasse").status_code == 429
        assert attempt(client, "colleague", "motdepasse").status_code == 429
        traveller.shift(datetime.timedelta(minutes=2))
        assert attempt(client, "owner", "motdepasse").status_code == 302
        assert logged_in(client)


def test_an_administrator_unlocks_an_address_with_a_command(client, editor):
    spray(client)
    assert attempt(client, "owner", "motdepasse").status_code == 429
    call_command("axes_reset_ip", "192.0.2.10")
    assert attempt(client, "owner", "motdepasse").status_code == 302


def test_a_site_administrator_unlocks_an_address_from_the_admin(client, world):
    spray(client)
    admin = client.__class__()
    admin.force_login(world.admin)
    page = admin.get(reverse("lab_lockouts")).content.decode().replace("&#x27;", "'")
    assert "Adresses bloquées" in page
    assert "Débloquer l'adresse 192.0.2.10" in page
    admin.post(reverse("lab_lockouts"), {"address": "192.0.2.10"})
    page = admin.get(reverse("lab_lockouts")).content.decode().replace("&#x27;", "'")
    assert "Aucune adresse n'est bloquée" in page
    assert attempt(client, "owner", "motdepasse").status_code == 302


# --- Sessions --------------------------------------------------------------------------------------


def test_an_idle_session_is_logged_out(client, editor, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        attempt(client, "owner", "motdepasse")
        assert logged_in(client)
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = client.get(ADMIN)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


def test_an_active_session_stays_open(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        attempt(client, "owner", "motdepasse")
        for _ in range(4):
            traveller.shift(datetime.timedelta(minutes=90))
            assert logged_in(client)


def test_clicks_within_a_minute_write_the_session_once(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        attempt(client, "owner", "motdepasse")
        client.get(ADMIN)  # the first request after the login pushes the expiry back
        expiry = Session.objects.get().expire_date
        traveller.shift(datetime.timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ADMIN).status_code == 200
        assert not [q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
        assert Session.objects.get().expire_date == expiry
        traveller.shift(datetime.timedelta(seconds=31))
        client.get(ADMIN)
        assert Session.objects.get().expire_date == expiry + datetime.timedelta(seconds=61)


def test_even_an_active_session_ends_after_its_absolute_lifetime(client, editor, settings):
    settings.SESSION_ABSOLUTE_LIFETIME = datetime.timedelta(hours=12)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        attempt(client, "owner", "motdepasse")
        for _ in range(7):
            traveller.shift(datetime.timedelta(minutes=100))
            assert logged_in(client)
        traveller.shift(datetime.timedelta(minutes=100))
        response = client.get(ADMIN)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
        follow = client.get(response.url)
        assert "Votre session a expiré" in follow.content.decode()


def test_a_user_without_a_session_sees_no_change(client, db):
    UserFactory(username="nobody")
    assert client.get(ADMIN).status_code == 302


def test_a_site_administrator_unlocks_a_user_from_the_admin(client, world):
    for _ in range(5):
        attempt(client, "owner", "erreur")
    admin = client.__class__()
    admin.force_login(world.admin)
    page = admin.get(reverse("lab_lockouts"))
    assert "Débloquer owner" in page.content.decode()
    from axes.models import AccessAttempt

    admin.post(reverse("lab_lockouts"), {"attempt": AccessAttempt.objects.get(username="owner").pk})
    assert "Aucune connexion n'est bloquée" in admin.get(reverse("lab_lockouts")).content.decode().replace(
        "&#x27;", "'"
    )
    assert attempt(client, "owner", "motdepasse").status_code == 302


def test_only_site_administrators_see_the_lockouts(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("lab_lockouts"))
    # Wagtail turns the refusal into a redirect to the dashboard with its « permission » message.
    assert response.status_code == 302
    assert response.url == ADMIN


def test_an_anonymous_public_request_does_not_touch_the_session():
    from django.test import RequestFactory

    from lab.infra.security import SessionLifetimeMiddleware
    from lab.infra.two_factor import TwoFactorMiddleware

    request = RequestFactory().get("/")

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError("the session was read")

        def get(self, *args):
            raise AssertionError("the session was read")

    request.session = Untouchable()
    request.user = Untouchable()
    assert SessionLifetimeMiddleware(lambda r: "page")(request) == "page"
    assert TwoFactorMiddleware(lambda r: "page")(request) == "page"
