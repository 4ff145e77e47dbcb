"""The module's public documents (no login): the notice (page and PDF) and the install guide.

Served under ``/commun/logiciels/alertes-sms/`` (``alertes/public_urls.py``), outside the module's
private prefix: anonymous visitors get them from the public page cache like any public page.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from alertes import notice, resources
from lab.infra.pdf import pdf_response


def public_notice(request):
    return render(
        request,
        "alertes/public_document.html",
        {
            "title": _("Alertes SMS — notice d'utilisation"),
            "body": notice.notice_html(),
            "mention": notice.PUBLICITY_SENTENCE,
            "show_pdf": True,
        },
    )


def public_notice_pdf(request):
    return pdf_response(notice.notice_pdf(), "notice-alertes-sms.pdf")


def installation(request):
    return render(
        request,
        "alertes/public_document.html",
        {
            "title": _("Alertes SMS — guide d'installation"),
            "body": resources.installation_html(),
            "mention": notice.PUBLICITY_SENTENCE,
        },
    )
