"""The issue's « done when », tried as a new structure admin would."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from alertes import sending
from alertes.choices import CampaignStatus, MessageStatus
from alertes.models import Campaign, Group, Member, MemberImport, Message, StructureSettings

pytestmark = pytest.mark.django_db


def members_csv(rows=300):
    lines = ["Nom;Prénom;Portable;Né(e) le;Groupe;Accord SMS"]
    for n in range(rows):
        group = ["Jeunesse", "Culture", "RSA"][n % 3]
        lines.append(
            f"Héléne{n};Zoé;06 55 {n // 100:02d} {n % 100:02d} 10;0{1 + n % 9}/03/1985;{group};{'oui' if n % 4 else 'non'}"
        )
    lines.append("Fixe;Jean;03 20 12 34 56;01/01/1980;Jeunesse;oui")  # a landline
    lines.append("Double;Fichier;06 55 00 00 10;01/01/1980;Jeunesse;oui")  # duplicate phone of row 1
    lines.append("Sans;Groupe;06 55 99 99 10;01/01/1980;Inconnu;oui")  # unknown group
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_import_campaign_reuse_sending_and_statistics(alertes, login, gateway, django_capture_on_commit_callbacks):
    structure = alertes.world.structure_a
    Group.objects.create(structure=structure, name="Culture")
    StructureSettings.objects.create(
        structure=structure, send_from=datetime.time(8, 0), send_until=datetime.time(20, 0)
    )
    client = login(alertes.world.owner)

    response = client.post(
        reverse("alertes:import_upload"), {"file": SimpleUploadedFile("adherents.csv", members_csv())}
    )
    preview = client.get(response.url)
    validation = preview.context["validation"]
    assert len(validation.valid) == 300 and len(validation.invalid) == 3
    pending = MemberImport.objects.get()
    client.post(reverse("alertes:import_confirm", args=[pending.pk]))
    assert Member.objects.filter(structure=structure).count() == 303

    tomorrow_9 = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(9, 0))
    )
    data = {
        "title": "Sortie culturelle",
        "category": "activite",
        "text": "Bonjour {prenom}, sortie culturelle samedi !",
        "channel": "sms",
        "groups": [alertes.jeunesse.pk, Group.objects.get(structure=structure, name="Culture").pk],
        "send_mode": "later",
        "scheduled_at": tomorrow_9.strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("alertes:campaign_create"), data)
    campaign = Campaign.objects.get()
    preview = client.get(response.url).context["preview"]
    # 200 imported into Jeunesse or Culture, 3 of 4 consenting = 150, plus Alice and Bob (Jeunesse).
    assert preview.recipients == 152
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alertes:campaign_confirm", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED and campaign.scheduled_at == tomorrow_9

    next_week = tomorrow_9 + datetime.timedelta(days=7)
    response = client.post(
        reverse("alertes:campaign_reuse", args=[campaign.pk]),
        {**data, "scheduled_at": next_week.strftime("%Y-%m-%dT%H:%M")},
    )
    reuse = Campaign.objects.exclude(pk=campaign.pk).get()
    client.post(reverse("alertes:campaign_confirm", args=[reuse.pk]))
    reuse.refresh_from_db()
    assert reuse.status == CampaignStatus.SCHEDULED and reuse.scheduled_at == next_week

    # Tomorrow 9:00: the worker's sweep dispatches the first campaign through the HTTP backend.
    sending.sweep(now=tomorrow_9 + datetime.timedelta(minutes=1))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert len(gateway.delivered) == 152 and gateway.duplicates() == 0
    refusing = set(Member.objects.filter(consent=False).values_list("phone", flat=True))
    assert not refusing & {body["to"] for body in gateway.delivered.values()}
    reuse.refresh_from_db()
    assert reuse.status == CampaignStatus.SCHEDULED  # next week's is still waiting

    stats = client.get(reverse("alertes:statistics")).context["stats"]
    assert stats["months"][-1]["sent"] == 152
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 152
