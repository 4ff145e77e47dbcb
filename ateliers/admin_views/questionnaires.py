"""The synthesis of a questionnaire's answers, with its charts, as a page and as a PDF; the answers as CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ateliers.models import QuestionnairePage
from ateliers.services import questionnaires
from lab.infra.pdf import pdf_response
from lab.models import ProgrammePage
from lab.scope import VIEW, scope_for

#: The on-screen charts of choices: narrow, bars of one colour.
CHART_OPTIONS = {"width": 460, "label_width": 170, "palette": ["#1d4e89"]}


def _questionnaire(request, pk):
    page = get_object_or_404(QuestionnairePage, pk=pk)
    programme = ProgrammePage.objects.ancestor_of(page).first()
    if programme is None or not scope_for(request.user).can(VIEW, programme):
        raise Http404
    return page


def questionnaire_synthesis(request, pk):
    """Counts, distributions, averages of scales, quiz scores and bar charts (SVG) of a questionnaire's answers."""
    page = _questionnaire(request, pk)
    synthesis = questionnaires.questionnaire_synthesis(page)
    questionnaires.add_charts(synthesis["questions"], **CHART_OPTIONS)
    return TemplateResponse(
        request,
        "ateliers/admin/questionnaire_synthesis.html",
        {"page": page, "synthesis": synthesis, "page_title": _("Synthèse — %(title)s") % {"title": page.title}},
    )


def questionnaire_synthesis_pdf(request, pk):
    page = _questionnaire(request, pk)
    return pdf_response(questionnaires.synthesis_pdf(page), questionnaires.synthesis_filename(page))


def questionnaire_csv(request, pk):
    page = _questionnaire(request, pk)
    response = HttpResponse(questionnaires.questionnaire_csv(page), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{slugify(page.title)[:60]}.csv"'
    return response
