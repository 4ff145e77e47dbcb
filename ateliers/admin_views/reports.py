"""The compte-rendu of a workshop as a PDF, from the admin: the published version, or the working version
(marked as such) while a revision waits for validation."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ateliers.models import ReportPage
from ateliers.services import reports
from lab.infra.pdf import pdf_response
from lab.models import ProgrammePage
from lab.scope import VIEW, scope_for


def report_pdf(request, pk):
    page = get_object_or_404(ReportPage, pk=pk)
    programme = ProgrammePage.objects.ancestor_of(page).first()
    if programme is None or not scope_for(request.user).can(VIEW, programme):
        raise Http404
    draft_at = None
    if not page.live or page.has_unpublished_changes:
        revision = page.get_latest_revision()
        if revision is not None:
            page, draft_at = revision.as_object(), revision.created_at
        else:
            draft_at = page.latest_revision_created_at or timezone.now()
    return pdf_response(reports.report_pdf(page, draft_at=draft_at), reports.report_filename(page))
