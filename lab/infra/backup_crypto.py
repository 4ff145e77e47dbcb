"""Encryption of backups in the age format (https://age-encryption.org), through the ``pyrage`` package.

Two ways, never both in one archive (age does not mix them):

- a **public key** (``age1…``, from ``age-keygen`` or ``pyrage.x25519.Identity.generate()``, or an SSH
  public key ``ssh-ed25519 …``/``ssh-rsa …``): the server that writes backups holds no secret; the
  archive is encrypted as it is read (streaming); ``restore`` needs the matching identity file;
- a **passphrase** (scrypt): the archive is encrypted in memory, so a public key suits large sites better.

Any age tool opens these archives (``age -d -i cle.txt sauvegarde.tar.gz.age > sauvegarde.tar.gz``).
"""

from django.conf import settings

#: The first bytes of an age file, binary or armored.
AGE_HEADERS = (b"age-encryption.org/v1", b"-----BEGIN AGE ENCRYPTED FILE-----")


class EncryptionError(Exception):
    """A key, passphrase or archive cannot be used; the message says why, in French."""


def _pyrage():
    try:
        import pyrage
    except ImportError as error:  # pragma: no cover - pyrage is in requirements.in
        raise EncryptionError(
            "Le chiffrement des sauvegardes demande le paquet Python « pyrage » (requirements.in)."
        ) from error
    return pyrage


def is_encrypted(head):
    """True when ``head`` (the first bytes of a file) starts an age file."""
    return head.lstrip().startswith(AGE_HEADERS)


def configured_keys():
    """(passphrase, recipients) from the settings ``BACKUP_PASSPHRASE`` and ``BACKUP_RECIPIENTS``."""
    return settings.BACKUP_PASSPHRASE or None, list(settings.BACKUP_RECIPIENTS)


def _recipient(pyrage, text):
    text = text.strip()
    try:
        if text.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(text)
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError as error:
        raise EncryptionError(
            f"« {text[:20]}… » n'est pas une clé publique age (age1…) ni SSH (ssh-ed25519 …, ssh-rsa …)."
        ) from error


def encrypt(plain, out, *, passphrase=None, recipients=()):
    """Encrypt the binary file ``plain`` (read from its start) into the binary file ``out``."""
    if passphrase and recipients:
        raise EncryptionError("Choisissez une phrase de passe ou des clés publiques, pas les deux.")
    pyrage = _pyrage()
    if recipients:
        pyrage.encrypt_io(plain, out, [_recipient(pyrage, text) for text in recipients])
    elif passphrase:
        out.write(pyrage.passphrase.encrypt(plain.read(), passphrase))
    else:
        raise EncryptionError("Ni phrase de passe ni clé publique : rien pour chiffrer.")


def read_identities(text):
    """The age identities (``AGE-SECRET-KEY-1…`` lines; ``#`` comments ignored) of an identity file."""
    pyrage = _pyrage()
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError as error:
            raise EncryptionError(
                "Le fichier de clé ne contient pas une clé privée age (AGE-SECRET-KEY-1…)."
            ) from error
    if not identities:
        raise EncryptionError("Le fichier de clé est vide : il faut la clé privée age (AGE-SECRET-KEY-1…).")
    return identities


def decrypt(source, out, *, passphrase=None, identities=()):
    """Decrypt the binary file ``source`` into the binary file ``out``; a wrong key or passphrase and
    a damaged archive raise ``EncryptionError`` (age authenticates every chunk: nothing half-read is kept)."""
    pyrage = _pyrage()
    if not passphrase and not identities:
        raise EncryptionError(
            "Cette sauvegarde est chiffrée : donnez sa phrase de passe (--passphrase-file, ou saisie au "
            "clavier, ou BACKUP_PASSPHRASE) ou sa clé privée (--identity, ou BACKUP_IDENTITY_FILE)."
        )
    try:
        if identities:
            pyrage.decrypt_io(source, out, list(identities))
        else:
            out.write(pyrage.passphrase.decrypt(source.read(), passphrase))
    except pyrage.DecryptError as error:
        what = "la clé privée ne correspond pas" if identities else "la phrase de passe est incorrecte"
        raise EncryptionError(
            f"Impossible de déchiffrer la sauvegarde : {what}, ou l'archive est endommagée ({error})."
        ) from error
