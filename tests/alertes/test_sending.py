import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alertes import sending
from alertes.backends import PermanentError, TransientError, locmem
from alertes.backends.base import OutgoingSms
from alertes.backends.http import HttpBackend
from alertes.choices import CampaignStatus, Channel, ConsentSource, MessageStatus, Recurrence, ReminderKind
from alertes.models import Campaign, ConsentEvent, Member, Message, Reminder, StructureSettings
from tests.alertes.fake_gateway import webhook_call

pytestmark = pytest.mark.django_db


def scheduled_campaign(alertes, channel=Channel.SMS, text="Bonjour {prenom} !"):
    campaign = Campaign.objects.create(
        structure=alertes.world.structure_a,
        title="Fête de quartier",
        category="actualite",
        text=text,
        channel=channel,
        status=CampaignStatus.SCHEDULED,
        scheduled_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    campaign.groups.set([alertes.jeunesse])
    return campaign


def test_the_http_backend_sends_to_the_gateway_with_an_idempotency_key(alertes, gateway):
    campaign = scheduled_campaign(alertes)
    assert sending.dispatch_campaign(campaign.pk) == 2
    assert sorted(body["to"] for body in gateway.requests) == ["+33612345601", "+33612345602"]
    keys = {body["idempotency_key"] for body in gateway.requests}
    assert keys == {str(uuid) for uuid in Message.objects.values_list("uuid", flat=True)}
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert all(p.startswith("gw-") for p in Message.objects.values_list("provider_id", flat=True))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_dispatching_twice_sends_nothing_twice(alertes, gateway):
    campaign = scheduled_campaign(alertes)
    sending.dispatch_campaign(campaign.pk)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SCHEDULED)  # a re-run after a crash
    sending.dispatch_campaign(campaign.pk)
    sending.sweep(stale_minutes=0)
    assert Message.objects.count() == 2
    assert len(gateway.requests) == 2


def test_a_transient_error_retries_with_backoff_then_sends(alertes, gateway):
    gateway.fail_next(503)
    campaign = scheduled_campaign(alertes)
    sending.dispatch_campaign(campaign.pk)
    retried = Message.objects.get(status=MessageStatus.PENDING)
    assert retried.attempts == 1 and retried.next_attempt_at > timezone.now()
    assert "503" in retried.error
    sending.sweep()  # not due yet: nothing happens
    assert Message.objects.filter(status=MessageStatus.PENDING).count() == 1
    # The backoff has elapsed:
    Message.objects.filter(pk=retried.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    sending.sweep()
    retried.refresh_from_db()
    assert retried.status == MessageStatus.SENT and retried.attempts == 2
    assert len(gateway.delivered) == 2


def test_a_permanent_error_fails_and_marks_the_phone(alertes, gateway):
    gateway.fail_next(400)
    campaign = scheduled_campaign(alertes)
    sending.dispatch_campaign(campaign.pk)
    failed = Message.objects.get(status=MessageStatus.FAILED)
    assert failed.member.phone_invalid
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_unreachable_gateway_is_transient(settings):
    settings.ALERTES_HTTP_URL = "http://127.0.0.1:9/sms"
    with pytest.raises(TransientError):
        HttpBackend(timeout=1).send(OutgoingSms("+33612345601", "x", "", "k"))
    with pytest.raises(PermanentError):
        HttpBackend(url="ftp://example.invalid/")


def test_after_too_many_transient_errors_the_message_fails(alertes, settings):
    settings.ALERTES_MAX_ATTEMPTS = 1
    locmem.failures.append(TransientError("down"))
    campaign = scheduled_campaign(alertes)
    sending.dispatch_campaign(campaign.pk)
    assert Message.objects.filter(status=MessageStatus.FAILED).count() == 1


def test_consent_is_checked_again_at_send_time(alertes, sms_outbox):
    campaign = scheduled_campaign(alertes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sending, "enqueue_messages", lambda ids: None)
        sending.dispatch_campaign(campaign.pk)
    Member.objects.filter(pk=alertes.alice.pk).update(consent=False)
    sending.sweep()
    assert [sms.to for sms in sms_outbox] == [alertes.bob.phone]
    cancelled = Message.objects.get(member=alertes.alice)
    assert cancelled.status == MessageStatus.CANCELLED and "consentement" in cancelled.error


def test_non_consenting_members_get_no_message_row_at_all(alertes, sms_outbox):
    sending.dispatch_campaign(scheduled_campaign(alertes).pk)
    assert not Message.objects.filter(member=alertes.carla).exists()
    assert alertes.carla.phone not in [sms.to for sms in sms_outbox]


def test_the_sweep_revives_messages_left_sending_by_a_dead_worker(alertes, sms_outbox):
    campaign = scheduled_campaign(alertes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sending, "enqueue_messages", lambda ids: None)
        sending.dispatch_campaign(campaign.pk)
    stale = timezone.now() - datetime.timedelta(hours=1)
    Message.objects.update(status=MessageStatus.SENDING, claimed_at=stale, attempts=1)
    result = sending.sweep()
    assert result["revived"] == 2
    assert len(sms_outbox) == 2
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


def test_email_and_sms_channels(alertes, sms_outbox):
    Member.objects.filter(pk=alertes.alice.pk).update(email="alice@exemple.invalid")
    campaign = scheduled_campaign(alertes, channel=Channel.BOTH)
    sending.dispatch_campaign(campaign.pk)
    assert len(sms_outbox) == 2
    assert [m.to for m in mail.outbox] == [["alice@exemple.invalid"]]
    assert mail.outbox[0].subject == "Fête de quartier"


def test_a_reminder_is_sent_before_its_date_and_never_after(alertes, sms_outbox):
    StructureSettings.objects.create(
        structure=alertes.world.structure_a, send_from=datetime.time(0, 0), send_until=datetime.time(23, 59)
    )
    today = timezone.localdate()
    reminder = Reminder.objects.create(
        structure=alertes.world.structure_a,
        member=alertes.alice,
        kind=ReminderKind.FRANCE_TRAVAIL,
        text="Bonjour {prenom}, actualisation avant le {date}.",
        date=today + datetime.timedelta(days=5),
        recurrence=Recurrence.MONTHLY,
        lead_days=2,
    )
    sending.sweep()
    assert sms_outbox == []  # too early
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=3))
        sending.dispatch_reminders(now=timezone.now() + datetime.timedelta(days=3))
    assert len(sms_outbox) == 1
    assert (
        sms_outbox[0].text == f"Bonjour Alice, actualisation avant le {(today + datetime.timedelta(days=5)):%d/%m/%Y}."
    )
    # Once more the same day: nothing new (one message per occurrence).
    sending.dispatch_reminders(now=timezone.now() + datetime.timedelta(days=3))
    assert Message.objects.filter(reminder=reminder).count() == 1


