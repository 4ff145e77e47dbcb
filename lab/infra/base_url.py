"""The instance's one canonical base URL (``WAGTAILADMIN_BASE_URL``) and absolute links built on it.

QR codes, e-mails, the sitemap, the API and the replication kit link to the instance where it is served, never to
the address a request happened to use nor to ``localhost``.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The canonical base URL, without a trailing slash (e.g. ``https://labo-commun.example.org``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """``path`` (``/commun/…``) on the canonical base URL; a URL that is already absolute is returned as it is."""
    if "://" in path:
        return path
    return f"{base_url()}/{path.lstrip('/')}"


def site_address():
    """The (hostname, port) of the canonical base URL, as Wagtail's ``Site`` records it."""
    parts = urlsplit(base_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def sync_default_site(using="default"):
    """Point Wagtail's default ``Site`` at the canonical base URL: the sitemap and every page's
    ``full_url`` then use it. Return whether the site changed (nothing to do without a site)."""
    from django.db import connections
    from wagtail.models import Site

    if Site._meta.db_table not in connections[using].introspection.table_names():
        return False  # a partial migrate, before Wagtail's tables exist
    hostname, port = site_address()
    changed = False
    for site in Site.objects.using(using).filter(is_default_site=True).exclude(hostname=hostname, port=port):
        site.hostname, site.port = hostname, port
        site.save(using=using)  # (not update(): saving clears Wagtail's cache of the sites' root paths)
        changed = True
    return changed


def sync_site_after_migrate(sender, using="default", **kwargs):
    """``post_migrate``: keep the default site on ``WAGTAILADMIN_BASE_URL`` after each ``migrate``."""
    if sender.name == "lab":
        sync_default_site(using)


class CanonicalBaseUrl:
    """``WAGTAILAPI_BASE_URL``: Wagtail's API reads it with ``str()``, so its links follow ``base_url()``."""

    def __str__(self):
        return base_url()
