"""Le commun: search, combinable filters with counts, feeds, API, and nothing unpublished leaks."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home import builders, commons, facet_counts
from home.models import CommonsEntry, CommonsKind
from lab.choices import TerritoryLevel
from lab.models import Theme
from tests.factories import TerritoryFactory, home_page, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def territories(db):
    nord = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT)
    mayotte = TerritoryFactory(name="Mayotte", level=TerritoryLevel.DEPARTEMENT)
    return {
        "nord": nord,
        "faches": TerritoryFactory(name="Faches-Thumesnil", parent=nord),
        "mayotte": mayotte,
        "sada": TerritoryFactory(name="Sada", parent=mayotte),
    }


def add_tool(programme, title, territory, summary, tags=(), theme=None):
    return builders.add_tool(
        programme, title=title, summary=summary, territory=territory, tags=tags, themes=[theme] if theme else ()
    )


@pytest.fixture
def resources(home, territories):
    programme = make_programme("Centres sociaux connectés de la métropole lilloise")
    access = Theme.objects.create(name="Accès aux droits")
    sms = add_tool(
        programme,
        "Rappels par SMS des rendez-vous",
        territories["faches"],
        "Envoyer des SMS aux adhérents.",
        ["sms"],
        access,
    )
    labo = add_tool(
        programme,
        "Format d'un labo de trois jours",
        territories["sada"],
        "Ateliers en sous-groupes puis forum.",
        ["labo"],
    )
    return {"programme": programme, "sms": sms, "labo": labo, "access": access}


def index(client, **params):
    return client.get(reverse("commons_index"), params)


def test_a_visitor_finds_a_resource_by_searching_sms(resources, client):
    content = index(client, q="SMS").content.decode()
    assert "Rappels par SMS des rendez-vous" in content
    assert "Format d&#x27;un labo" not in content


def test_filters_combine_and_a_territory_includes_its_communes(resources, territories, client):
    content = index(client, territoire=territories["nord"].slug).content.decode()
    assert "Rappels par SMS" in content and "Format d&#x27;un labo" not in content
    content = index(client, territoire=territories["nord"].slug, **{"mot-cle": "labo"}).content.decode()
    assert "0 ressource" in content
    assert "Retirez un filtre" in content


def test_each_filter_shows_its_counts(resources, territories, client):
    content = index(client, type=CommonsKind.TOOL).content.decode()
    assert ">Nord (1)</option>" in content  # a department counts the resources of its communes
    assert f">\u00a0\u00a0\u00a0{territories['faches'].name} (1)</option>" in content
    assert ">Outil méthodologique (2)</option>" in content
    assert ">Accès aux droits (1)</option>" in content
    assert ">Centres sociaux connectés de la métropole lilloise (2)</option>" in content  # by its key, then named
    assert ">sms (1)</option>" in content and ">labo (1)</option>" in content
    # Filtered on a tag, the tags still count every resource of the other filters; the themes only
    # those with the tag.
    content = index(client, type=CommonsKind.TOOL, **{"mot-cle": "labo"}).content.decode()
    assert ">sms (1)</option>" in content and ">labo (1)</option>" in content
    assert "Accès aux droits" not in content.split('id="f-thematique"', 1)[1].split("</select>", 1)[0]


def test_an_unpublished_resource_leaves_the_commons_and_its_url(resources, client):
    url = resources["sms"].url
    resources["sms"].unpublish()
    assert not CommonsEntry.objects.filter(page_id=resources["sms"].pk).exists()
    assert "Rappels par SMS" not in index(client).content.decode()
    assert client.get(url).status_code == 404


def test_unknown_filters_and_pages_get_a_clear_answer(resources, client):
    response = index(client, territoire="atlantide", stade="magique", page="9999")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Le filtre « Territoire » n&#x27;a pas de valeur « atlantide »" in content
    assert "Cette page de résultats n&#x27;existe pas" in content
    assert "Rappels par SMS" in content


def test_a_long_or_hostile_search_is_answered_safely(resources, client):
    response = index(client, q="<script>alert(1)</script>" + "x" * 2000)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in content
    assert "trop longue" in content


def test_a_resource_page_says_how_to_cite_it_and_links_related_resources(resources, client):
    add_tool(resources["programme"], "Autre outil d'accès aux droits", None, "Résumé.", theme=resources["access"])
    content = client.get(resources["sms"].url).content.decode()
    assert "Réutiliser et citer cette ressource" in content
    assert "CC BY-SA 4.0" in content
    assert "Autre outil d&#x27;accès aux droits" in content
    assert "cofinancée par l&#x27;Union européenne" in content  # the programme's publicity block


def test_feeds_list_new_resources(resources, client):
    rss = client.get(reverse("commons_feed_rss")).content.decode()
    atom = client.get(reverse("commons_feed_atom")).content.decode()
    assert "<rss" in rss and "Rappels par SMS des rendez-vous" in rss
    assert "<feed" in atom and "Format d'un labo de trois jours" in atom


def test_the_api_exposes_published_resources_with_licence_and_tags(resources, client):
    data = client.get("/api/v2/commun/", {"fields": "title,licence,licence_url,tag_names"}).json()
    by_title = {item["title"]: item for item in data["items"]}
    assert by_title["Rappels par SMS des rendez-vous"]["licence"] == "cc-by-sa-4.0"
    assert by_title["Rappels par SMS des rendez-vous"]["tag_names"] == ["sms"]


def test_the_api_never_shows_drafts(resources, client):
    draft = builders.add_tool(
        resources["programme"], title="Brouillon secret", summary="Pas encore relu.", live=False, publish=False
    )
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    response = client.get("/api/v2/pages/", {"draft": "1"})
    assert response.status_code == 400
    assert "Brouillon secret" not in client.get("/api/v2/pages/").content.decode()
    assert "Brouillon secret" not in client.get("/api/v2/commun/").content.decode()


def _bulk_resources(n, territory, theme, offset=0):
    """``n`` published resources, created in bulk (pages and entries) to measure the index at scale."""
    parent = Page.objects.get(pk=home_page().pk)
    start = parent.numchild + 1
    pages = [
        Page(
            title=f"Ressource {offset + i}",
            draft_title=f"Ressource {offset + i}",
            slug=f"ressource-{offset + i}",
            path=Page._get_path(parent.path, parent.depth + 1, start + i),
            depth=parent.depth + 1,
            url_path=f"{parent.url_path}ressource-{offset + i}/",
            live=True,
            locale_id=parent.locale_id,
            content_type_id=parent.content_type_id,
        )
        for i in range(n)
    ]
    Page.objects.bulk_create(pages)
    parent.numchild += n
    parent.save(update_fields=["numchild"])
    now = timezone.now()
    entries = CommonsEntry.objects.bulk_create(
        [
            CommonsEntry(
                page=page,
                title=page.title,
                kind=CommonsKind.TOOL,
                url_path=page.url_path,
                territory=territory,
                licence="cc-by-sa-4.0",
                published_at=now - datetime.timedelta(minutes=i),
                updated_at=now,
            )
            for i, page in enumerate(Page.objects.filter(slug__startswith="ressource-", commons_entry__isnull=True))
        ]
    )
    CommonsEntry.themes.through.objects.bulk_create(
        [CommonsEntry.themes.through(commonsentry_id=e.pk, theme_id=theme.pk) for e in entries]
    )
    facet_counts.rebuild()  # entries saved in bulk, not published one by one


@override_settings(PUBLIC_CACHE_SECONDS=0)  # the view's own queries, not the page cache's
def _queries(client, params):
    client.get(reverse("commons_index"), params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("commons_index"), params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # No filter, or one: every count in one query of the counts kept ahead (home.facet_counts),
        # the territories and their ancestors in one, their homonyms in one, the page of resources
        # in one (6 before, 9 before that); with a filter, the filter's value is read first.
        ({}, 4),
        ({"thematique": "acces-aux-droits", "page": "3"}, 5),
        # Two filters: counted among the matches, by one query grouped on the single-valued facets
        # and one over the many-valued facets' link tables (11 queries before).
        ({"thematique": "acces-aux-droits", "type": "outil", "page": "3"}, 8),
    ],
)
def test_the_index_runs_a_constant_number_of_queries_with_100_and_5000_resources(
    resources, territories, client, params, expected
):
    theme = resources["access"]
    _bulk_resources(100, territories["sada"], theme)
    small = _queries(client, params)
    assert small == expected
    _bulk_resources(4900, territories["sada"], theme, offset=100)
    assert CommonsEntry.objects.count() > 5000
    assert _queries(client, params) == small


def test_rebuilding_the_commons_finds_every_published_resource(resources):
    CommonsEntry.objects.all().delete()
    assert commons.rebuild() == 3  # the programme and its two tools
