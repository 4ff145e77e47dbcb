"""Settings shared by every environment of Labo commun.

Values that differ between machines come from the environment, with embedded defaults that run
the demo on one machine: SQLite, media on the local disk and the database task backend.
"""

import os
from pathlib import Path

import dj_database_url

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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads larger than this are refused with a message rather than read into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# The task queue: django-tasks with the ORM backend of django-tasks-db, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Labo commun <noreply@labo-commun.localhost>")

WAGTAIL_SITE_NAME = "Labo commun"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

LOGIN_URL = "wagtailadmin_login"
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

# --- Alertes SMS (app `alertes`, docs/alertes.md) ----------------------------------------------
# Sending backend, like EMAIL_BACKEND: the console one prints the SMS (nothing leaves the machine);
# production sets alertes.backends.http.HttpBackend with the provider's URL and key.
ALERTES_SMS_BACKEND = os.environ.get("ALERTES_SMS_BACKEND", "alertes.backends.console.ConsoleBackend")
ALERTES_HTTP_URL = os.environ.get("ALERTES_HTTP_URL", "http://127.0.0.1:9/sms")
ALERTES_HTTP_API_KEY = os.environ.get("ALERTES_HTTP_API_KEY", "")
ALERTES_HTTP_TIMEOUT = float(os.environ.get("ALERTES_HTTP_TIMEOUT", "10"))
# Shared secret of the provider's webhook (delivery receipts, STOP replies): HMAC-SHA256 of the body.
ALERTES_WEBHOOK_SECRET = os.environ.get("ALERTES_WEBHOOK_SECRET", "dev-only-alertes-webhook-secret")
ALERTES_IMPORT_MAX_BYTES = int(os.environ.get("ALERTES_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Retries of transient failures (the task queue has none of its own): attempts and first backoff.
ALERTES_MAX_ATTEMPTS = int(os.environ.get("ALERTES_MAX_ATTEMPTS", "5"))
ALERTES_RETRY_BASE_SECONDS = int(os.environ.get("ALERTES_RETRY_BASE_SECONDS", "30"))
# A message left « en cours d'envoi » longer than this (its worker died) is sent again by the sweep.
ALERTES_STALE_MINUTES = int(os.environ.get("ALERTES_STALE_MINUTES", "10"))
ALERTES_BATCH_SIZE = int(os.environ.get("ALERTES_BATCH_SIZE", "100"))
