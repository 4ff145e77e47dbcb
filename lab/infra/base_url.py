"""The instance's one canonical base URL (``WAGTAILADMIN_BASE_URL``) and absolute links built on it.

QR codes, e-mails, the sitemap, the API and the replication kit link to the instance where it is served, never to
the address a request happened to use nor to ``localhost``.
"""

from django.conf import settings


def base_url():
    """The canonical base URL, without a trailing slash (e.g. ``https://labo-commun.example.org``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """``path`` (``/commun/…``) on the canonical base URL; a URL that is already absolute is returned as it is."""
    if "://" in path:
        return path
    return f"{base_url()}/{path.lstrip('/')}"


class CanonicalBaseUrl:
    """``WAGTAILAPI_BASE_URL``: Wagtail's API reads it with ``str()``, so its links follow ``base_url()``."""

    def __str__(self):
        return base_url()
