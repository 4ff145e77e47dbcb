"""The stored document of an issued certificate: rendered once, archival, accessible and signed.

When a certificate is issued, its PDF is rendered as a tagged PDF/A (``ARCHIVAL_VARIANT``), signed
with the instance's key (PAdES, ``lab.infra.signing``) and kept in the private storage with its
SHA-256. Every later download serves these very bytes, whatever happens to the template's wording
since; the verification page shows the hash so that anyone can check a copy. A correction issues a
new version with a file of its own; the old version keeps its file.

A certificate issued before files were kept (or by a batch, whose print bundle is one document) gets
its file on its first download, or from ``manage.py store_certificate_files``.
"""

import hashlib

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from ateliers.models import Certificate
from ateliers.services.certificates import certificate_documents
from lab.infra.pdf import ARCHIVAL_VARIANT, html_to_pdf, render_html
from lab.infra.signing import sign_pdf, signer_name
from lab.infra.storage import private_download


def archival_pdf(certificate):
    """The certificate as an unsigned, tagged PDF/A (what is signed)."""
    documents = certificate_documents([certificate])
    title = _("Certificat d'assiduité — %(subject)s") % {"subject": certificate.subject}
    return html_to_pdf(render_html(documents, title=title), tagged=True, variant=ARCHIVAL_VARIANT)


def signed_pdf(certificate):
    """The certificate's document as issued: the archival PDF with the instance's signature."""
    reason = _("Certificat d'assiduité %(code)s, vérifiable à l'adresse %(url)s") % {
        "code": certificate.code,
        "url": certificate.get_verification_url(),
    }
    return sign_pdf(archival_pdf(certificate), reason=reason)


def store_certificate_file(certificate):
    """Render, sign and keep ``certificate``'s document, unless it already has one; return it.

    Safe when two processes do it at once (two downloads, a download and a batch): the first file
    recorded wins, the other copy is deleted, and both callers serve the recorded one.
    """
    if certificate.file:
        return certificate
    content = signed_pdf(certificate)
    storage = certificate.file.storage
    name = storage.save(
        certificate.file.field.generate_filename(
            certificate, f"certificat-{certificate.code}-v{certificate.version}.pdf"
        ),
        ContentFile(content),
    )
    digest = hashlib.sha256(content).hexdigest()
    signer = signer_name()
    recorded = Certificate.objects.filter(pk=certificate.pk, file="").update(file=name, sha256=digest, signed_by=signer)
    if recorded:
        certificate.file.name, certificate.sha256, certificate.signed_by = name, digest, signer
    else:
        storage.delete(name)
        certificate.refresh_from_db(fields=["file", "sha256", "signed_by"])
    return certificate


def store_certificate_files(certificates):
    """``store_certificate_file`` for each of ``certificates``; return how many got a file now."""
    stored = 0
    for certificate in certificates:
        if not certificate.file:
            store_certificate_file(certificate)
            stored += 1
    return stored


def certificate_download(certificate, filename):
    """The download of ``certificate``'s stored document (stored first if it has none yet)."""
    store_certificate_file(certificate)
    response = private_download(certificate.file, filename)
    response["Content-Type"] = "application/pdf"
    return response
