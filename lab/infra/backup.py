"""Backup and restore of the whole site: database rows and media files in one archive.

The archive (``.tar.gz``) holds ``data.json`` (every row with its primary key, as ``dumpdata``
writes it, so that it loads into any database engine and every link between rows is kept), the
media files under ``media/``, the private storage's files (exports, certificate batches, receipts…:
``lab/infra/storage.py``) under ``private/``, and a ``manifest.json`` with the row count of each model and
the size and SHA-256 of each file, which ``restore`` checks and puts back in the storage it came from. Left out: sessions, the task queue's
results and the search index (rebuilt by ``update_index`` after a restore).
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

EXCLUDED = [
    "sessions",
    "wagtailsearch",
    "django_tasks_database",
]
FORMAT_VERSION = 1


class RestoreError(Exception):
    """The archive cannot be restored here; the message says why, in French."""


def _model_counts():
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or _excluded(label):
            continue
        counts[label] = model._default_manager.count()
    return counts


def _excluded(label):
    app_label = label.split(".")[0]
    return label in EXCLUDED or app_label in EXCLUDED


#: Storage alias -> (folder in the archive, key of the manifest). Public media first, then private.
STORAGE_SECTIONS = {"default": ("media", "files"), "private": ("private", "private_files")}


def _media_files(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a storage folder not created yet: nothing to back up
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _media_files(storage, f"{folder}/{directory}" if folder else directory)


def backup(target):
    """Write the archive to ``target`` (a path or a binary file object); return the manifest."""
    data = io.StringIO()
    # Content types and permissions first: loading later rows may look them up.
    first = ["contenttypes", "auth"]
    labels = first + [c.label for c in apps.get_app_configs() if c.label not in first and c.label not in EXCLUDED]
    call_command("dumpdata", *labels, *[f"--exclude={label}" for label in EXCLUDED if "." in label], stdout=data)
    manifest = {"format": FORMAT_VERSION, "counts": _model_counts(), "files": {}, "private_files": {}}
    archive_kwargs = {"mode": "w:gz"}
    archive_kwargs["name" if isinstance(target, str | Path) else "fileobj"] = target
    with tarfile.open(**archive_kwargs) as archive:
        _add(archive, "data.json", data.getvalue().encode("utf-8"))
        for alias, (folder, key) in STORAGE_SECTIONS.items():
            storage = storages[alias]
            for name in _media_files(storage):
                with storage.open(name, "rb") as handle:
                    content = handle.read()
                manifest[key][name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
                _add(archive, f"{folder}/{name}", content)
        _add(archive, "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8"))
    return manifest


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def database_is_empty():
    """True when no account and no structure exist yet (a freshly migrated database)."""
    from django.contrib.auth import get_user_model

    from lab.models import Structure

    return not get_user_model().objects.exists() and not Structure.objects.exists()


def restore(source, *, replace=False):
    """Load an archive made by ``backup`` into this database and media storage; return the manifest.

    Refuses a database that already holds data unless ``replace`` is true, in which case it is
    emptied first. Everything is loaded in one transaction: on any error nothing is changed.
    """
    archive_kwargs = {"mode": "r:gz"}
    archive_kwargs["name" if isinstance(source, str | Path) else "fileobj"] = source
    try:
        archive = tarfile.open(**archive_kwargs)
    except (tarfile.TarError, OSError) as error:
        raise RestoreError(f"Ce fichier n'est pas une sauvegarde de Labo commun ({error}).") from error
    with archive:
        names = set(archive.getnames())
        if not {"data.json", "manifest.json"} <= names:
            raise RestoreError("Cette archive ne contient ni data.json ni manifest.json : ce n'est pas une sauvegarde.")
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError("Cette sauvegarde a été faite par une version incompatible de Labo commun.")
        if not database_is_empty() and not replace:
            raise RestoreError("La base contient déjà des données : relancez avec --replace pour les remplacer.")
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "data.json"
            fixture.write_bytes(archive.extractfile("data.json").read())
            with transaction.atomic():
                # Even a freshly migrated database holds rows (content types, Wagtail's root page…)
                # that the archive restores with their own keys: empty it completely, then load.
                call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
                call_command("loaddata", str(fixture), verbosity=0)
                counts = _model_counts()
                wrong = {
                    label: (expected, counts.get(label))
                    for label, expected in manifest["counts"].items()
                    if counts.get(label) != expected
                }
                if wrong:
                    raise RestoreError(f"Après chargement, les nombres d'enregistrements diffèrent : {wrong}")
        for alias, (folder, key) in STORAGE_SECTIONS.items():
            storage = storages[alias]
            # An archive made before the private storage existed has no "private_files".
            for name, meta in manifest.get(key, {}).items():
                content = archive.extractfile(f"{folder}/{name}").read()
                if hashlib.sha256(content).hexdigest() != meta["sha256"]:
                    raise RestoreError(f"Le fichier {name} de l'archive est corrompu.")
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, ContentFile(content))
    _rebuild_search_index()
    from lab.infra.caching import invalidate

    invalidate()  # loaddata's raw saves leave the public page cache alone: every page changed
    return manifest


def _rebuild_search_index():
    """Empty the search index (SQLite's full-text table survives a flush) and rebuild it."""
    for model in apps.get_app_config("wagtailsearch").get_models():
        table = model._meta.db_table
        if table in connection.introspection.table_names():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    call_command("update_index", verbosity=0)
