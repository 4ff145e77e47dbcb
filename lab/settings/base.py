"""Settings shared by every environment of Labo commun.

Values that differ between machines come from the environment, with embedded defaults that run
the demo on one machine: SQLite, media on the local disk and the database task backend.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from lab.infra.base_url import CanonicalBaseUrl

from .storage import object_storages
from .tasks import task_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """Comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "lab",
    "home",
    "ateliers",
    "projets",
    "livrables",
    "alertes",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lab.infra.csp.CSPMiddleware",
    # Early: a NUL in the address or a form is a 400 page before any cache, session or SQL work.
    "lab.infra.bad_input.NulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cached public page is answered with no session, user or SQL work; its
    # response phase sees the cookies and headers set below it (docs/DEVELOPING.md, « Caching »).
    "lab.infra.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lab.infra.security.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lab.infra.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by its backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lab.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lab.wsgi.application"

# One URL says where the data lives: SQLite beside the code by default, PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web and db_worker) share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url, default="locmem://"):
    """``CACHES`` from one URL: ``redis://`` / ``rediss://`` (Django's RedisCache, shared by every
    process), ``db://table`` (the database cache, after ``manage.py createcachetable``; image
    renditions are then not cached), ``locmem://`` (one process only) or ``dummy://`` (no cache)."""
    url = url or default
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif parts.scheme == "db":
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": parts.netloc or "labo_cache"}
    elif parts.scheme == "locmem":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "labo-commun"}
    elif parts.scheme == "dummy":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"CACHE_URL « {url} » : schéma inconnu (redis, rediss, db, locmem, dummy).")
    caches = {"default": {**backend, "KEY_PREFIX": "labo"}}
    if parts.scheme == "db":
        # Wagtail writes each image's rendition to its cache at every use, even one read with the
        # page (prefetched): three queries per image per page in the database cache, against none
        # to read it with its image, or one without. Renditions are then not cached.
        caches["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return caches


# Local memory on one machine; production shares one cache between its processes (production.py).
CACHES = cache_from_url(os.environ.get("CACHE_URL"))
# The public page cache (lab/infra/caching.py): how long the server keeps an anonymous public response
# (0 turns it off), and what browsers and proxies are told (Cache-Control: public, max-age=…).
PUBLIC_CACHE_ALIAS = "default"
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "600"))
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", "300"))
PUBLIC_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PUBLIC_CACHE_STALE_WHILE_REVALIDATE", "60"))
# Never cached, and answered « Cache-Control: private, no-store »: the admin (previews, PDFs with
# personal data), the Alertes SMS module, the certificate verification page, documents (some are
# private).
PUBLIC_CACHE_PRIVATE_PREFIXES = ["/admin/", "/alertes/", "/verifier/", "/documents/", "/ateliers/"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# Files with personal data or funders' documents (exports, certificate batches, receipts, member
# imports, follow-up attachments): outside MEDIA_ROOT, with no URL, downloaded through scoped views
# only (lab/infra/storage.py). The front server must never serve this folder.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# On S3-compatible object storage when S3_BUCKET / S3_PRIVATE_BUCKET are set (lab/settings/storage.py).
PUBLIC_STORAGE, PRIVATE_STORAGE = object_storages(
    {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    {"BACKEND": "lab.infra.storage.PrivateFileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
)
STORAGES = {
    "default": PUBLIC_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The key and X.509 certificate (PEM) signing issued certificates (lab/infra/signing.py); with
# DOCUMENT_SIGNING_SELF_SIGNED (not in production), a missing pair is made, self-signed, on first use.
DOCUMENT_SIGNING_KEY = os.environ.get("DOCUMENT_SIGNING_KEY", str(BASE_DIR / "var" / "signing" / "key.pem"))
DOCUMENT_SIGNING_CERT = os.environ.get("DOCUMENT_SIGNING_CERT", str(BASE_DIR / "var" / "signing" / "cert.pem"))
DOCUMENT_SIGNING_KEY_PASSPHRASE = os.environ.get("DOCUMENT_SIGNING_KEY_PASSPHRASE", "")
DOCUMENT_SIGNING_SELF_SIGNED = env_bool("DOCUMENT_SIGNING_SELF_SIGNED", True)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploaded files larger than this go to a temporary file instead of memory; each form then refuses
# a file over its own limit (WAGTAILIMAGES_MAX_UPLOAD_SIZE… below) with a French message, and the
# temporary file is deleted. A request's other fields may not exceed DATA_UPLOAD_MAX_MEMORY_SIZE.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# The task queue: django-tasks with the ORM backend of django-tasks-db, run by `manage.py db_worker`;
# TASKS_BACKEND=rq moves it to Redis (REDIS_URL), run by `manage.py rqworker --with-scheduler`.
_task_settings = task_settings(
    os.environ.get("TASKS_BACKEND", "db"), os.environ.get("REDIS_URL"), os.environ.get("RQ_JOB_TIMEOUT")
)
TASKS = _task_settings["TASKS"]
if "RQ_QUEUES" in _task_settings:
    RQ_QUEUES = _task_settings["RQ_QUEUES"]
    RQ = _task_settings["RQ"]
    INSTALLED_APPS += ["django_rq"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Labo commun <noreply@labo-commun.localhost>")

WAGTAIL_SITE_NAME = "Labo commun"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The API's links (detail_url) on the same canonical base URL (lab/infra/base_url.py).
WAGTAILAPI_BASE_URL = CanonicalBaseUrl()
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "lab.infra.search",
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# No SVG (a script can hide in it) nor HTML among documents or images.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every uploaded image and document is checked by its content (lab/infra/uploads.py); images are saved
# again by Pillow: no EXIF/GPS, no trailing payload.
WAGTAILIMAGES_IMAGE_FORM_BASE = "lab.infra.upload_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lab.infra.upload_forms.DocumentForm"
# Documents always go through Wagtail's view, as downloads (Content-Disposition: attachment), with
# X-Content-Type-Options: nosniff and their own CSP (default-src 'none'), even on object storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
# Approving the last step of a programme's validation publishes the page, whoever approves it (a
# funder has no right to publish directly): lab/validation.py, docs/DEVELOPING.md « Validation ».
WAGTAIL_FINISH_WORKFLOW_ACTION = "lab.workflow_finish.publish_approved"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

LOGIN_URL = "wagtailadmin_login"
# No avatar from gravatar.com: nothing leaves the machine, and the CSP allows images from here only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a check of releases.wagtail.org from the dashboard (upgrades follow requirements.lock).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Content Security Policy (django-csp 4, docs/DEVELOPING.md « Sécurité ») ------------------------
# Every response of every environment carries it, so tests and browser journeys run under it. Scripts
# and styles come from our static files only; no inline code, no other origin.
# Media on object storage (an absolute MEDIA_URL) are images of another origin: allow that one.
_media = urlsplit(MEDIA_URL)
_MEDIA_ORIGIN = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_ORIGIN],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's live preview shows the page in an iframe of the admin: same origin only.
        "frame-ancestors": [SELF],
    }
}
# Added to the policy of the Wagtail admin's pages for a signed-in user (lab.infra.csp.CSPMiddleware).
# Draftail, Wagtail's rich text editor, writes <style> elements (list numbering by depth, the
# placeholders of empty headings) whose text depends on each field's features: <style> elements
# only, never style="" attributes, and nothing can leave: images, fonts and fetches stay 'self'.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_UPDATE = {"style-src-elem": [SELF, UNSAFE_INLINE]}

# --- Logins, two-factor authentication, sessions (docs/DEVELOPING.md, « Connexion ») ------------
# django-axes counts failed logins first: after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is refused for AXES_COOLOFF_TIME (other users and addresses are not); after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address across usernames, the address is refused.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lab.infra.authentication.LabModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The per-address limit, higher (a shared office's typos must not lock everyone out): counted by
# lab.infra.security.AddressAwareHandler, since axes has a single AXES_FAILURE_LIMIT.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_HANDLER = "lab.infra.security.AddressAwareHandler"
AXES_RESET_ON_SUCCESS = True
# The lockout ends AXES_COOLOFF_TIME after it began, as its page says, whatever is tried meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "lab.infra.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "lab.infra.security.client_ip"
# Proxies (load balancers) in front of the app that append to X-Forwarded-For; 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# No django.contrib.admin here: lockouts are listed and lifted in the Wagtail admin (Paramètres ›
# Connexions bloquées, superusers) or with axes' commands (axes_list_attempts, axes_reset_username…).
AXES_ENABLE_ADMIN = False
# Successful logins are not recorded (address and browser of every login would pile up): only failures.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor authentication (TOTP, django-otp) is optional for everyone who has a device; these
# roles must enrol one: "superuser", a programme role ("coordinator", "facilitator", "funder") or a
# structure role ("structure:admin", "structure:team", "structure:animateur", "structure:social_worker").
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Labo commun")

# A session ends after SESSION_COOKIE_AGE without activity and, active or not,
# SESSION_ABSOLUTE_LIFETIME after the login. Activity pushes the expiry back: the session is saved
# again at most once every SESSION_REFRESH_SECONDS (lab.infra.security.SessionLifetimeMiddleware), not on
# every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
# Wagtail's login form leaves the password field's label untranslated (« Password »).
WAGTAILADMIN_USER_LOGIN_FORM = "lab.forms.LoginForm"

# Regions tried in turn to read a number written nationally. The overseas departments come first:
# their ranges (0262/0263/0269, 0639, 0692/0693 for La Réunion and Mayotte…) are allotted to them in
# the French numbering plan, but libphonenumber also accepts some as metropolitan (+33 2 69…).
PHONE_REGIONS = ["YT", "RE", "GP", "MQ", "GF", "FR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

DEMO_ADMIN_USERNAME = "admin"

# --- Settings of the apps (public forms, retention, Alertes SMS): lab/settings/apps.py
from .apps import *  # noqa: E402, F403

# --- Backups (manage.py backup / restore; README « Sauvegarde et restauration ») ------------------
# The archive holds password hashes, phones and receipts: encrypted (age format) when one of these
# is set, from the environment only. BACKUP_RECIPIENTS: age public keys (age1…) or SSH public keys,
# separated by commas (the server then holds no secret); or BACKUP_PASSPHRASE, never both.
# BACKUP_IDENTITY_FILE: the age private key file restore uses (on the machine that restores).
BACKUP_RECIPIENTS = [key.strip() for key in os.environ.get("BACKUP_RECIPIENTS", "").split(",") if key.strip()]
BACKUP_PASSPHRASE = os.environ.get("BACKUP_PASSPHRASE", "")
BACKUP_IDENTITY_FILE = os.environ.get("BACKUP_IDENTITY_FILE", "")
