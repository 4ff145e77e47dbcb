"""The public site: home, programme pages with their publicity block, the structure directory."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lab.choices import TerritoryLevel
from lab.models import Structure
from tests.factories import StructureFactory, TerritoryFactory, make_programme

pytestmark = pytest.mark.django_db


def test_a_structure_page_shows_its_address_phone_and_programmes(home, client):
    programme = make_programme("Programme Lille")
    structure = StructureFactory(name="Centre social Lazare Garreau", address="1 rue Exemple", phone="03 20 00 00 01")
    structure.programmes.add(programme)
    content = client.get(structure.get_absolute_url()).content.decode()
    assert "1 rue Exemple" in content
    assert "03 20 00 00 01" in content
    assert "Programme Lille" in content


def test_the_directory_filters_by_territory_including_sub_territories(home, client):
    epci = TerritoryFactory(name="Valenciennes Métropole", level=TerritoryLevel.EPCI)
    commune = TerritoryFactory(name="Anzin", parent=epci)
    quartier = TerritoryFactory(name="Dutemple", level=TerritoryLevel.QUARTIER, parent=commune)
    StructureFactory(name="Dans le quartier", territory=quartier)
    StructureFactory(name="Ailleurs")
    content = client.get(reverse("structure_directory"), {"territoire": epci.slug}).content.decode()
    assert "Dans le quartier" in content
    assert "Ailleurs" not in content


def test_the_directory_explains_an_unknown_territory_or_page(home, client):
    StructureFactory(name="Visible")
    response = client.get(reverse("structure_directory"), {"territoire": "atlantide", "page": "zzz"})
    assert response.status_code == 200
    assert "Ce territoire n’existe pas" in response.content.decode()


def test_a_structure_url_that_does_not_exist_is_a_404(home, client):
    assert client.get(reverse("structure_detail", args=["inconnue"])).status_code == 404


def test_the_former_search_address_opens_the_commons(home, client):
    response = client.get(reverse("search"), {"q": "SMS"})
    assert response.status_code == 301
    assert response["Location"] == reverse("commons_index") + "?q=SMS"


def test_the_base_template_is_accessible(home, client):
    content = client.get("/").content.decode()
    assert '<html lang="fr">' in content
    assert 'href="#contenu"' in content and '<main id="contenu"' in content
    assert '<label for="header-q"' in content
    assert "https://" not in content.split("<body")[0]  # nothing fetched from the internet in <head>


@override_settings(PUBLIC_CACHE_SECONDS=0)  # the view's own queries, not the page cache's
def _count_queries(client, path, params=None):
    client.get(path, params or {})  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def _structures(n, territory):
    Structure.objects.bulk_create(
        [
            Structure(name=f"Structure {i}", slug=f"structure-{i}", kind="ccas", city="Sada", territory=territory)
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("path", ["structure_directory", "territory_list"])
def test_public_lists_run_a_constant_number_of_queries(home, client, path):
    territory = TerritoryFactory(name="Sada")
    _structures(10, territory)
    small = _count_queries(client, reverse(path))
    _structures_more = Structure.objects.bulk_create(
        [
            Structure(name=f"Autre {i}", slug=f"autre-{i}", kind="ccas", city="Sada", territory=territory)
            for i in range(490)
        ]
    )
    assert len(_structures_more) == 490
    assert _count_queries(client, reverse(path)) == small


def test_the_home_page_runs_a_constant_number_of_queries(home, client):
    make_programme("Un")
    small = _count_queries(client, "/")
    for n in range(5):
        make_programme(f"Programme {n}")
    _structures(500, TerritoryFactory(name="Koungou"))
    assert _count_queries(client, "/") == small


def test_the_admin_structure_list_runs_a_constant_number_of_queries(world, client):
    territory = TerritoryFactory(name="Mamoudzou")
    _structures(10, territory)
    client.force_login(world.admin)
    small = _count_queries(client, reverse("wagtailsnippets_lab_structure:list"))
    Structure.objects.bulk_create(
        [
            Structure(name=f"Autre {i}", slug=f"autre-{i}", kind="ccas", city="Sada", territory=territory)
            for i in range(490)
        ]
    )
    assert _count_queries(client, reverse("wagtailsnippets_lab_structure:list")) == small


def test_the_admin_person_list_runs_a_constant_number_of_queries_for_a_team(world, client):
    from lab.models import Person

    client.force_login(world.owner)
    small = _count_queries(client, reverse("wagtailsnippets_lab_person:list"))
    Person.objects.bulk_create(
        [Person(first_name=f"P{i}", last_name="Exemple", structure=world.structure_a, role="agent") for i in range(500)]
    )
    assert _count_queries(client, reverse("wagtailsnippets_lab_person:list")) == small
