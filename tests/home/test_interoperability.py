"""Other platforms: the API filters as the commons does, and every link (API, sitemap, feeds) is on the
canonical base URL, never on localhost."""

import pytest
from django.test import override_settings

from home import builders
from lab.choices import TerritoryLevel
from lab.models import Theme
from tests.factories import StructureFactory, TerritoryFactory, make_programme

pytestmark = pytest.mark.django_db
BASE = "https://labo.example.org"


@pytest.fixture
def published(home):
    region = TerritoryFactory(name="Mayotte", level=TerritoryLevel.REGION)
    department = TerritoryFactory(name="Mayotte", level=TerritoryLevel.DEPARTEMENT, parent=region)
    sada = TerritoryFactory(name="Sada", parent=department)
    nord = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT)
    theme = Theme.objects.create(name="Parentalité")
    programme = make_programme("Design PALAS")
    other = make_programme("Centres sociaux connectés")
    builders.add_tool(programme, title="Café des parents", summary="Parentalité.", territory=sada, themes=[theme])
    builders.add_tool(other, title="Rappels par SMS", summary="SMS.", territory=nord)
    StructureFactory(name="CCAS de Sada", slug="ccas-de-sada")
    return {"region": region, "theme": theme, "programme": programme}


def api_titles(client, **params):
    response = client.get("/api/v2/commun/", params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_the_api_filters_as_the_commons_does(published, client):
    assert api_titles(client, territoire=published["region"].slug) == {"Café des parents"}
    assert api_titles(client, thematique=published["theme"].slug) == {"Café des parents"}
    assert api_titles(client, programme=published["programme"].slug) == {"Café des parents", "Design PALAS"}
    assert api_titles(client, type="outil", licence="cc-by-sa-4.0") == {"Café des parents", "Rappels par SMS"}
    assert api_titles(client, type="outil", territoire=published["region"].slug) == {"Café des parents"}
    response = client.get("/api/v2/commun/", {"territoire": "atlantide"})
    assert response.status_code == 400
    assert "territoire" in response.json()["message"]


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_api_links_to_the_canonical_base_url(published, client):
    item = client.get("/api/v2/commun/").json()["items"][0]
    assert item["url"].startswith(f"{BASE}/")
    assert item["meta"]["detail_url"].startswith(f"{BASE}/api/v2/commun/")
    page = client.get("/api/v2/pages/").json()["items"][0]
    assert page["meta"]["html_url"].startswith(f"{BASE}/")
    assert "localhost" not in client.get("/api/v2/pages/").content.decode()


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_sitemap_lists_every_public_page_on_the_canonical_base_url(published, client):
    content = client.get("/sitemap.xml").content.decode()
    for path in ("/commun/", "/structures/", "/structures/ccas-de-sada/", "/territoires/", "/design-palas/"):
        assert f"<loc>{BASE}{path}</loc>" in content, path
    assert f"<loc>{BASE}/commun/logiciels/alertes-sms/notice/</loc>" in content
    assert "localhost" not in content
