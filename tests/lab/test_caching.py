"""The public page cache and Cache-Control: anonymous visitors get cached public pages that follow
every publication at once; logged-in users, forms, the admin and personal PDFs are never stored."""

import os

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from home.builders import add_tool
from lab.models import Structure
from lab.settings.base import cache_from_url
from tests.ateliers.conftest import make_workshop
from tests.conftest import redis_test_client
from tests.factories import StructureFactory
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return world.programme_a


def publish_tool(programme, title):
    return add_tool(programme, title=title, summary="Une fiche outil du commun.")


def test_an_anonymous_visitor_gets_the_commons_index_from_the_cache_without_any_query(
    programme, client, django_assert_num_queries
):
    publish_tool(programme, "Kit du labo numérique")
    first = client.get(reverse("commons_index"))
    assert first["X-Labo-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(reverse("commons_index"))
    assert second.status_code == 200
    assert second["X-Labo-Cache"] == "hit"
    assert second.content == first.content
    assert "Kit du labo numérique" in second.content.decode()


@pytest.mark.parametrize("url", ["/", "/structures/", "/commun/flux.rss"])
def test_the_home_directory_and_feed_are_served_from_the_cache_the_second_time(world, client, url):
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Labo-Cache"] == "hit"


def test_a_published_resource_shows_at_once_on_the_cached_index_and_programme_page(programme, client):
    client.get(reverse("commons_index"))
    client.get(programme.url)
    assert client.get(programme.url)["X-Labo-Cache"] == "hit"

    tool = publish_tool(programme, "Guide pour essaimer les alertes SMS")

    assert "Guide pour essaimer les alertes SMS" in client.get(reverse("commons_index")).content.decode()
    assert "Guide pour essaimer les alertes SMS" in client.get(programme.url).content.decode()
    assert client.get(tool.url).status_code == 200


def test_an_edited_then_unpublished_resource_leaves_the_cached_pages_at_once(programme, client):
    tool = publish_tool(programme, "Fiche outil provisoire")
    assert client.get(tool.url).status_code == 200
    assert client.get(tool.url)["X-Labo-Cache"] == "hit"

    tool.title = "Fiche outil corrigée"
    tool.save_revision().publish()
    assert "Fiche outil corrigée" in client.get(tool.url).content.decode()

    tool.unpublish()
    assert client.get(tool.url).status_code == 404
    assert "Fiche outil corrigée" not in client.get(reverse("commons_index")).content.decode()


def test_a_renamed_structure_shows_at_once_in_the_cached_directory(world, client):
    client.get("/structures/")
    assert client.get("/structures/")["X-Labo-Cache"] == "hit"
    structure = Structure.objects.get(pk=world.structure_a.pk)
    structure.name = "Centre social de l'Arbrisseau"
    structure.save()
    assert "Centre social de l&#x27;Arbrisseau" in client.get("/structures/").content.decode()


def test_a_moved_page_leaves_its_old_cached_url(programme, world, client):
    tool = publish_tool(programme, "Outil déplacé")
    old_url = tool.url
    assert client.get(old_url).status_code == 200
    tool.move(world.programme_b, pos="last-child")
    tool.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(tool.url)
    assert client.get(tool.url).status_code == 200


def test_public_pages_tell_browsers_and_proxies_they_may_keep_them_five_minutes(programme, client):
    for url in ("/", programme.url, reverse("commons_index"), "/structures/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "public" in cache_control and "max-age=300" in cache_control, url
        assert "stale-while-revalidate=60" in cache_control


def test_a_logged_in_user_never_gets_a_cached_page_and_is_told_private(programme, world, client, login):
    client.get(programme.url)
    assert client.get(programme.url)["X-Labo-Cache"] == "hit"

    member = login(world.owner)
    response = member.get(programme.url)
    assert response.status_code == 200
    assert "X-Labo-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
    assert member.get(reverse("commons_index"))["Cache-Control"] == "private, no-store"


def test_what_a_logged_in_user_saw_is_never_served_to_a_visitor(programme, world, login):
    login(world.owner).get(reverse("commons_index"))
    assert Client().get(reverse("commons_index"))["X-Labo-Cache"] == "miss"


def test_a_form_with_a_csrf_token_is_never_cached(world, client):
    prototype = make_prototype(world.programme_a, title="Alertes SMS", structure=world.structure_a)
    form_page = prototype.url + "essaimer/"
    first = client.get(form_page)
    assert "csrfmiddlewaretoken" in first.content.decode()
    second = client.get(form_page)
    assert "X-Labo-Cache" not in second
    assert second["Cache-Control"] == "private, no-store"
    assert "csrftoken" in second.cookies


def test_a_prototype_fiche_is_served_from_the_cache_and_links_to_its_form(world, client, django_assert_num_queries):
    prototype = make_prototype(world.programme_a, title="Alertes SMS", structure=world.structure_a)
    first = client.get(prototype.url)
    assert first["X-Labo-Cache"] == "miss"
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert f'href="{prototype.url}essaimer/"' in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(prototype.url)
    assert second["X-Labo-Cache"] == "hit"
    assert second.content == first.content


def test_the_admin_and_the_certificate_verification_page_are_never_stored(world, client):
    for url in (reverse("wagtailadmin_login"), reverse("certificate_verify", args=["ZZZZZZZZZZ"])):
        client.get(url)
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "X-Labo-Cache" not in response


def test_a_pdf_with_personal_data_is_private_and_never_stored(world, login):
    workshop = make_workshop(world.programme_a)
    response = login(world.coordinator).get(reverse("ateliers_admin:sheet_pdf", args=[workshop.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_message_waiting_for_the_visitor_bypasses_the_cache(world, client):
    client.get("/structures/")
    client.cookies["messages"] = "pending"
    assert "X-Labo-Cache" not in client.get("/structures/")


def test_the_cache_can_be_turned_off(world, client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get("/structures/")
    assert "X-Labo-Cache" not in client.get("/structures/")


def test_the_cache_url_chooses_redis_the_database_or_local_memory():
    assert cache_from_url("redis://127.0.0.1:6379/3")["default"]["BACKEND"].endswith("RedisCache")
    database = cache_from_url("db://labo_cache")["default"]
    assert database["BACKEND"].endswith("DatabaseCache") and database["LOCATION"] == "labo_cache"
    assert cache_from_url("")["default"]["BACKEND"].endswith("LocMemCache")
    assert cache_from_url(None, default="db://labo_cache")["default"]["BACKEND"].endswith("DatabaseCache")
    assert cache_from_url("db://labo_cache")["renditions"]["BACKEND"].endswith("DummyCache")
    assert "renditions" not in cache_from_url("redis://127.0.0.1:6379/3")  # Redis keeps them for every process
    with pytest.raises(Exception, match="schéma inconnu"):
        cache_from_url("memcached://127.0.0.1")


def test_a_page_with_logos_writes_nothing_to_the_database_cache(world, client, settings):
    """With the database cache (production's default), Wagtail wrote every logo's rendition to the
    cache at every view of the page: three queries per logo, even though the page reads them."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lab.models import ProgrammeLogo
    from tests.projets.test_prototypes import _image

    for n in range(3):
        ProgrammeLogo.objects.create(programme=world.programme_a, image=_image(f"logo-{n}"), label=f"Logo {n}")
    prototype = make_prototype(world.programme_a, title="Fiche aux logos")
    call_command("createcachetable", "labo_test_cache", verbosity=0)
    settings.CACHES = cache_from_url("db://labo_test_cache")
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get(prototype.url)  # the renditions are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(prototype.url)
    assert response.status_code == 200 and all(f'alt="Logo {n}"' in response.text for n in range(3))
    assert not [query["sql"] for query in queries if "labo_test_cache" in query["sql"] and "rendition" in query["sql"]]


def test_a_redis_cache_shows_a_publication_at_once(programme, settings, redis_lock):
    url = os.environ.get("REDIS_CACHE_TEST_URL", "redis://127.0.0.1:6379/8")
    redis_test_client(url, "the Redis page cache tests")
    settings.CACHES = cache_from_url(url)
    caches["default"].clear()
    visitor = Client()
    visitor.get(reverse("commons_index"))
    assert visitor.get(reverse("commons_index"))["X-Labo-Cache"] == "hit"
    publish_tool(programme, "Publié pendant que Redis garde tout")
    assert "Publié pendant que Redis garde tout" in visitor.get(reverse("commons_index")).content.decode()
    caches["default"].clear()


def test_a_structure_created_later_is_listed_at_once(world, client):
    client.get("/structures/")
    StructureFactory(name="Maison de quartier Nouvelle")
    assert "Maison de quartier Nouvelle" in client.get("/structures/").content.decode()


def test_a_page_stored_while_a_publication_commits_is_not_served_after_the_commit(
    programme, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_tool(programme, "Outil en cours de publication")
        client.get(reverse("commons_index"))  # a visitor's request before the commit
        assert client.get(reverse("commons_index"))["X-Labo-Cache"] == "hit"
    assert client.get(reverse("commons_index"))["X-Labo-Cache"] == "miss"


def test_the_database_cache_of_production_serves_and_invalidates_pages(programme, settings):
    from django.core.management import call_command

    settings.CACHES = cache_from_url(None, default="db://labo_test_cache")
    call_command("createcachetable", verbosity=0)
    visitor = Client()
    visitor.get(reverse("commons_index"))
    assert visitor.get(reverse("commons_index"))["X-Labo-Cache"] == "hit"
    publish_tool(programme, "Publié avec le cache en base")
    assert "Publié avec le cache en base" in visitor.get(reverse("commons_index")).content.decode()
