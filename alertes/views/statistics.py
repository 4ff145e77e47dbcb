"""Statistics and the user manual (« notice », HTML and PDF)."""

from django.shortcuts import render

from alertes import notice
from alertes import statistics as usage
from alertes.views.base import module_view


@module_view
def statistics(request, structure):
    return render(request, "alertes/statistics.html", {"stats": usage.statistics(structure)})


@module_view
def manual(request, structure):
    return render(request, "alertes/notice.html", {"body": notice.notice_html(), "mention": notice.PUBLICITY_SENTENCE})


@module_view
def manual_pdf(request, structure):
    from lab.infra.pdf import pdf_response

    return pdf_response(notice.notice_pdf(), "notice-alertes-sms.pdf")
