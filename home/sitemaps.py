"""``/sitemap.xml``: every public page, on the canonical base URL (``lab.infra.base_url``).

The Wagtail pages are listed by Wagtail; every other public address is given by the app that serves it,
from its ``AppConfig.ready``::

    from home.sitemaps import register_sitemap
    register_sitemap("agenda", lambda: [("/agenda/", None), *((event.url, event.updated_at) for event in …)])

``entries()`` is called at each request and returns ``(path, lastmod)`` pairs: a path (``/agenda/``) or an
absolute URL, and a ``date``/``datetime`` or ``None``. It must return only what an anonymous visitor may see.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from lab.infra.base_url import absolute_url, base_url

_sections = {}


def register_sitemap(name, entries):
    """List the addresses ``entries()`` returns (``[(path, lastmod or None)]``) in section ``name`` of the sitemap."""
    _sections[name] = entries


class CanonicalSitemapMixin:
    """Locations on the canonical base URL rather than the address of the request or the Site record."""

    def get_protocol(self, protocol=None):
        return urlsplit(base_url()).scheme

    def get_domain(self, site=None):
        parts = urlsplit(base_url())
        return parts.netloc + parts.path


class PagesSitemap(CanonicalSitemapMixin, WagtailSitemap):
    """Wagtail's live public pages, each on the canonical base URL."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(urlsplit(url["location"]).path)
        return urls


class RegisteredSitemap(CanonicalSitemapMixin, Sitemap):
    """One section registered by an app."""

    def __init__(self, entries):
        self.entries = entries

    def items(self):
        return list(self.entries())

    def location(self, item):
        path = item[0]
        return urlsplit(path).path if "://" in path else path

    def lastmod(self, item):
        return item[1]


def sitemap(request):
    sections = {"pages": PagesSitemap(request)}
    sections.update({name: RegisteredSitemap(entries) for name, entries in _sections.items()})
    return wagtail_sitemap_views.sitemap(request, sitemaps=sections)
