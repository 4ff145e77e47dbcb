"""Two-factor authentication: a code after the password for users who enrolled an app."""

import base64
import hashlib
import hmac
import html
import struct
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
ADMIN = reverse("wagtailadmin_home")
VERIFY = reverse("lab_two_factor_verify")
SETUP = reverse("lab_two_factor")


def totp_code(device, offset=0):
    """The code an authenticator app shows now for ``device`` (RFC 6238, computed here, not by django-otp)."""
    counter = int(time.time() - device.t0) // device.step + offset
    digest = hmac.new(device.bin_key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[start : start + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**device.digits:0{device.digits}d}"


def wrong_code(device):
    valid = {totp_code(device, offset) for offset in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def let_the_throttle_pass(device):
    """django-otp asks to wait 1 s, then 2, 4… after a wrong code: the test does not sleep."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()


def text(response):
    return html.unescape(response.content.decode())


def password_login(client, username):
    response = client.post(LOGIN, {"username": username, "password": "motdepasse", "next": ADMIN})
    assert response.status_code == 302
    return response


@pytest.fixture
def enrolled(world):
    """The structure administrator, with a confirmed authenticator app."""
    return TOTPDevice.objects.create(user=world.owner, name="Téléphone", confirmed=True)


def test_a_user_with_a_device_cannot_reach_the_admin_with_the_password_alone(client, enrolled):
    password_login(client, "owner")
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    # Nor the SMS module, nor any other page of the site that a login opens.
    assert client.get(reverse("alertes:member_list")).url.startswith(VERIFY)
    page = text(client.get(response.url))
    assert "Code de vérification" in page
    assert "saisissez le code qu'elle affiche" in page


def test_the_right_code_opens_the_admin(client, enrolled):
    password_login(client, "owner")
    response = client.post(VERIFY, {"code": totp_code(enrolled), "next": ADMIN})
    assert response.status_code == 302
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_is_refused_in_french(client, enrolled):
    password_login(client, "owner")
    response = client.post(VERIFY, {"code": wrong_code(enrolled), "next": ADMIN})
    assert response.status_code == 200
    assert "Code incorrect ou expiré" in text(response)
    assert client.get(ADMIN).status_code == 302


def test_letters_are_refused_in_french(client, enrolled):
    password_login(client, "owner")
    response = client.post(VERIFY, {"code": "abcdef", "next": ADMIN})
    assert "Le code ne contient que des chiffres" in text(response)


def test_a_code_cannot_be_used_twice(client, enrolled):
    code = totp_code(enrolled)
    password_login(client, "owner")
    client.post(VERIFY, {"code": code, "next": ADMIN})
    client.post(reverse("wagtailadmin_logout"))
    password_login(client, "owner")
    response = client.post(VERIFY, {"code": code, "next": ADMIN})
    assert "Code incorrect ou expiré" in text(response)
    assert client.get(ADMIN).status_code == 302


def test_it_does_not_redirect_to_another_site_after_the_code(client, enrolled):
    password_login(client, "owner")
    response = client.post(VERIFY, {"code": totp_code(enrolled), "next": "https://exemple.invalid/"})
    assert response.url == ADMIN


def test_a_user_without_a_device_logs_in_as_before(client, world):
    password_login(client, "owner")
    assert client.get(ADMIN).status_code == 200


def test_the_account_settings_link_to_the_two_factor_page(client, world):
    password_login(client, "owner")
    page = text(client.get(reverse("wagtailadmin_account")))
    assert "Authentification à deux facteurs" in page
    assert SETUP in page


def test_a_user_enrols_an_app_by_scanning_the_qr_code_and_confirming_a_code(client, world):
    password_login(client, "owner")
    page = text(client.get(SETUP))
    assert "scannez ce code QR" in page
    qr = client.get(reverse("lab_two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    pending = TOTPDevice.objects.get(user=world.owner, confirmed=False)
    # The key shown for manual entry is the device's.
    assert base64.b32encode(pending.bin_key).decode() in page

    refused = client.post(SETUP, {"code": wrong_code(pending)})
    assert "Code incorrect ou expiré" in text(refused)
    assert not TOTPDevice.objects.filter(user=world.owner, confirmed=True).exists()
    let_the_throttle_pass(pending)

    response = client.post(SETUP, {"code": totp_code(pending)}, follow=True)
    assert "L'authentification à deux facteurs est activée" in text(response)
    assert TOTPDevice.objects.filter(user=world.owner, confirmed=True).count() == 1
    # This session stays open; the next login asks for a code.
    assert client.get(ADMIN).status_code == 200
    client.post(reverse("wagtailadmin_logout"))
    password_login(client, "owner")
    assert client.get(ADMIN).url.startswith(VERIFY)


def test_a_user_removes_their_app_with_a_current_code(client, enrolled):
    password_login(client, "owner")
    client.post(VERIFY, {"code": totp_code(enrolled), "next": ADMIN})
    refused = client.post(SETUP, {"action": "remove", "code": wrong_code(enrolled)})
    assert "Code incorrect ou expiré" in text(refused)
    assert TOTPDevice.objects.filter(user=enrolled.user).exists()
    let_the_throttle_pass(enrolled)
    client.post(SETUP, {"action": "remove", "code": totp_code(enrolled, offset=1)})
    assert not TOTPDevice.objects.filter(user=enrolled.user).exists()
    client.post(reverse("wagtailadmin_logout"))
    password_login(client, "owner")
    assert client.get(ADMIN).status_code == 200


def test_repeated_wrong_codes_make_the_user_wait(client, enrolled):
    password_login(client, "owner")
    client.post(VERIFY, {"code": wrong_code(enrolled), "next": ADMIN})
    response = client.post(VERIFY, {"code": totp_code(enrolled), "next": ADMIN})
    assert "Trop de codes erronés" in text(response)


def test_a_required_role_without_a_device_is_sent_to_enrolment(client, world, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["superuser", "funder"]
    password_login(client, "funder")
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == SETUP
    assert client.get(reverse("alertes:home")).url == SETUP
    assert "Votre rôle exige l'authentification à deux facteurs" in text(client.get(SETUP))
    pending = TOTPDevice.objects.get(user=world.funder, confirmed=False)
    client.post(SETUP, {"code": totp_code(pending)})
    assert client.get(ADMIN).status_code == 200


def test_a_role_that_is_not_required_logs_in_as_before(client, world, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["superuser", "funder"]
    password_login(client, "owner")
    assert client.get(ADMIN).status_code == 200


def test_a_structure_role_can_be_required(client, world, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["structure:admin"]
    password_login(client, "owner")
    assert client.get(ADMIN).url == SETUP
    client.post(reverse("wagtailadmin_logout"))
    password_login(client, "colleague")
    assert client.get(ADMIN).status_code == 200


def test_an_administrator_removes_a_lost_phone_with_a_command(client, enrolled):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("two_factor_reset", "owner", stdout=out)
    assert "1 appareil(s) retiré(s)" in out.getvalue()
    password_login(client, "owner")
    assert client.get(ADMIN).status_code == 200
