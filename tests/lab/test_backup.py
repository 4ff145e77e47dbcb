"""Backup, wipe, restore leaves the site identical: same rows, same files."""

import io
import os
import stat
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.core.management.base import CommandError

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


# --- Permissions and encryption ------------------------------------------------------------------


@pytest.fixture
def small_site(wagtail_base, world):
    """A few structures, people and accounts (with password hashes), and one private file."""
    job = ExportJob.objects.create(programme=world.programme_a, kind="justificatifs", status=ExportStatus.DONE)
    job.file.save("justificatifs.zip", ContentFile(b"PK justificatif de Alice"))
    return world


@pytest.fixture
def permissive_umask():
    """A umask that would make new files world-readable: the archive must not be."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_the_archive_is_readable_by_its_owner_only(small_site, tmp_path, permissive_umask):
    archive = tmp_path / "sauvegarde.tar.gz"
    backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert list(tmp_path.iterdir()) == [archive]  # no partial file left behind


def test_an_existing_world_readable_file_is_replaced_by_an_owner_only_archive(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    archive.write_bytes(b"ancienne")
    archive.chmod(0o644)
    backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_the_backup_command_writes_an_owner_only_archive(small_site, tmp_path, permissive_umask):
    archive = tmp_path / "sauvegarde.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert "non chiffrée, lisible par son seul propriétaire" in out.getvalue()


def test_a_passphrase_backup_hides_the_data_and_restores_with_its_passphrase(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz.age"
    backup(archive, passphrase="correct cheval pile agrafe")
    content = archive.read_bytes()
    assert content.startswith(b"age-encryption.org/v1")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    people = Person.objects.count()
    call_command("flush", interactive=False, verbosity=0)
    restore(archive, passphrase="correct cheval pile agrafe")
    assert Person.objects.count() == people
    assert Structure.objects.filter(name="Centre social A").exists()
    assert ExportJob.objects.get().file.read() == b"PK justificatif de Alice"


def test_a_public_key_backup_restores_with_the_identity_file(small_site, tmp_path):
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "cle.txt"
    key_file.write_text(f"# clé de restauration\n{identity}\n")
    archive = tmp_path / "sauvegarde.tar.gz.age"
    out = io.StringIO()
    call_command("backup", str(archive), "--recipient", str(identity.to_public()), stdout=out)
    assert "chiffrée pour la clé publique donnée" in out.getvalue()
    assert archive.read_bytes().startswith(b"age-encryption.org/v1")
    Structure.objects.create(name="Créée après la sauvegarde")
    call_command("restore", str(archive), "--identity", str(key_file), "--replace", stdout=out)
    assert "Restauration terminée" in out.getvalue()
    assert not Structure.objects.filter(name="Créée après la sauvegarde").exists()
    assert Structure.objects.filter(name="Centre social B").exists()


def test_the_public_key_in_the_settings_encrypts_every_backup(small_site, tmp_path, settings):
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    settings.BACKUP_RECIPIENTS = [str(identity.to_public())]
    archive = tmp_path / "sauvegarde.tar.gz.age"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.read_bytes().startswith(b"age-encryption.org/v1")
    restore(archive, replace=True, identities=[identity])


def test_a_wrong_passphrase_is_refused_in_french_and_changes_nothing(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz.age"
    backup(archive, passphrase="la bonne")
    Structure.objects.create(name="Créée après la sauvegarde")
    with pytest.raises(RestoreError, match="la phrase de passe est incorrecte.*Rien n'a été modifié"):
        restore(archive, replace=True, passphrase="la mauvaise")
    assert Structure.objects.filter(name="Créée après la sauvegarde").exists()


def test_an_encrypted_backup_without_its_key_says_what_is_missing(small_site, tmp_path, settings):
    settings.BACKUP_PASSPHRASE = ""
    archive = tmp_path / "sauvegarde.tar.gz.age"
    backup(archive, passphrase="la bonne")
    with pytest.raises(CommandError, match="Cette sauvegarde est chiffrée : donnez sa phrase de passe"):
        call_command("restore", str(archive), "--replace", stdout=io.StringIO())


def test_a_damaged_archive_is_refused_in_french_and_changes_nothing(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    backup(archive)
    content = bytearray(archive.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 16] = bytes(byte ^ 0xFF for byte in content[middle : middle + 16])
    archive.write_bytes(bytes(content))
    Structure.objects.create(name="Créée après la sauvegarde")
    with pytest.raises(RestoreError, match="rien n'a été modifié|n'est pas une sauvegarde"):
        restore(archive, replace=True)
    assert Structure.objects.filter(name="Créée après la sauvegarde").exists()


def test_a_damaged_encrypted_archive_is_refused_and_changes_nothing(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz.age"
    backup(archive, passphrase="la bonne")
    content = bytearray(archive.read_bytes())
    content[-40] ^= 0x01
    archive.write_bytes(bytes(content))
    Structure.objects.create(name="Créée après la sauvegarde")
    with pytest.raises(RestoreError, match="l'archive est endommagée"):
        restore(archive, replace=True, passphrase="la bonne")
    assert Structure.objects.filter(name="Créée après la sauvegarde").exists()


def test_a_file_whose_checksum_differs_from_the_manifest_is_refused_before_loading(small_site, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    backup(archive)
    # Rewrite the archive with the private file altered but the manifest unchanged.
    altered = tmp_path / "alteree.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("private/"):
                content = content.replace(b"Alice", b"Alicx")
            target.addfile(member, io.BytesIO(content))
    Structure.objects.create(name="Créée après la sauvegarde")
    with pytest.raises(RestoreError, match="corrompu : rien n'a été modifié"):
        restore(altered, replace=True)
    assert Structure.objects.filter(name="Créée après la sauvegarde").exists()


def test_an_archive_made_before_the_commons_counts_comes_back_with_them(small_site, tmp_path):
    from home import builders
    from home.models import CommonsEntry, FacetCount

    builders.add_tool(small_site.programme_a, title="Rappels par SMS", summary="SMS.", tags=["sms"])
    kept = set(FacetCount.objects.values_list("filter_param", "filter_value", "param", "value", "count"))
    assert ("", "", "mot-cle", str(CommonsEntry.objects.get(title="Rappels par SMS").tags.get().pk), 1) in kept
    FacetCount.objects.all().delete()  # as in an archive of an earlier version
    archive = tmp_path / "avant.tar.gz"
    backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    restore(archive)
    assert set(FacetCount.objects.values_list("filter_param", "filter_value", "param", "value", "count")) == kept
