"""Public and private files on S3-compatible object storage, over HTTP against a local S3 server.

The server (moto) runs in a thread of the test process; boto3 talks to it over real HTTP, as web
processes and workers on other machines would talk to the instance's object storage.
"""

import hashlib
import json
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from ateliers.choices import AttendanceStatus
from ateliers.models import Certificate
from ateliers.services.attendance import mark_attendance
from ateliers.services.registrations import register
from lab.infra.storage import private_storage
from lab.settings.storage import object_storages
from tests.ateliers.conftest import make_workshop

PUBLIC_BUCKET, PRIVATE_BUCKET = "labo-public", "labo-prive"
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*"}
    ],
}


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-west-3", aws_access_key_id="test", aws_secret_access_key="test"
    )
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        try:
            client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
        except client.exceptions.BucketAlreadyOwnedByYou:
            pass  # moto keeps its buckets in the process when pytest sets this module's server up again
    # What the operator does once: anyone may read the public bucket's files; the private one stays closed.
    client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
    yield endpoint, client
    server.stop()


@pytest.fixture
def on_s3(s3_endpoint, settings):
    """The instance's settings as the environment of a production deployment on object storage sets them."""
    endpoint, client = s3_endpoint
    env = {
        "S3_BUCKET": PUBLIC_BUCKET,
        "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "eu-west-3",
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
    }
    public, private = object_storages({"BACKEND": "unused"}, {"BACKEND": "unused"}, env=env)
    settings.STORAGES = {**settings.STORAGES, "default": public, "private": private}
    return client


def bucket_names(client, bucket):
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_the_settings_keep_files_on_the_local_disk_unless_buckets_are_named():
    local = ({"BACKEND": "public"}, {"BACKEND": "private"})
    assert object_storages(*local, env={}) == local
    public, private = object_storages(*local, env={"S3_BUCKET": "a", "S3_PRIVATE_BUCKET": "b"})
    assert public["BACKEND"] == "storages.backends.s3.S3Storage" and public["OPTIONS"]["bucket_name"] == "a"
    assert private["BACKEND"] == "lab.infra.storage.PrivateS3Storage" and private["OPTIONS"]["bucket_name"] == "b"


def test_a_public_file_is_stored_in_its_bucket_and_read_at_its_address(on_s3, db):
    name = default_storage.save("images/logo.txt", ContentFile(b"logo du programme"))
    assert name in bucket_names(on_s3, PUBLIC_BUCKET)
    url = default_storage.url(name)
    assert url.startswith("http://127.0.0.1:") and "?" not in url  # a plain public address, no signature
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (the local S3 server)
        assert answer.read() == b"logo du programme"


def test_a_private_file_has_no_address_at_all(on_s3):
    name = private_storage().save("exports/preuves.zip", ContentFile(b"PK"))
    assert name in bucket_names(on_s3, PRIVATE_BUCKET) and name not in bucket_names(on_s3, PUBLIC_BUCKET)
    with pytest.raises(ValueError, match="URL"):
        private_storage().url(name)
    # Even a guessed address of the object is refused to anyone without the instance's keys.
    endpoint = on_s3.meta.endpoint_url
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{endpoint}/{PRIVATE_BUCKET}/{name}")  # noqa: S310 (the local S3 server)
    assert refused.value.code == 403


@pytest.mark.django_db
def test_an_issued_certificate_is_kept_in_the_private_bucket_and_served_only_through_its_scoped_view(
    on_s3, world, login, client
):
    workshop = make_workshop(world.programme_a, facilitator_name="Alix Facilitation")
    workshop.invited_structures.add(world.structure_a)
    registration = register(workshop, world.person_a)
    for session in list(workshop.sessions.all())[:2]:
        mark_attendance(registration, session, AttendanceStatus.PRESENT)
    url = reverse("ateliers_admin:person_certificate", args=[workshop.pk, world.person_a.pk])

    login(world.coordinator).post(url)
    certificate = Certificate.objects.get()
    assert certificate.file.name in bucket_names(on_s3, PRIVATE_BUCKET)
    stored = on_s3.get_object(Bucket=PRIVATE_BUCKET, Key=certificate.file.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == certificate.sha256

    # Another process (another machine) reads the same bytes from the bucket through the scoped view.
    response = login(world.funder).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored
    with pytest.raises(ValueError, match="URL"):
        certificate.file.url  # noqa: B018
    assert login(world.outsider).get(url).status_code == 404
