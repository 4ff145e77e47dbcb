"""Tests: fast hashing, tasks run immediately, files in a throw-away folder."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per process that imports these settings (each pytest-xdist worker, the controller),
# removed when that process exits; the live server of the browser journeys runs in a thread of the
# same process and shares it. Forked processes (the PDF batch renderer) inherit the exit hook: only
# the process that created the folder removes it.
# A worker subprocess started by a test (``manage.py db_worker``, see tests/ateliers/test_killed_worker.py)
# is given the test's folder in LABO_TEST_FILES_ROOT, its database in DATABASE_URL, and the database
# queue with LABO_TEST_WORKER=1: it sees the files and rows of the test that started it.
TEST_FILES_ROOT = Path(os.environ.get("LABO_TEST_FILES_ROOT") or tempfile.mkdtemp(prefix="labo-commun-test-"))
if os.environ.get("LABO_TEST_WORKER") == "1":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _remove_test_files(root, owner):
    if os.getpid() == owner:
        shutil.rmtree(root, ignore_errors=True)


if not os.environ.get("LABO_TEST_FILES_ROOT"):  # a worker leaves the folder to its test
    atexit.register(_remove_test_files, TEST_FILES_ROOT, os.getpid())


def _test_folder(name):
    folder = TEST_FILES_ROOT / name
    folder.mkdir(exist_ok=True)
    return folder


MEDIA_ROOT = _test_folder("media")
PRIVATE_MEDIA_ROOT = _test_folder("private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "lab.infra.storage.PrivateFileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The signing key of certificates: a self-signed pair made on first use, per test process.
DOCUMENT_SIGNING_KEY = str(TEST_FILES_ROOT / "signing" / "key.pem")
DOCUMENT_SIGNING_CERT = str(TEST_FILES_ROOT / "signing" / "cert.pem")
DOCUMENT_SIGNING_SELF_SIGNED = True
# Tests never run collectstatic: an empty folder keeps WhiteNoise from warning on every request.
STATIC_ROOT = _test_folder("static")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lab.infra.search", "SEARCH_CONFIG": "french"}}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not SQLite's in-memory database: the live server of the browser journeys answers
    # concurrent requests (a page and the admin's icon sprite) and each thread needs a connection of
    # its own; one shared in-memory connection breaks their transactions (« no such savepoint »).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(_test_folder("db") / "test.sqlite3")
    }
