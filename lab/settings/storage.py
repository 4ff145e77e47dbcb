"""Files on S3-compatible object storage (django-storages), so that web processes and task workers on
several machines see the same images, documents, certificates, exports, receipts and imports.

Off by default: files stay on the local disk (MEDIA_ROOT, PRIVATE_MEDIA_ROOT). From the environment:

- ``S3_BUCKET``: the bucket of public files (images, renditions, the commons' documents). Its objects
  are read by anyone at their URL: ``S3_PUBLIC_URL`` (e.g. ``https://media.example.org``, a CDN in front
  of the bucket), else the endpoint's own address. Set ``MEDIA_URL`` to the same address.
- ``S3_PRIVATE_BUCKET``: the bucket of private files. It must not be readable by anyone: its files
  are only ever streamed by the scoped views (``lab.infra.storage.private_download``), and
  ``file.url`` refuses to give an address.
- ``S3_ENDPOINT_URL`` (any S3-compatible service: Scaleway, OVHcloud, Garage, MinIO…),
  ``S3_REGION``, ``S3_ACCESS_KEY_ID`` and ``S3_SECRET_ACCESS_KEY`` (or ``_FILE``).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit


def _env(name, env):
    value = env.get(name, "")
    path = env.get(f"{name}_FILE")
    if not value and path:
        value = Path(path).read_text().strip()
    return value


def s3_options(bucket, env=None):
    """The django-storages ``S3Storage`` options for ``bucket``, from the environment."""
    env = os.environ if env is None else env
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
        "region_name": env.get("S3_REGION") or None,
        "access_key": _env("S3_ACCESS_KEY_ID", env) or None,
        "secret_key": _env("S3_SECRET_ACCESS_KEY", env) or None,
        # Never overwrite: a second file of the same name gets a new name, as on the local disk.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {key: value for key, value in options.items() if value is not None}


def object_storages(public, private, env=None):
    """The ``STORAGES`` entries of public and private files: ``public`` and ``private`` (the local disk)
    unless ``S3_BUCKET`` / ``S3_PRIVATE_BUCKET`` name buckets."""
    env = os.environ if env is None else env
    if env.get("S3_BUCKET"):
        options = {**s3_options(env["S3_BUCKET"], env), "querystring_auth": False}
        public_url = urlsplit(env.get("S3_PUBLIC_URL", ""))
        if public_url.netloc:
            options.update(custom_domain=public_url.netloc + public_url.path.rstrip("/"))
            options.update(url_protocol=f"{public_url.scheme}:")
        public = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    if env.get("S3_PRIVATE_BUCKET"):
        private = {
            "BACKEND": "lab.infra.storage.PrivateS3Storage",
            "OPTIONS": s3_options(env["S3_PRIVATE_BUCKET"], env),
        }
    return public, private
