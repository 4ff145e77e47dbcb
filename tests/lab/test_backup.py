"""Backup, wipe, restore leaves the site identical: same rows, same files."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command

from lab.demo import DemoContext
from lab.demo.logos import badge_png
from lab.infra.backup import RestoreError, backup, restore
from lab.models import Person, ProgrammeLogo, ProgrammePage, Structure
from livrables.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_with_data(wagtail_base):
    call_command("load_demo", stdout=io.StringIO())
    programme = ProgrammePage.objects.first()
    image = DemoContext.image(None, "Logo sauvegarde", badge_png("SAV"))
    ProgrammeLogo.objects.create(programme=programme, image=image, label="Sauvegarde", sort_order=99)
    job = ExportJob.objects.create(programme=programme, kind="justificatifs", status=ExportStatus.DONE)
    job.file.save("justificatifs.zip", ContentFile(b"PK pack de justificatifs"))
    return image


def test_backup_wipe_restore_leaves_the_site_identical(site_with_data, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    manifest = backup(archive)
    counts = {label: count for label, count in manifest["counts"].items() if count}
    assert counts["lab.structure"] == Structure.objects.count() > 40
    logo_file = site_with_data.file.name
    original = default_storage.open(logo_file).read()

    private_file = ExportJob.objects.get().file.name
    assert manifest["private_files"][private_file]["size"] == len(b"PK pack de justificatifs")

    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(logo_file)
    storages["private"].delete(private_file)
    assert not Structure.objects.exists()

    restore(archive)
    assert Structure.objects.count() == counts["lab.structure"]
    assert Person.objects.count() == counts["lab.person"]
    assert ProgrammePage.objects.live().count() == 5
    assert default_storage.open(logo_file).read() == original
    # The private file comes back in the private storage, never among the public media.
    assert storages["private"].open(private_file).read() == b"PK pack de justificatifs"
    assert not default_storage.exists(private_file)
    assert ExportJob.objects.get().file.read() == b"PK pack de justificatifs"
    home = ProgrammePage.objects.get(reference="FEDER-2020-PN.3")
    assert "cofinancée par le FEDER" in home.publicity_sentence


def test_restore_refuses_a_database_that_holds_data(site_with_data, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    backup(archive)
    with pytest.raises(RestoreError, match="--replace"):
        restore(archive)
    restore(archive, replace=True)
    assert ProgrammePage.objects.count() == 5


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "pas-une-sauvegarde.tar.gz"
    bogus.write_bytes(b"bonjour")
    with pytest.raises(RestoreError, match="n'est pas une sauvegarde"):
        restore(bogus)
