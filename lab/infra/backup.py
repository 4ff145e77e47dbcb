"""Backup and restore of the whole site: database rows and media files in one archive.

The archive (``.tar.gz``) holds ``data.json`` (every row with its primary key, as ``dumpdata``
writes it, so that it loads into any database engine and every link between rows is kept), the
media files under ``media/``, the private storage's files (exports, certificate batches, receipts…:
``lab/infra/storage.py``) under ``private/``, and a ``manifest.json`` with the row count of each model and
the size and SHA-256 of each file, which ``restore`` checks and puts back in the storage it came from. Left out: sessions, the task queue's
results and the search index (rebuilt by ``update_index`` after a restore).

The archive holds password hashes, phone numbers and receipts: it is created readable by its owner
only (0600, from the first byte: a temporary file in the same folder, renamed when complete), and is
encrypted when a passphrase or public key is given (age format, ``lab/infra/backup_crypto.py``).
``restore`` decrypts it, then reads and checks the whole archive (manifest, SHA-256 of ``data.json``
and of every file) before it changes anything.
"""

import contextlib
import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

from lab.infra import backup_crypto

EXCLUDED = [
    "sessions",
    "wagtailsearch",
    "django_tasks_database",
]
FORMAT_VERSION = 1
_derived = []


def register_derived_data(rebuild):
    """``rebuild()`` computes again rows an app derives from others (``home.facet_counts``: the commons'
    counts). Called by its app's ``AppConfig.ready``; a restore calls it once the archive is loaded,
    inside the same transaction: an archive made before those rows existed comes back with them."""
    _derived.append(rebuild)


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


def backup(target, *, passphrase=None, recipients=()):
    """Write the archive to ``target`` (a path or a binary file object); return the manifest.

    With a ``passphrase`` or ``recipients`` (age public keys), the archive is encrypted. A path is
    written with mode 0600 from the start, and appears only once complete.
    """
    encrypted = bool(passphrase or recipients)
    if not isinstance(target, str | Path):
        if not encrypted:
            return _write_archive(target)
        with tempfile.TemporaryFile() as plain:
            manifest = _write_archive(plain)
            plain.seek(0)
            backup_crypto.encrypt(plain, target, passphrase=passphrase, recipients=recipients)
        return manifest
    target = Path(target)
    # mkstemp creates the file with mode 0600, in the target's folder so that the rename is atomic.
    descriptor, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "w+b") as handle:
            manifest = backup(handle, passphrase=passphrase, recipients=recipients)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return manifest


def _write_archive(fileobj):
    data = io.StringIO()
    # Content types and permissions first: loading later rows may look them up.
    first = ["contenttypes", "auth"]
    labels = first + [c.label for c in apps.get_app_configs() if c.label not in first and c.label not in EXCLUDED]
    call_command("dumpdata", *labels, *[f"--exclude={label}" for label in EXCLUDED if "." in label], stdout=data)
    content = data.getvalue().encode("utf-8")
    manifest = {
        "format": FORMAT_VERSION,
        "counts": _model_counts(),
        "data_sha256": hashlib.sha256(content).hexdigest(),
        "files": {},
        "private_files": {},
    }
    with tarfile.open(fileobj=fileobj, mode="w:gz") as archive:
        _add(archive, "data.json", content)
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


def is_encrypted(source):
    """True when the archive at ``source`` (a path) is encrypted: ``restore`` then needs a key."""
    with open(source, "rb") as handle:
        return backup_crypto.is_encrypted(handle.read(64))


#: What a damaged or truncated archive raises while it is read.
DAMAGED = (tarfile.TarError, OSError, EOFError, zlib.error, KeyError, ValueError, UnicodeDecodeError)


def restore(source, *, replace=False, passphrase=None, identities=()):
    """Load an archive made by ``backup`` into this database and media storage; return the manifest.

    An encrypted archive is decrypted with ``passphrase`` or ``identities`` (age identities). The
    whole archive is read and checked first; a database that already holds data is refused unless
    ``replace`` is true, in which case it is emptied first. Everything is loaded in one
    transaction: on any error nothing is changed.
    """
    with contextlib.ExitStack() as stack:
        raw = stack.enter_context(open(source, "rb")) if isinstance(source, str | Path) else source
        head = raw.read(64)
        raw.seek(0)
        if backup_crypto.is_encrypted(head):
            plain = stack.enter_context(tempfile.TemporaryFile())
            try:
                backup_crypto.decrypt(raw, plain, passphrase=passphrase, identities=identities)
            except backup_crypto.EncryptionError as error:
                raise RestoreError(f"{error} Rien n'a été modifié.") from error
            plain.seek(0)
            raw = plain
        try:
            archive = stack.enter_context(tarfile.open(fileobj=raw, mode="r:gz"))
        except DAMAGED as error:
            raise RestoreError(f"Ce fichier n'est pas une sauvegarde de Labo commun ({error}).") from error
        try:
            manifest, data = _checked_contents(archive)
        except DAMAGED as error:
            raise RestoreError(f"L'archive est endommagée ou incomplète ({error}) : rien n'a été modifié.") from error
        if not database_is_empty() and not replace:
            raise RestoreError("La base contient déjà des données : relancez avec --replace pour les remplacer.")
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "data.json"
            fixture.write_bytes(data)
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
                for rebuild in _derived:
                    rebuild()
        for alias, (folder, key) in STORAGE_SECTIONS.items():
            storage = storages[alias]
            # An archive made before the private storage existed has no "private_files".
            for name in manifest.get(key, {}):
                content = archive.extractfile(f"{folder}/{name}").read()
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, ContentFile(content))
    _rebuild_search_index()
    from lab.infra.caching import invalidate

    invalidate()  # loaddata's raw saves leave the public page cache alone: every page changed
    return manifest


def _checked_contents(archive):
    """The manifest and ``data.json`` of ``archive``, once every part has been read and checked."""
    names = set(archive.getnames())
    if not {"data.json", "manifest.json"} <= names:
        raise RestoreError("Cette archive ne contient ni data.json ni manifest.json : ce n'est pas une sauvegarde.")
    manifest = json.loads(archive.extractfile("manifest.json").read())
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreError("Cette sauvegarde a été faite par une version incompatible de Labo commun.")
    data = archive.extractfile("data.json").read()
    # Archives made before the checksum of data.json was recorded have none.
    if "data_sha256" in manifest and hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
        raise RestoreError("Les données (data.json) de l'archive sont corrompues : rien n'a été modifié.")
    for folder, key in STORAGE_SECTIONS.values():
        for name, meta in manifest.get(key, {}).items():
            digest = hashlib.sha256()
            with archive.extractfile(f"{folder}/{name}") as member:
                for chunk in iter(lambda member=member: member.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != meta["sha256"]:
                raise RestoreError(f"Le fichier {name} de l'archive est corrompu : rien n'a été modifié.")
    return manifest, data


def _rebuild_search_index():
    """Empty the search index (SQLite's full-text table survives a flush) and rebuild it."""
    for model in apps.get_app_config("wagtailsearch").get_models():
        table = model._meta.db_table
        if table in connection.introspection.table_names():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    call_command("update_index", verbosity=0)
