import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alertes import services
from alertes.choices import CampaignStatus, MessageStatus
from alertes.gsm import sms_length, to_gsm7
from alertes.models import Campaign, Message, StructureSettings
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db


def local(days=1, hour=10, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def campaign_data(alertes, **overrides):
    data = {
        "title": "Sortie au musée",
        "category": "activite",
        "text": "Bonjour {prenom}, sortie au musée samedi.",
        "channel": "sms",
        "groups": [alertes.jeunesse.pk, alertes.rsa.pk],
        "send_mode": "later",
        "scheduled_at": local(1, 9).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def test_segments_follow_gsm7_and_ucs2_rules():
    assert sms_length("a" * 160).segments == 1
    assert sms_length("a" * 161).segments == 2
    assert sms_length("a" * 306).segments == 2
    assert sms_length("a" * 307).segments == 3
    assert sms_length("€" * 80).segments == 1  # extension characters count double
    assert sms_length("€" * 81).segments == 2
    length = sms_length("Le cœur « en fête »" + "a" * 60)
    assert length.encoding == "UCS-2" and length.segments == 2
    assert ("œ", "oe") in length.outside and ("«", '"') in length.outside
    assert sms_length("a" * 70 + "œ").segments == 2
    assert to_gsm7("cœur’s “fête”") == 'coeur\'s "fete"'
    assert sms_length(to_gsm7("Le cœur « en fête »")).encoding == "GSM-7"


def test_a_campaign_to_two_groups_counts_each_consenting_member_once(alertes, login):
    client = login(alertes.world.colleague)
    response = client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.status == CampaignStatus.DRAFT
    page = client.get(response.url)
    preview = page.context["preview"]
    # Alice (jeunesse), Bob (jeunesse + RSA) once; Carla did not consent; Zoé is in structure B.
    assert preview.recipients == 2
    assert preview.segments_total == 2
    content = page.content.decode()
    assert "destinataires" in content and "Confirmer" in content


def test_confirming_schedules_and_the_sweep_sends_when_due(
    alertes, login, sms_outbox, django_capture_on_commit_callbacks
):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    campaign = Campaign.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    assert timezone.localtime(campaign.scheduled_at).hour == 9
    assert sms_outbox == []  # not yet due
    from alertes.sending import sweep

    sweep(now=campaign.scheduled_at + datetime.timedelta(minutes=1))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert sorted(sms.to for sms in sms_outbox) == ["+33612345601", "+33612345602"]
    assert {sms.text for sms in sms_outbox} == {
        "Bonjour Alice, sortie au musée samedi.",
        "Bonjour Bob, sortie au musée samedi.",
    }


def test_send_now_sends_at_once_through_the_queue(alertes, login, sms_outbox, django_capture_on_commit_callbacks):
    StructureSettings.objects.create(
        structure=alertes.world.structure_a, send_from=datetime.time(0, 0), send_until=datetime.time(23, 59)
    )
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes, send_mode="now", scheduled_at=""))
    campaign = Campaign.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert len(sms_outbox) == 2
    assert Message.objects.filter(campaign=campaign, status=MessageStatus.SENT).count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": "   "}, "Le texte du message est vide"),
        ({"text": "a" * 1600}, "au plus"),
        ({"scheduled_at": "2020-01-01T09:00"}, "Cette date est passée"),
        ({"groups": []}, "au moins un groupe"),
    ],
)
def test_it_refuses_bad_campaigns_with_a_clear_message(alertes, login, overrides, message):
    response = login(alertes.world.owner).post(reverse("alertes:campaign_create"), campaign_data(alertes, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Campaign.objects.exists()


def test_it_refuses_another_structures_group_id(alertes, login):
    response = login(alertes.world.owner).post(
        reverse("alertes:campaign_create"), campaign_data(alertes, groups=[alertes.culture_b.pk])
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Campaign.objects.exists()


def test_it_refuses_a_campaign_over_the_monthly_budget(alertes, login):
    StructureSettings.objects.create(structure=alertes.world.structure_a, monthly_budget_segments=1)
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    campaign = Campaign.objects.get()
    page = client.get(reverse("alertes:campaign_detail", args=[campaign.pk]))
    assert "budget mensuel" in page.content.decode()
    response = client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]), follow=True)
    assert "budget mensuel" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT


def test_outside_sending_hours_the_campaign_is_postponed_and_says_so(alertes, login):
    client = login(alertes.world.owner)
    client.post(
        reverse("alertes:campaign_create"), campaign_data(alertes, scheduled_at=local(1, 22).strftime("%Y-%m-%dT%H:%M"))
    )
    campaign = Campaign.objects.get()
    response = client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]), follow=True)
    assert "reporté" in response.content.decode()
    campaign.refresh_from_db()
    assert timezone.localtime(campaign.scheduled_at) == local(2, 9)


