"""Search that forgives: French word forms and typos find the same resources on SQLite and PostgreSQL
(run with DATABASE_URL=postgres://… too), a territory tree, homonyms told apart, a feed of any search."""

import pytest
from django.urls import reverse

from home import builders
from home.vocabulary import suggestion
from lab.choices import TerritoryLevel
from tests.factories import TerritoryFactory, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayotte(db):
    region = TerritoryFactory(name="Mayotte", level=TerritoryLevel.REGION)
    department = TerritoryFactory(name="Mayotte", level=TerritoryLevel.DEPARTEMENT, parent=region)
    return {"region": region, "department": department, "sada": TerritoryFactory(name="Sada", parent=department)}


@pytest.fixture
def resources(home, mayotte):
    programme = make_programme("Design PALAS")
    nord = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT)
    return {
        "sms": builders.add_tool(
            programme,
            title="Alertes SMS",
            summary="Des rappels par SMS pour les adhérents du centre social.",
            territory=nord,
        ),
        "guide": builders.add_tool(
            programme,
            title="Guide de l'essaimage",
            summary="Comment un autre territoire reprend un prototype.",
            territory=mayotte["sada"],
        ),
        "parent": builders.add_tool(
            programme,
            title="Café des parents",
            summary="Un temps d'échange sur la parentalité.",
            territory=mayotte["department"],
        ),
    }


def titles(client, **params):
    response = client.get(reverse("commons_index"), params)
    assert response.status_code == 200
    content = response.content.decode()
    return {title for title in ("Alertes SMS", "Guide de l&#x27;essaimage", "Café des parents") if title in content}


@pytest.mark.parametrize(
    ("typed", "written"),
    [("alerte", "alertes"), ("essaimer", "essaimage"), ("rapel", "rappel"), ("parentalitée", "parentalité")],
)
def test_a_word_form_or_a_typo_finds_what_the_written_word_finds(resources, client, typed, written):
    found = titles(client, q=written)
    assert found  # the written word finds something to compare with
    assert titles(client, q=typed) == found


def test_a_typo_is_answered_with_the_word_of_the_commons(resources, client):
    content = client.get(reverse("commons_index"), {"q": "rapel"}).content.decode()
    assert "Vouliez-vous dire" in content and "« rappels »</a>" in content  # the commons' own word
    assert suggestion("parentalitée") == "parentalité"
    assert suggestion("alerte") is None  # a known word, under another form, is no typo
    assert suggestion("zzzzqqq") is None


def test_a_search_that_matches_nothing_close_says_so(resources, client):
    assert titles(client, q="xylophone") == set()


def test_the_territory_filter_is_a_tree_whose_parents_count_their_children(resources, mayotte, client):
    content = client.get(reverse("commons_index")).content.decode()
    assert ">Mayotte (région) (2)</option>" in content
    assert ">\u00a0\u00a0\u00a0Mayotte (département) (2)</option>" in content
    assert ">\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Sada (1)</option>" in content
    # The region selects the resources of its department and of its communes.
    assert titles(client, territoire=mayotte["region"].slug) == {"Guide de l&#x27;essaimage", "Café des parents"}


def test_homonyms_are_told_apart_on_the_home_page(resources, mayotte, client):
    content = client.get("/").content.decode()
    assert "Mayotte (région)" in content and "Mayotte (département)" in content
    assert "Nord (département)" not in content  # a name no other territory bears stays as it is


def test_the_atom_feed_follows_any_filtered_search(resources, mayotte, client):
    atom = client.get(reverse("commons_feed_atom"), {"territoire": mayotte["region"].slug}).content.decode()
    assert "Café des parents" in atom and "Guide de l'essaimage" in atom and "Alertes SMS" not in atom
    assert "http://localhost/" not in atom
    atom = client.get(reverse("commons_feed_atom"), {"q": "alerte"}).content.decode()
    assert "Alertes SMS" in atom and "Café des parents" not in atom
