"""Every URL of the module, tried by a user of structure A against structure B's objects."""

import datetime

import pytest
from django.urls import reverse

from alertes.models import Campaign, Group, MemberImport, Message, Reminder
from lab.models import StructureMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects_b(alertes):
    structure = alertes.world.structure_b
    campaign = Campaign.objects.create(structure=structure, title="Secret B", category="autre", text="B")
    reminder = Reminder.objects.create(
        structure=structure, member=alertes.zoe_b, kind="document", text="x", date=datetime.date(2030, 1, 1)
    )
    pending = MemberImport.objects.create(structure=structure, original_name="b.csv", mapping={})
    return {
        "member": alertes.zoe_b.pk,
        "group": alertes.culture_b.pk,
        "campaign": campaign.pk,
        "reminder": reminder.pk,
        "import": pending.pk,
    }


OBJECT_URLS = [
    ("alertes:member_detail", "member", "get"),
    ("alertes:member_edit", "member", "get"),
    ("alertes:member_edit", "member", "post"),
    ("alertes:member_erase", "member", "get"),
    ("alertes:member_erase", "member", "post"),
    ("alertes:member_data_export", "member", "get"),
    ("alertes:group_edit", "group", "get"),
    ("alertes:group_edit", "group", "post"),
    ("alertes:campaign_detail", "campaign", "get"),
    ("alertes:campaign_edit", "campaign", "get"),
    ("alertes:campaign_confirm", "campaign", "post"),
    ("alertes:campaign_cancel", "campaign", "post"),
    ("alertes:campaign_use_gsm7", "campaign", "post"),
    ("alertes:campaign_reuse", "campaign", "get"),
    ("alertes:reminder_edit", "reminder", "get"),
    ("alertes:reminder_edit", "reminder", "post"),
    ("alertes:import_preview", "import", "get"),
    ("alertes:import_errors", "import", "get"),
    ("alertes:import_confirm", "import", "post"),
]


@pytest.mark.parametrize(("name", "kind", "method"), OBJECT_URLS)
@pytest.mark.parametrize("username", ["owner", "colleague", "animateur"])
def test_it_refuses_another_structures_objects(alertes, objects_b, login, name, kind, method, username):
    client = login(getattr(alertes.world, username))
    url = reverse(name, args=[objects_b[kind]])
    response = client.get(url) if method == "get" else client.post(url, {"delete": "1"})
    assert response.status_code == 404
    assert Campaign.objects.filter(pk=objects_b["campaign"], status="draft").exists()
    assert Group.objects.filter(pk=objects_b["group"]).exists()


LIST_URLS = [
    "alertes:home",
    "alertes:member_list",
    "alertes:group_list",
    "alertes:campaign_list",
    "alertes:reminder_list",
    "alertes:statistics",
]


@pytest.mark.parametrize("name", LIST_URLS)
def test_lists_never_show_another_structures_records(alertes, objects_b, login, name):
    Message.objects.create(
        structure=alertes.world.structure_b, member=alertes.zoe_b, to="+33612345609", text="B", status="sent"
    )
    content = login(alertes.world.owner).get(reverse(name)).content.decode()
    for secret in ("Zola", "Culture", "Secret B"):
        assert secret not in content


def test_exports_only_hold_the_users_structure(alertes, login):
    content = (
        login(alertes.world.outsider).get(reverse("alertes:member_export", args=["csv"])).content.decode("utf-8-sig")
    )
    assert "Zola" in content and "Martin" not in content


@pytest.mark.parametrize("username", ["coordinator", "funder"])
def test_programme_roles_do_not_reach_the_module(alertes, login, username):
    client = login(getattr(alertes.world, username))
    assert client.get(reverse("alertes:home")).status_code == 403
    assert client.get(reverse("alertes:member_detail", args=[alertes.alice.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(alertes, client):
    response = client.get(reverse("alertes:member_list"))
    assert response.status_code == 302 and "login" in response.url


def test_a_global_admin_picks_a_structure(alertes, login):
    client = login(alertes.world.admin)
    response = client.get(reverse("alertes:member_list"))
    assert response.status_code == 302 and reverse("alertes:choose_structure") in response.url
    client.post(reverse("alertes:choose_structure"), {"structure": alertes.world.structure_b.pk})
    content = client.get(reverse("alertes:member_list")).content.decode()
    assert "Zola" in content and "Martin" not in content


def test_a_user_cannot_choose_a_structure_they_do_not_belong_to(alertes, login):
    client = login(alertes.world.owner)
    response = client.post(reverse("alertes:choose_structure"), {"structure": alertes.world.structure_b.pk})
    assert response.status_code == 200
    assert "Martin" in client.get(reverse("alertes:member_list")).content.decode()


def test_a_user_of_two_structures_chooses_between_them(alertes, login):
    StructureMembership.objects.create(
        user=alertes.world.colleague, structure=alertes.world.structure_b, role="social_worker"
    )
    client = login(alertes.world.colleague)
    assert client.get(reverse("alertes:home")).status_code == 302
    client.post(reverse("alertes:choose_structure"), {"structure": alertes.world.structure_b.pk})
    assert "Zola" in client.get(reverse("alertes:member_list")).content.decode()


def test_refusals_are_french_pages_in_the_site_layout(alertes, login):
    client = login(alertes.world.colleague)  # a team member, not the structure's admin
    refused = client.get(reverse("alertes:settings"))
    assert refused.status_code == 403
    assert "Accès refusé" in refused.content.decode() and "Forbidden" not in refused.content.decode()
    missing = client.get(reverse("alertes:member_detail", args=[alertes.zoe_b.pk]))
    assert missing.status_code == 404
    assert "Page introuvable" in missing.content.decode() and "Not Found" not in missing.content.decode()
