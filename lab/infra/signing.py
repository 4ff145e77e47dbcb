"""PAdES signatures of the documents the instance issues (certificates of attendance), with its own key.

The key and its X.509 certificate are PEM files named by ``DOCUMENT_SIGNING_KEY`` and
``DOCUMENT_SIGNING_CERT`` (an encrypted key's passphrase in ``DOCUMENT_SIGNING_KEY_PASSPHRASE``). A
production instance brings its own (e.g. an organisation certificate from a qualified provider). When
``DOCUMENT_SIGNING_SELF_SIGNED`` is on (development, tests, the demo of ``make run``), a missing pair
is created on first use: a self-signed ECDSA P-256 certificate under ``var/signing/``, which proves
the document was not changed since this instance issued it, though no outside authority vouches for it.
"""

import datetime
import io
import os
import tempfile
import threading
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

_lock = threading.Lock()
_signer = None
_signer_key = None


def _paths():
    return Path(settings.DOCUMENT_SIGNING_KEY), Path(settings.DOCUMENT_SIGNING_CERT)


def create_self_signed_identity(key_path, cert_path, *, common_name):
    """Write a new ECDSA P-256 key and a self-signed certificate for ``common_name`` (10 years).

    Both files appear at once: they are written in a temporary folder renamed into place, so two
    processes starting together never pair one's key with the other's certificate.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key_path, cert_path = Path(key_path), Path(cert_path)
    if key_path.parent != cert_path.parent:
        raise ImproperlyConfigured("A self-signed identity is created with its key and certificate in one folder.")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, common_name), x509.NameAttribute(NameOID.COUNTRY_NAME, "FR")]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = key_path.parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".signing-", dir=folder.parent))
    (staging / key_path.name).write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    os.chmod(staging / key_path.name, 0o600)
    (staging / cert_path.name).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    try:
        os.rename(staging, folder)  # atomic; fails if another process created the folder first
    except OSError:
        for child in staging.iterdir():
            child.unlink()
        staging.rmdir()
        if not (key_path.exists() and cert_path.exists()):
            raise


def _self_signed_name():
    from lab.infra.base_url import base_url

    host = base_url().split("://", 1)[-1]
    return _("%(site)s — %(host)s (certificat autosigné)") % {"site": settings.WAGTAIL_SITE_NAME, "host": host}


def _import_pyhanko():
    """pyHanko's signing modules, imported without the warning its DSA support makes ``cryptography`` print."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated")
        from pyhanko.sign import fields, signers

    return fields, signers


def document_signer():
    """The pyHanko signer of this instance (loaded once per process), creating a demo pair if allowed."""
    global _signer, _signer_key
    _fields, signers = _import_pyhanko()

    key_path, cert_path = _paths()
    passphrase = getattr(settings, "DOCUMENT_SIGNING_KEY_PASSPHRASE", "") or None
    cache_key = (key_path, cert_path, passphrase)
    with _lock:
        if _signer is not None and _signer_key == cache_key:
            return _signer
        if not (key_path.exists() and cert_path.exists()):
            if not settings.DOCUMENT_SIGNING_SELF_SIGNED:
                raise ImproperlyConfigured(
                    _(
                        "La clé de signature des certificats est introuvable (%(key)s, %(cert)s) : "
                        "renseignez DOCUMENT_SIGNING_KEY et DOCUMENT_SIGNING_CERT."
                    )
                    % {"key": key_path, "cert": cert_path}
                )
            create_self_signed_identity(key_path, cert_path, common_name=_self_signed_name())
        signer = signers.SimpleSigner.load(
            str(key_path), str(cert_path), key_passphrase=passphrase.encode() if passphrase else None
        )
        if signer is None:
            raise ImproperlyConfigured(
                _("La clé ou le certificat de signature (%(key)s, %(cert)s) ne peut pas être lu.")
                % {"key": key_path, "cert": cert_path}
            )
        _signer, _signer_key = signer, cache_key
        return signer


def signer_name(signer=None):
    """Who signs, as the verification page says it: the certificate's subject (common name, organisation)."""
    subject = (signer or document_signer()).signing_cert.subject.native
    parts = [subject.get("common_name", ""), subject.get("organization_name", "")]
    return ", ".join(part for part in parts if part) or subject.get("country_name", "")


def sign_pdf(pdf_bytes, *, reason, location=""):
    """``pdf_bytes`` with an invisible PAdES (baseline B) signature of this instance, as new bytes.

    The signature is an incremental update: the signed PDF/A stays PDF/A, and any later change of
    the bytes breaks it.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    fields, signers = _import_pyhanko()

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    meta = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
    )
    signer = document_signer()
    return _outside_event_loop(lambda: signers.sign_pdf(writer, meta, signer=signer).getvalue())


def _outside_event_loop(function):
    """``function()``, in a thread of its own when this one runs an asyncio event loop: pyHanko signs
    with ``asyncio.run``, which refuses to start inside a running loop (an async caller, a browser
    driven from the same thread)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()
