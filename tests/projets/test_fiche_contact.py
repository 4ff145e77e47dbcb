"""A fiche other territories can act on: a named contact reached through a form (never its address), the
tool's links, an « essaimer » request that reaches the team by e-mail, and a kit with everything in it."""

import io
import time
import zipfile

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from lab.choices import ProgrammeRoleKind
from lab.models import ProgrammeRole
from projets.forms import make_form_token
from tests.factories import UserFactory
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db
BASE = "https://labo.example.org"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fiche(world):
    world.owner.email = "admin-a@exemple.invalid"
    world.owner.save()
    world.outsider.email = "admin-b@exemple.invalid"
    world.outsider.save()
    facilitator = UserFactory(username="designer", email="design@exemple.invalid")
    ProgrammeRole.objects.create(user=facilitator, programme=world.programme_a, role=ProgrammeRoleKind.FACILITATOR)
    return make_prototype(
        world.programme_a,
        title="Café des parents",
        structure=world.structure_a,
        contact_name="Awa Saïd",
        contact_role="Référente famille",
        contact_email="awa.said@exemple.invalid",
        code_url="https://forge.example.org/cafe-des-parents",
        demo_url="https://demo.example.org/cafe",
        install_guide_url="https://forge.example.org/cafe-des-parents/INSTALL.md",
        economic_model="Un temps d'animation de deux heures par mois, porté par la CAF.",
    )


def spam_checked(**data):
    return {"website": "", "token": make_form_token(time.time() - 30), **data}


def test_the_fiche_names_its_contact_and_links_its_tool_without_the_address(fiche, client):
    content = client.get(fiche.url).text
    assert "Awa Saïd" in content and "Référente famille" in content and "Centre social A" in content
    assert "awa.said@exemple.invalid" not in content
    for url in (fiche.code_url, fiche.demo_url, fiche.install_guide_url):
        assert f'href="{url}"' in content
    assert "awa.said@exemple.invalid" not in client.get(fiche.url + "contacter/").text


def test_a_message_reaches_the_contact_with_the_visitor_as_reply_to(fiche, client):
    data = spam_checked(name="Lina", structure_name="CCAS de Sada", email="lina@exemple.invalid", message="Bonjour !")
    response = client.post(fiche.url + "contacter/", data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert "Merci" in client.get(response["Location"]).text
    (message,) = mail.outbox
    assert message.to == ["awa.said@exemple.invalid"] and message.reply_to == ["lina@exemple.invalid"]
    assert "CCAS de Sada" in message.body and "Bonjour !" in message.body


def test_the_contact_form_refuses_a_robot_and_keeps_the_message(fiche, client):
    data = spam_checked(name="Bot", email="bot@exemple.invalid", message="Achetez !", website="http://spam")
    response = client.post(fiche.url + "contacter/", data)
    assert response.status_code == 400 and "Achetez !" in response.text
    response = client.post(fiche.url + "contacter/", {**data, "website": "", "token": make_form_token(time.time())})
    assert response.status_code == 400 and "trop vite" in response.text
    assert mail.outbox == []


def test_a_fiche_without_a_contact_has_no_contact_form(world, client):
    fiche = make_prototype(world.programme_a, title="Sans contact")
    assert client.get(fiche.url + "contacter/").status_code == 404
    assert "Écrire à l’équipe" not in client.get(fiche.url).text


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_an_essaimer_request_notifies_the_structure_admins_and_the_facilitators(
    fiche, client, django_capture_on_commit_callbacks
):
    data = spam_checked(structure_name="CCAS de Sada", city="Sada", contact_name="Lina", email="lina@exemple.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(fiche.url + "essaimer/", data).status_code == 302
    (message,) = mail.outbox
    assert sorted(message.to) == ["admin-a@exemple.invalid", "design@exemple.invalid"]  # not structure B's admin
    assert message.reply_to == ["lina@exemple.invalid"]
    assert "CCAS de Sada" in message.body and f"{BASE}{fiche.url}" in message.body


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_kit_holds_everything_with_an_index_of_absolute_links(fiche, client):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("replication_bundle", args=[fiche.pk])).content))
    names = set(archive.namelist())
    for name in ("LISEZMOI.md", "guide-essaimage.pdf", "cafe-des-parents.md", "modele-economique.md", "LICENSE"):
        assert f"cafe-des-parents/{name}" in names
    readme = archive.read("cafe-des-parents/LISEZMOI.md").decode()
    assert f"{BASE}{fiche.url}" in readme and f"{BASE}{fiche.url}contacter/" in readme
    assert "`modele-economique.md`" in readme and fiche.code_url in readme
    assert "awa.said@exemple.invalid" not in readme
    assert f"{BASE}{fiche.url}" in archive.read("cafe-des-parents/LICENSE").decode()
