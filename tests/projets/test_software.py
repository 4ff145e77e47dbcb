"""A prototype fiche presenting a software of the project: « Le logiciel » with its code, notice and guide."""

import pytest
from django.urls import reverse

from projets.software import software_choices
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db

SOURCE = "https://forge.example.org/labo/alertes-sms"


@pytest.fixture
def fiche(world):
    return make_prototype(world.programme_a, title="Alertes SMS", software="alertes")


def test_the_alertes_fiche_links_the_code_the_notice_the_install_guide_and_the_kit(fiche, client, settings):
    settings.ALERTES_SOURCE_URL = SOURCE
    text = client.get(fiche.url).content.decode()
    assert "Le logiciel</h2>" in text
    assert f'href="{SOURCE}"' in text and "Le code source" in text
    for name in ("notice", "notice_pdf", "installation"):
        assert f'href="{reverse(f"alertes_public:{name}")}"' in text
    assert f'href="{reverse("replication_bundle", args=[fiche.pk])}"' in text


def test_the_fiche_shows_no_code_link_when_no_source_address_is_configured(fiche, client, settings):
    settings.ALERTES_SOURCE_URL = ""
    text = client.get(fiche.url).content.decode()
    assert "Le logiciel</h2>" in text and "Le code source" not in text
    assert reverse("alertes_public:installation") in text


def test_a_fiche_that_names_no_software_has_no_software_section(world, client):
    page = make_prototype(world.programme_a, title="Un autre prototype")
    assert "Le logiciel</h2>" not in client.get(page.url).content.decode()


def test_a_site_admin_can_name_the_alertes_module_as_the_software_of_a_fiche(fiche, login, world):
    assert ("alertes", "Alertes SMS") in [(key, str(label)) for key, label in software_choices()]
    response = login(world.admin).get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
    assert response.status_code == 200
    assert '<option value="alertes" selected>Alertes SMS</option>' in response.content.decode()
