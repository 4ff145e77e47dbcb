"""Settings of the load test's gunicorn: the production settings, served over plain HTTP on the
loopback, with the bench's database and static files found without ``collectstatic``."""

from lab.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Production's storages (public media and the private files), static files without their manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The product's URLs and the load test's floor (bench/floors.py), routed only for the bench.
ROOT_URLCONF = "bench.urls"
