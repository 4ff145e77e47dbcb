"""French alphabetical order (accents and ligatures folded), in the database so pages stay right.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/labo_commun_h16misc .venv/bin/pytest …
"""

import pytest
from django.urls import reverse

from alertes.forms import CampaignForm
from alertes.models import Group, Member
from lab.models import StructureMembership
from tests.alertes.conftest import make_member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = [
    ("Théo", "Zed"),
    ("Élodie", "Abel"),
    ("Inès", "Abel"),
    ("Œuvray", "Léa"),
    ("Ozanne", "Paul"),
    ("Oberlin", "Max"),
]


@pytest.fixture
def french_members(alertes):
    for n, (last_name, first_name) in enumerate(NAMES):
        make_member(alertes.world.structure_a, last_name, first_name, f"06 98 00 00 {n:02d}")
    return alertes


def test_the_member_list_puts_elodie_before_ines_and_oeuvray_with_the_os(french_members, login):
    response = login(french_members.world.owner).get(reverse("alertes:member_list"))
    names = [member.last_name for member in response.context["page"].object_list]
    assert names == ["Bernard", "Durand", "Élodie", "Inès", "Martin", "Oberlin", "Œuvray", "Ozanne", "Théo"]


def test_pages_of_the_member_list_follow_the_french_order(french_members, login, monkeypatch):
    from alertes.views import members as member_views

    monkeypatch.setattr(member_views, "PAGE_SIZE", 4)
    client = login(french_members.world.owner)
    second = client.get(reverse("alertes:member_list"), {"page": 2}).context["page"].object_list
    assert [member.last_name for member in second] == ["Martin", "Oberlin", "Œuvray", "Ozanne"]


def test_the_campaign_picker_lists_members_in_french_order(french_members):
    form = CampaignForm(structure=french_members.world.structure_a)
    names = [member.last_name for member in form.fields["members"].queryset]
    assert names.index("Élodie") < names.index("Inès") < names.index("Théo")


def test_groups_sort_in_french_order(alertes, login):
    for name in ["Zumba", "Éveil", "atelier", "Œnologie", "Ouvroir"]:
        Group.objects.create(structure=alertes.world.structure_a, name=name)
    names = list(Group.objects.filter(structure=alertes.world.structure_a).values_list("name", flat=True))
    assert names == ["atelier", "Éveil", "Jeunesse", "Œnologie", "Ouvroir", "RSA", "Zumba"]
    response = login(alertes.world.owner).get(reverse("alertes:group_list"))
    assert [group.name for group in response.context["groups"]][:2] == ["atelier", "Éveil"]


def test_accounts_sort_in_french_order(alertes, login):
    for last_name in ["Zidane", "Émery", "Ibert"]:
        user = UserFactory(last_name=last_name)
        StructureMembership.objects.create(user=user, structure=alertes.world.structure_a, role="social_worker")
    response = login(alertes.world.owner).get(reverse("alertes:account_list"))
    names = [membership.user.last_name for membership in response.context["accounts"]]
    assert names.index("Émery") < names.index("Ibert") < names.index("Zidane")


def test_the_sort_key_is_kept_on_save(alertes):
    member = Member.objects.get(pk=alertes.alice.pk)
    member.last_name = "Œuvray"
    member.save()
    assert Member.objects.get(pk=member.pk).sort_name == "oeuvray alice"
