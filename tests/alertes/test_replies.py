"""STOP however it is typed, and the « Réponses reçues » inbox, through the signed webhook."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from alertes import sending
from alertes.choices import CampaignStatus, Channel, ConsentSource, MessageStatus
from alertes.models import Campaign, ConsentEvent, InboundReply, Message
from alertes.stop import is_stop
from tests.alertes.conftest import make_member
from tests.alertes.fake_gateway import webhook_call

pytestmark = pytest.mark.django_db

ALICE = "+33612345601"
STOP_VARIANTS = [
    "STOP",
    "stop",
    "ARRET",
    "Stop.",
    "Stop !",
    "stop merci",
    "STOP SMS",
    "STOPSMS",
    "S.T.O.P",
    "Arrêt",
    "arret svp",
    "désabonner",
    "Désinscription",
    "STOP pub",
    " Stop 🙏 ",
    "Bonjour, stop merci",
    "Je veux me désabonner",
    "Arrêtez de m'envoyer des SMS svp",
]
NOT_STOP = [
    "Stop, je serai là demain",
    "Arrêt de bus Mairie ?",
    "Merci, je viendrai !",
    "stop à la violence, super atelier",
    "Oui",
]


def reply(client, text, sender=ALICE):
    body, headers = webhook_call({"type": "inbound", "from": sender, "text": text}, "test-webhook-secret")
    return client.post(
        reverse("alertes:webhook", args=["http"]), body, content_type="application/json", headers=headers
    )


def campaign_sent_now(alertes):
    campaign = Campaign.objects.create(
        structure=alertes.world.structure_a,
        title="Fête de quartier",
        category="actualite",
        text="Bonjour {prenom} !",
        channel=Channel.SMS,
        status=CampaignStatus.SCHEDULED,
        scheduled_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    campaign.groups.set([alertes.jeunesse])
    sending.dispatch_campaign(campaign.pk)
    return campaign


@pytest.mark.parametrize("text", STOP_VARIANTS)
def test_every_way_of_typing_stop_withdraws_consent_and_nothing_more_is_sent(alertes, client, sms_outbox, text):
    assert reply(client, text).json() == {"handled": 1}
    alertes.alice.refresh_from_db()
    assert not alertes.alice.consent
    assert ConsentEvent.objects.filter(member=alertes.alice, given=False, source=ConsentSource.STOP).exists()
    campaign_sent_now(alertes)
    assert ALICE not in [sms.to for sms in sms_outbox]
    assert "+33612345602" in [sms.to for sms in sms_outbox]  # Bob, of the same group, still receives it


@pytest.mark.parametrize("text", NOT_STOP)
def test_a_sentence_that_merely_contains_stop_keeps_consent_and_waits_in_the_inbox(alertes, client, text):
    assert not is_stop(text)
    reply(client, text)
    alertes.alice.refresh_from_db()
    assert alertes.alice.consent
    filed = InboundReply.objects.get()
    assert (filed.member, filed.text, filed.handled, filed.is_stop) == (alertes.alice, text, False, False)


def test_a_stop_reply_is_shown_in_the_inbox_already_handled(alertes, client, login):
    reply(client, "Stop merci")
    page = login(alertes.world.colleague).get(reverse("alertes:reply_list"))
    assert "Stop merci" in page.text and "STOP : accord retiré" in page.text
    assert InboundReply.objects.get().handled


def test_a_pending_sms_is_cancelled_by_a_tolerant_stop(alertes, client):
    message = Message.objects.create(
        structure=alertes.world.structure_a, member=alertes.alice, to=ALICE, text="Rappel", channel=Channel.SMS
    )
    reply(client, "Stop !")
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED


def test_a_reply_appears_in_the_inbox_of_its_structure_only(alertes, client, login):
    reply(client, "Je serai en retard mardi")
    for name in ("owner", "colleague", "animateur"):
        page = login(getattr(alertes.world, name)).get(reverse("alertes:reply_list"))
        assert "Je serai en retard mardi" in page.text and "MARTIN Alice" in page.text
    other = login(alertes.world.outsider).get(reverse("alertes:reply_list"))
    assert other.status_code == 200 and "Je serai en retard mardi" not in other.text


def test_the_inbox_lists_the_newest_reply_first(alertes, client, login):
    reply(client, "Première réponse")
    InboundReply.objects.update(received_at=timezone.now() - datetime.timedelta(hours=1))
    reply(client, "Seconde réponse", sender="+33612345602")
    text = login(alertes.world.colleague).get(reverse("alertes:reply_list")).text
    assert text.index("Seconde réponse") < text.index("Première réponse")


def test_withdrawing_consent_from_the_inbox_stops_the_sending(alertes, client, login, sms_outbox):
    reply(client, "Je ne veux plus rien recevoir de vous")
    filed = InboundReply.objects.get()
    page = login(alertes.world.animateur).post(reverse("alertes:reply_withdraw", args=[filed.pk]), follow=True)
    assert "Accord retiré pour MARTIN Alice" in page.text
    alertes.alice.refresh_from_db()
    assert not alertes.alice.consent
    event = ConsentEvent.objects.get(member=alertes.alice, given=False)
    assert (event.source, event.author) == (ConsentSource.REPLY, alertes.world.animateur)
    filed.refresh_from_db()
    assert filed.handled and filed.handled_by == alertes.world.animateur
    campaign_sent_now(alertes)
    assert ALICE not in [sms.to for sms in sms_outbox]


def test_another_structures_user_cannot_withdraw_consent_or_mark_a_reply(alertes, client, login):
    reply(client, "Je ne veux plus rien recevoir de vous")
    filed = InboundReply.objects.get()
    outsider = login(alertes.world.outsider)
    assert outsider.post(reverse("alertes:reply_withdraw", args=[filed.pk])).status_code == 404
    assert outsider.post(reverse("alertes:reply_handled", args=[filed.pk])).status_code == 404
    alertes.alice.refresh_from_db()
    filed.refresh_from_db()
    assert alertes.alice.consent and not filed.handled


def test_withdrawing_consent_is_a_post(alertes, client, login):
    reply(client, "Ne m'écrivez plus")
    filed = InboundReply.objects.get()
    assert login(alertes.world.owner).get(reverse("alertes:reply_withdraw", args=[filed.pk])).status_code == 405
    alertes.alice.refresh_from_db()
    assert alertes.alice.consent


def test_a_reply_can_be_marked_handled_and_the_filter_hides_it(alertes, client, login):
    reply(client, "Merci pour l'info")
    filed = InboundReply.objects.get()
    user = login(alertes.world.colleague)
    user.post(reverse("alertes:reply_handled", args=[filed.pk]), {"traitee": "1", "etat": "a-traiter"})
    filed.refresh_from_db()
    assert filed.handled
    assert "Merci pour l" not in user.get(reverse("alertes:reply_list") + "?etat=a-traiter").text
    assert "Merci pour l" in user.get(reverse("alertes:reply_list")).text


def test_a_reply_from_an_unknown_number_is_not_kept(alertes, client):
    assert reply(client, "Qui êtes-vous ?", sender="+33699999999").json() == {"handled": 0}
    assert not InboundReply.objects.exists()


def test_a_reply_from_a_member_of_two_structures_goes_to_the_one_that_last_wrote(alertes, client, login):
    alice_b = make_member(alertes.world.structure_b, "Martin", "Alice", "06 12 34 56 01")
    Message.objects.create(
        structure=alertes.world.structure_b,
        member=alice_b,
        to=ALICE,
        text="Atelier cuisine",
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
    )
    reply(client, "Je viendrai avec ma fille")
    assert list(InboundReply.objects.values_list("structure", flat=True)) == [alertes.world.structure_b.pk]
    assert "Je viendrai avec ma fille" not in login(alertes.world.owner).get(reverse("alertes:reply_list")).text


def test_erasing_a_member_erases_their_replies(alertes, client, login):
    reply(client, "Mon adresse a changé")
    login(alertes.world.owner).post(reverse("alertes:member_erase", args=[alertes.alice.pk]))
    assert not InboundReply.objects.exists()


def test_junk_inbound_events_are_ignored(alertes, client):
    for event in (
        {"type": "inbound"},
        {"type": "inbound", "from": ["x"], "text": {"a": 1}},
        {"type": "inbound", "from": "abc"},
    ):
        body, headers = webhook_call(event, "test-webhook-secret")
        response = client.post(
            reverse("alertes:webhook", args=["http"]), body, content_type="application/json", headers=headers
        )
        assert response.status_code == 200
    assert not InboundReply.objects.exists()


def test_the_notice_and_its_pdf_explain_the_replies_and_stop(alertes, login):
    client = login(alertes.world.colleague)
    page = client.get(reverse("alertes:notice")).text
    assert "Les réponses reçues" in page and "Retirer l'accord" in page and "Arrêt de bus" in page
    reader = PdfReader(io.BytesIO(client.get(reverse("alertes:notice_pdf")).content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Les réponses reçues" in text and "stop merci" in text


@pytest.mark.parametrize(
    "query", ["?page=99999999999999999999", "?page=-1&etat=%00", "?etat=a-traiter&page=abc", "?etat=" + "x" * 5000]
)
def test_the_inbox_survives_junk_in_its_address(alertes, client, login, query):
    reply(client, "Bonjour")
    expected = 400 if "%00" in query else 200  # a NUL character is refused site-wide (lab.infra.bad_input)
    assert login(alertes.world.owner).get(reverse("alertes:reply_list") + query).status_code == expected


def test_junk_posts_on_a_reply_change_nothing_unexpected(alertes, client, login):
    reply(client, "Bonjour")
    filed = InboundReply.objects.get()
    user = login(alertes.world.owner)
    junk = {"traitee": "'\"", "etat": "x" * 5000, "page": "-9999999999999999999"}
    # A NUL character is refused site-wide (lab.infra.bad_input), before the view changes anything.
    assert user.post(reverse("alertes:reply_handled", args=[filed.pk]), {"traitee": "\x00"}).status_code == 400
    filed.refresh_from_db()
    assert not filed.handled_at
    assert user.post(reverse("alertes:reply_handled", args=[filed.pk]), junk).status_code == 302
    assert user.post(reverse("alertes:reply_withdraw", args=[filed.pk]), junk).status_code == 302
    assert user.post(reverse("alertes:reply_handled", args=[999999999])).status_code == 404