def test_a_late_reminder_is_dropped_and_says_so(alertes, sms_outbox):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    reminder = Reminder.objects.create(
        structure=alertes.world.structure_a, member=alertes.alice, kind=ReminderKind.DOCUMENT, text="x", date=yesterday
    )
    message = Message.objects.create(
        structure=alertes.world.structure_a,
        reminder=reminder,
        occurrence=yesterday,
        member=alertes.alice,
        to=alertes.alice.phone,
        text="x",
    )
    sending.send_messages([message.pk])
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED and "passée" in message.error
    assert sms_outbox == []


def signed_post(client, payload, secret="test-webhook-secret"):
    body, headers = webhook_call(payload, secret)
    return client.post(
        reverse("alertes:webhook", args=["http"]), body, content_type="application/json", headers=headers
    )


def test_a_stop_reply_removes_consent_at_once(alertes, client):
    response = signed_post(client, {"type": "inbound", "from": "+33612345601", "text": " stop "})
    assert response.status_code == 200
    alertes.alice.refresh_from_db()
    assert not alertes.alice.consent
    assert ConsentEvent.objects.filter(member=alertes.alice, given=False, source=ConsentSource.STOP).exists()


def test_delivery_receipts_update_the_status(alertes, client, sms_outbox):
    sending.dispatch_campaign(scheduled_campaign(alertes).pk)
    message = Message.objects.first()
    signed_post(client, [{"type": "status", "id": message.provider_id, "status": "delivered"}])
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED and message.delivered_at


def test_a_forged_webhook_is_refused(alertes, client):
    response = signed_post(client, {"type": "inbound", "from": "+33612345601", "text": "STOP"}, secret="wrong")
    assert response.status_code == 403
    response = client.post(reverse("alertes:webhook", args=["http"]), b"{}", content_type="application/json")
    assert response.status_code == 403
    alertes.alice.refresh_from_db()
    assert alertes.alice.consent


def test_without_a_configured_secret_every_webhook_call_is_refused(alertes, client, settings):
    settings.ALERTES_WEBHOOK_SECRET = ""
    response = signed_post(client, {"type": "inbound", "from": "+33612345601", "text": "STOP"}, secret="")
    assert response.status_code == 403
    alertes.alice.refresh_from_db()
    assert alertes.alice.consent


def test_the_sweep_command_dispatches_due_campaigns(alertes, sms_outbox):
    import io

    from django.core.management import call_command

    scheduled_campaign(alertes)
    out = io.StringIO()
    call_command("alertes_sweep", stdout=out)
    assert "campagnes: 1" in out.getvalue()
    assert len(sms_outbox) == 2


def test_the_console_backend_prints_and_sends_nothing(alertes, settings, capsys):
    settings.ALERTES_SMS_BACKEND = "alertes.backends.console.ConsoleBackend"
    sending.dispatch_campaign(scheduled_campaign(alertes).pk)
    printed = capsys.readouterr().out
    assert "[SMS]" in printed and "Bonjour Alice !" in printed
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
