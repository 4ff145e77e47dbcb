"""Public views of the ateliers: the certificate verification page (/verifier/<code>/) and the PDF of a
published compte-rendu.

The facilitators' views live in the admin (``ateliers/admin_views/``).
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from ateliers.models import Certificate, ReportPage
from ateliers.services import reports
from lab.infra.pdf import pdf_response


def verify_certificate(request, code):
    """Public: what a certificate states, or « ce certificat n'existe pas » (404) for an unknown code.

    Only what checking a certificate needs, never indexed by search engines: a code is handed to
    whoever must check it, not published.
    """
    code = code.strip().upper()
    certificate = (
        Certificate.objects.select_related("superseded_by", "programme__carrier").filter(code=code).first()
        if len(code) <= 16
        else None
    )
    status = 200 if certificate else 404
    programme = certificate.programme if certificate else None
    response = TemplateResponse(
        request,
        "ateliers/verify_certificate.html",
        {
            "certificate": certificate,
            "code": code[:16],
            "programme": programme,
            "issuer": (programme.carrier.name if programme and programme.carrier_id else "") if certificate else "",
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def report_pdf(request, pk):
    """Public: the PDF of a published compte-rendu that anyone may read (not one behind a password or a login)."""
    page = get_object_or_404(ReportPage.objects.live().public(), pk=pk)
    return pdf_response(reports.report_pdf(page), reports.report_filename(page))
