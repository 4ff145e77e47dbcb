"""The SMS provider's webhook: known backends only, signed over a timestamp, no replay."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.alertes.fake_gateway import webhook_call

pytestmark = pytest.mark.django_db

SECRET = "test-webhook-secret"
STOP = {"type": "inbound", "from": "+33612345601", "text": "STOP"}


def post(client, body, headers, backend="http"):
    return client.post(
        reverse("alertes:webhook", args=[backend]), body, content_type="application/json", headers=headers
    )


def still_consents(alertes):
    alertes.alice.refresh_from_db()
    return alertes.alice.consent


def test_a_fresh_signed_call_is_accepted(alertes, client):
    response = post(client, *webhook_call(STOP, SECRET))
    assert response.status_code == 200
    assert response.json() == {"handled": 1}
    assert not still_consents(alertes)


def test_an_unknown_backend_in_the_url_is_not_found(alertes, client):
    response = post(client, *webhook_call(STOP, SECRET), backend="inconnu")
    assert response.status_code == 404
    assert still_consents(alertes)


def test_a_call_signed_six_minutes_ago_is_refused_and_logged(alertes, client, caplog):
    six_minutes_ago = int(timezone.now().timestamp()) - 6 * 60
    response = post(client, *webhook_call(STOP, SECRET, timestamp=six_minutes_ago))
    assert response.status_code == 403
    assert "timestamp outside the tolerance" in caplog.text
    assert still_consents(alertes)


def test_a_call_dated_six_minutes_ahead_is_refused(alertes, client):
    ahead = int(timezone.now().timestamp()) + 6 * 60
    assert post(client, *webhook_call(STOP, SECRET, timestamp=ahead)).status_code == 403
    assert still_consents(alertes)


def test_a_captured_valid_call_replayed_later_is_refused(alertes, client):
    body, headers = webhook_call({"type": "status", "id": "inconnu", "status": "delivered"}, SECRET)
    assert post(client, body, headers).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        assert post(client, body, headers).status_code == 403


def test_a_captured_valid_call_replayed_at_once_is_refused(alertes, client):
    body, headers = webhook_call({"type": "status", "id": "inconnu", "status": "delivered"}, SECRET)
    assert post(client, body, headers).status_code == 200
    assert post(client, body, headers).status_code == 403


def test_a_tampered_body_is_refused(alertes, client):
    body, headers = webhook_call({"type": "inbound", "from": "+33600000000", "text": "STOP"}, SECRET)
    tampered = body.replace(b"+33600000000", b"+33612345601")
    assert post(client, tampered, headers).status_code == 403
    assert still_consents(alertes)


def test_a_changed_timestamp_is_refused(alertes, client):
    body, headers = webhook_call(STOP, SECRET)
    headers["X-Labo-Timestamp"] = str(int(headers["X-Labo-Timestamp"]) + 1)
    assert post(client, body, headers).status_code == 403
    assert still_consents(alertes)


def test_a_call_without_timestamp_or_with_the_old_signature_alone_is_refused(alertes, client):
    body, headers = webhook_call(STOP, SECRET)
    assert post(client, body, {"X-Labo-Signature": headers["X-Labo-Signature"]}).status_code == 403
    assert post(client, body, {**headers, "X-Labo-Timestamp": "hier"}).status_code == 403
    assert still_consents(alertes)
