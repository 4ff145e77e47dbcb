import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site

from lab.infra.base_url import absolute_url, base_url, site_address, sync_default_site
from tests.projets.factories import make_prototype


@override_settings(WAGTAILADMIN_BASE_URL="https://labo.example.org/")
def test_links_are_built_on_the_canonical_base_url():
    assert base_url() == "https://labo.example.org"
    assert absolute_url("/verifier/ABC/") == "https://labo.example.org/verifier/ABC/"
    assert absolute_url("commun/") == "https://labo.example.org/commun/"
    assert absolute_url("https://git.example.org/alertes") == "https://git.example.org/alertes"


@pytest.mark.django_db
def test_the_replication_kit_links_to_the_canonical_address_not_the_requests(world, client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://labo.example.org"
    prototype = make_prototype(world.programme_a, title="Atelier papote")
    response = client.get(reverse("replication_bundle", args=[prototype.pk]), HTTP_HOST="127.0.0.1")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    licence = next(archive.read(name).decode() for name in archive.namelist() if name.endswith("/LICENSE"))
    assert f"https://labo.example.org{prototype.url}" in licence  # « citer la source »
    assert "127.0.0.1" not in licence and "testserver" not in licence


@pytest.mark.django_db
def test_the_default_site_and_the_sitemap_use_the_canonical_address(world, client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://labo.example.org"
    assert sync_default_site() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("labo.example.org", 443, "https://labo.example.org")
    assert sync_default_site() is False  # already there
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "<loc>https://labo.example.org/" in sitemap and "127.0.0.1" not in sitemap and "localhost" not in sitemap


def test_a_non_standard_port_is_kept(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8104"
    assert site_address() == ("127.0.0.1", 8104)
