"""Production: every secret and address from the environment; HTTPS only.

Required: SECRET_KEY (or SECRET_KEY_FILE), ALLOWED_HOSTS, DATABASE_URL (PostgreSQL).
Recommended: WAGTAILADMIN_BASE_URL (the canonical address, `check --deploy` warns without it),
DOCUMENT_SIGNING_KEY and DOCUMENT_SIGNING_CERT (the key signing issued certificates).
Optional: MEDIA_ROOT, PRIVATE_MEDIA_ROOT, STATIC_ROOT, S3_* (object storage, settings/storage.py), EMAIL_URL-style settings, CSRF_TRUSTED_ORIGINS,
CACHE_URL (else the database cache); TASKS_BACKEND=rq with REDIS_URL for the task queue on Redis
(lab/settings/tasks.py).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PRIVATE_STORAGE, PUBLIC_STORAGE, cache_from_url, env_bool, env_list


def _secret(name):
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    value = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    if not value and path:
        value = Path(path).read_text().strip()
    return value


DEBUG = False
# Certificates are signed with the instance's own key: never a self-signed one made on the fly.
DOCUMENT_SIGNING_SELF_SIGNED = env_bool("DOCUMENT_SIGNING_SELF_SIGNED", False)
SECRET_KEY = _secret("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows the page in an iframe of the admin: same origin only.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Sessions: idle timeout and absolute lifetime come from base (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS).
# Site administrators and funders must use a second factor unless the environment says otherwise.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "superuser,funder")

# Several web processes share one cache, or each would serve its own copy of a page after a
# publication: Redis when CACHE_URL is set (never the queue's REDIS_URL: a cache evicts keys), else the
# database (`createcachetable`).
CACHES = cache_from_url(os.environ.get("CACHE_URL"), default="db://labo_cache")

STORAGES = {
    # The local disk, or S3-compatible object storage with S3_BUCKET / S3_PRIVATE_BUCKET (settings/storage.py).
    "default": PUBLIC_STORAGE,
    # PRIVATE_MEDIA_ROOT (base.py): never served by the front server, only through scoped views.
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Alertes SMS: the real HTTP provider, its key and the webhook's secret only come from the
# environment. Without ALERTES_WEBHOOK_SECRET the webhook refuses every call.
ALERTES_SMS_BACKEND = os.environ.get("ALERTES_SMS_BACKEND", "alertes.backends.http.HttpBackend")
ALERTES_HTTP_API_KEY = _secret("ALERTES_HTTP_API_KEY") or ""
ALERTES_WEBHOOK_SECRET = _secret("ALERTES_WEBHOOK_SECRET") or ""
# Where the module's source code is published (the fiche links it only when set).
ALERTES_SOURCE_URL = os.environ.get("ALERTES_SOURCE_URL", "")

# Task queue on Redis (TASKS_BACKEND=rq): the Redis server must be named, never guessed.
if "RQ_QUEUES" in globals() and not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (redis://host:6379/0) in production.")