def test_a_scheduled_campaign_can_be_cancelled_until_it_starts(alertes, login, sms_outbox):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    campaign = Campaign.objects.get()
    client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    client.post(reverse("alertes:campaign_cancel", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CANCELLED
    from alertes.sending import sweep

    sweep(now=local(3, 10))
    assert sms_outbox == []
    assert not Message.objects.exists()
    # Once sending started, cancelling is refused.
    started = Campaign.objects.create(
        structure=alertes.world.structure_a, title="x", category="autre", text="x", status=CampaignStatus.SENDING
    )
    response = client.post(reverse("alertes:campaign_cancel", args=[started.pk]), follow=True)
    assert "ne peut plus être annulée" in response.content.decode()


def test_reuse_copies_the_campaign_with_a_new_date(alertes, login):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    source = Campaign.objects.get()
    client.post(reverse("alertes:campaign_confirm", args=[source.pk]))
    form_page = client.get(reverse("alertes:campaign_reuse", args=[source.pk]))
    assert form_page.status_code == 200
    next_week = local(8, 9).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("alertes:campaign_reuse", args=[source.pk]), campaign_data(alertes, scheduled_at=next_week)
    )
    assert response.status_code == 302
    copy = Campaign.objects.exclude(pk=source.pk).get()
    assert copy.reused_from == source and copy.text == source.text
    assert set(copy.groups.all()) == {alertes.jeunesse, alertes.rsa}
    assert timezone.localtime(copy.scheduled_at) == local(8, 9)
    client.post(reverse("alertes:campaign_confirm", args=[copy.pk]))
    copy.refresh_from_db()
    assert copy.status == CampaignStatus.SCHEDULED


def test_the_confirmation_points_out_non_gsm_characters_and_replaces_them(alertes, login):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes, text="Le cœur « en fête », {prenom} !"))
    campaign = Campaign.objects.get()
    content = client.get(reverse("alertes:campaign_detail", args=[campaign.pk])).content.decode()
    assert "« œ » → remplacer par « oe »" in content.replace("&quot;", '"')
    client.post(reverse("alertes:campaign_use_gsm7", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.text == 'Le coeur " en fete ", {prenom} !'


def test_chosen_members_are_added_once_and_must_consent(alertes):
    extra = make_member(alertes.world.structure_a, "Extra", "Eve", "06 12 34 56 77")
    campaign = Campaign.objects.create(structure=alertes.world.structure_a, title="t", category="autre", text="x")
    campaign.groups.set([alertes.rsa])
    campaign.members.set([extra, alertes.bob, alertes.carla])
    assert set(services.campaign_recipients(campaign)) == {alertes.bob, extra}


def test_editing_a_scheduled_campaign_takes_it_back_to_draft(alertes, login):
    client = login(alertes.world.owner)
    client.post(reverse("alertes:campaign_create"), campaign_data(alertes))
    campaign = Campaign.objects.get()
    client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    response = client.post(reverse("alertes:campaign_edit", args=[campaign.pk]), campaign_data(alertes, title=""))
    assert response.status_code == 200  # invalid: the schedule is kept
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    client.post(reverse("alertes:campaign_edit", args=[campaign.pk]), campaign_data(alertes, title="Nouveau titre"))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and campaign.title == "Nouveau titre"


def test_the_campaign_list_runs_the_same_number_of_queries_for_few_and_many(alertes, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(alertes.world.owner)

    def make(n):
        for i in range(n):
            campaign = Campaign.objects.create(
                structure=alertes.world.structure_a, title=f"C{i}", category="autre", text="x"
            )
            campaign.groups.set([alertes.jeunesse, alertes.rsa])

    make(2)
    client.get(reverse("alertes:campaign_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("alertes:campaign_list"))
    make(30)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("alertes:campaign_list"))
    assert len(response.context["page"]) == 32
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "url", ["/admin/snippets/alertes/member/", "/admin/snippets/alertes/campaign/", "/admin/snippets/alertes/message/"]
)
def test_admin_lists_run_the_same_number_of_queries_for_few_and_many(alertes, login, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(alertes.world.owner)

    def make(start, stop):
        for n in range(start, stop):
            member = make_member(alertes.world.structure_a, f"Nom{n}", "X", f"06 22 44 {n // 100:02d} {n % 100:02d}")
            campaign = Campaign.objects.create(
                structure=alertes.world.structure_a, title=f"C{n}", category="autre", text="x"
            )
            Message.objects.create(
                structure=alertes.world.structure_a, campaign=campaign, member=member, to=member.phone, text="x"
            )

    make(0, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make(2, 30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
