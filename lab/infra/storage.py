"""Where files with personal data or funders' documents are kept: the private storage.

Public images, renditions and the commons' documents live in ``default`` storage, under
``MEDIA_ROOT``, which the front server serves to anyone at ``MEDIA_URL``. Exports (the proofs
pack), certificate batches, receipts, member imports and follow-up attachments go to the
``"private"`` storage (``STORAGES["private"]``): a folder outside ``MEDIA_ROOT``
(``PRIVATE_MEDIA_ROOT``) that has no URL at all. They are only ever downloaded through a view that
checks the user's scope (``lab.scope``) and streams the file (``private_download``).
"""

import functools

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.http import FileResponse
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty


@deconstructible
class PrivateFileSystemStorage(FileSystemStorage):
    """A ``FileSystemStorage`` with no URL: ``file.url`` raises ``ValueError``.

    (Django's own ``base_url=None`` falls back to ``MEDIA_URL``, which would hand out public links.)
    """

    @property
    def base_url(self):
        return None


@functools.cache
def _private_s3_storage_class():
    from storages.backends.s3 import S3Storage

    @deconstructible(path="lab.infra.storage.PrivateS3Storage")
    class PrivateS3Storage(S3Storage):
        """Private files in a bucket of S3-compatible object storage (``S3_PRIVATE_BUCKET``).

        ``file.url`` raises ``ValueError`` like ``PrivateFileSystemStorage``: no signed or public link
        is ever handed out; the scoped views stream the file.
        """

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise ValueError("Private files have no URL: they are downloaded through a scoped view.")

    return PrivateS3Storage


def __getattr__(name):
    # django-storages (boto3) is imported only by instances that put their files on object storage.
    if name == "PrivateS3Storage":
        return _private_s3_storage_class()
    raise AttributeError(name)


class _PrivateStorage(LazyObject):
    """``STORAGES["private"]``, looked up again when the setting changes (tests, S3 or local disk)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_reset_private_storage)


def private_storage():
    """The ``storage=`` callable of private FileFields (migrations keep this name, not the backend).

    A proxy rather than the backend itself: a FileField keeps the storage it was given when its model
    was defined, and the proxy follows ``STORAGES`` whenever it changes.
    """
    return _private


def private_download(field_file, filename=None):
    """Stream a private file as a download that no browser or proxy keeps."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename or field_file.name.rsplit("/", 1)[-1]
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


#: The FileFields kept in the private storage, as (model label, field name): each app registers its
#: own from its ``AppConfig.ready`` (``register_private_file_field``).
PRIVATE_FILE_FIELDS = []
#: What else ``manage.py move_private_files`` does, as (callable returning a count, message with
#: ``{count}``): e.g. livrables puts deliverables' documents in restricted collections.
PRIVATE_FILE_TASKS = []


def register_private_file_field(label, field_name):
    """Have ``manage.py move_private_files`` move the files of ``label``'s ``field_name`` to the private storage."""
    PRIVATE_FILE_FIELDS.append((label, field_name))


def register_private_files_task(task, message):
    """Have ``manage.py move_private_files`` run ``task()`` and write ``message.format(count=task())``."""
    PRIVATE_FILE_TASKS.append((task, message))


def move_to_private_storage(model, field_name):
    """Move the files of ``model``'s rows from the public storage to the private one; return how many.

    Files keep their names, so rows need no change. Idempotent: a file already private, or missing
    from both storages, is left alone. Used by the migrations that made these fields private and by
    ``manage.py move_private_files``.
    """
    public, private = storages["default"], _private
    moved = 0
    names = model._default_manager.exclude(**{field_name: ""}).values_list(field_name, flat=True)
    for name in names.iterator():
        if not name or private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved != name:  # cannot happen after the exists() check, but never lose the row's file
            private.delete(saved)
            continue
        public.delete(name)
        moved += 1
    return moved


def migration_mover(label, field_name):
    """A ``RunPython`` function moving the files of one private field (historical model)."""

    def forwards(apps, schema_editor):
        move_to_private_storage(apps.get_model(label), field_name)

    return forwards
