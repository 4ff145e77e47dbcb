"""The public page cache and the Cache-Control policy of every response.

Anonymous visitors of the public site (home, programmes, le commun and its resources, the structure
directory, feeds, sitemap) are served whole responses from the cache (``CACHES["default"]``), with
no SQL query. A response is stored only when it is anonymous, a ``GET`` answered ``200``, sets no
cookie (so never a form with a CSRF token, nor a page that opened a session) and varies on nothing
but cookies and language. Nothing is ever served from the cache to a request carrying a session or
messages cookie (a logged-in user, a visitor who unlocked a password-protected page, a pending
message), nor under the private prefixes (admin, previews, Alertes SMS, certificate verification).

Every key contains a version number that changes when anything shown on a public page changes:
a page saved, published, unpublished, moved or deleted, or a structure, territory, programme logo,
funder, theme, workshop, image… saved or deleted (``connect_signals``). Old entries are never read
again and expire on their own. With several web processes the cache must be shared (Redis or the
database: ``CACHE_URL``, see ``lab/settings/base.py``), or a process would keep serving its own copy.

The ``Cache-Control`` header says the same to browsers and proxies: ``public, max-age=…`` for what
may be cached, ``private, no-store`` for everything personal or authenticated.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "lab:public-pages:version"
#: Labels of the models (besides every Wagtail page) whose rows appear on public pages: the core's
#: and Wagtail's here, each app's own from its ``AppConfig.ready`` (``register_public_model``).
PUBLIC_MODELS = {
    "lab.ProgrammeLogo",
    "lab.ProgrammeFunder",
    "lab.Funder",
    "lab.Theme",
    "lab.Territory",
    "lab.Structure",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "taggit.Tag",
}
#: Headers a stored response may vary on: every anonymous request without cookies shares it.
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
NO_STORE = "private, no-store"


def _cache():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def current_version():
    """The version in every public key; created on first use, replaced by ``invalidate``."""
    version = _cache().get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        # add(): two processes starting at once agree on the first one's value.
        _cache().add(VERSION_KEY, version, timeout=None)
        version = _cache().get(VERSION_KEY, version)
    return version


def _new_version():
    try:
        _cache().set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # a cache server down must not break publishing
        logger.exception("public page cache: could not change the version")


def invalidate(**kwargs):
    """Make every cached public page stale (a signal receiver: publish, save, delete…).

    At once, and again when the transaction commits: a visitor's request between the two would
    otherwise store the page as it was before the commit under the new version.
    """
    _new_version()
    transaction.on_commit(_new_version)


def register_public_model(model):
    """Make a change to ``model`` (a model class or its ``"app.Model"`` label) stale every public page."""
    PUBLIC_MODELS.add(model if isinstance(model, str) else model._meta.label)
    _is_public_model.cache_clear()


@functools.cache
def _is_public_model(model):
    """Wagtail pages, site settings and the models of ``PUBLIC_MODELS``."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    return issubclass(model, Page | BaseSiteSetting | BaseGenericSetting) or model._meta.label in PUBLIC_MODELS


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata / restore: the caller clears the cache
        return
    if _is_public_model(sender):
        invalidate()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_public_model(type(instance)):
        invalidate()


def connect_signals():
    """Change the version whenever anything shown on a public page changes."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="lab_public_cache_save")
    post_delete.connect(_on_change, dispatch_uid="lab_public_cache_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="lab_public_cache_m2m")
    page_published.connect(invalidate, dispatch_uid="lab_public_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="lab_public_cache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="lab_public_cache_moved")


def _private_path(path):
    return any(path.startswith(prefix) for prefix in settings.PUBLIC_CACHE_PRIVATE_PREFIXES)


def _personal_request(request):
    """A request that may see something personal: it carries a session or a pending message."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _key(request, version):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"lab:public-page:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PublicCacheMiddleware:
    """Serve anonymous public pages from the cache and set every response's ``Cache-Control``.

    Place it right after WhiteNoise and before ``SessionMiddleware``: a hit is answered before any
    session, user or database work, and the response phase sees the cookies (CSRF, session) and the
    headers set by every middleware below it, which are stored with the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = (
            settings.PUBLIC_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and not _private_path(request.path)
            and not _personal_request(request)
        )
        key = None
        if cacheable:
            try:
                key = _key(request, current_version())
                stored = _cache().get(key)
            except Exception:  # a bad Host header (the normal path answers 400) or a cache down
                logger.debug("public page cache unavailable", exc_info=True)
                key = stored = None
            if stored is not None:
                return self._rebuild(stored)

        response = self.get_response(request)
        self._set_cache_control(request, response)
        if key is not None and _storable(request, response):
            try:
                _cache().set(key, self._freeze(response), settings.PUBLIC_CACHE_SECONDS)
                response["X-Labo-Cache"] = "miss"
            except Exception:
                logger.warning("public page cache: could not store %s", request.path, exc_info=True)
        return response

    @staticmethod
    def _freeze(response):
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-labo-cache"]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Labo-Cache"] = "hit"
        return response

    @staticmethod
    def _set_cache_control(request, response):
        """Public pages: short and shared; anything personal, authenticated or private: never stored."""
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        existing = response.get("Cache-Control", "")
        if (
            authenticated
            or _personal_request(request)
            or _private_path(request.path)
            or response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            # The view's own policy is kept only when it is at least as strict.
            if "no-store" not in existing or "public" in existing:
                response.headers.pop("Cache-Control", None)
                patch_cache_control(response, private=True, no_store=True)
            return
        if existing:
            return  # the view chose (never_cache, a download's own policy…)
        if request.method in {"GET", "HEAD"} and response.status_code in {200, 301}:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_MAX_AGE,
                stale_while_revalidate=settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE,
            )
        elif request.method not in {"GET", "HEAD"}:
            patch_cache_control(response, private=True, no_store=True)
