"""The compte-rendu of a workshop as a PDF: the page's text, decisions, quotes, photos and next steps,
with the workshop's facts and who attended, under the programme's publicity block."""

from django.utils.text import slugify

from ateliers.services.rates import rates_by_structure
from lab.infra.pdf import render_pdf
from lab.models import ProgrammePage


def report_context(page, *, draft_at=None):
    """What the compte-rendu PDF shows: the page, its programme, its workshop and the attendance by structure.

    ``draft_at`` (the date of a revision not yet published) marks the document as a working version.
    """
    programme = ProgrammePage.objects.ancestor_of(page).first()
    workshop = page.workshop
    return {
        "page": page,
        "draft": draft_at is not None,
        "draft_at": draft_at,
        "programme": programme,
        "workshop": workshop,
        "attendance": rates_by_structure(workshop) if workshop is not None else [],
        "supports": [block.value for block in page.body if block.block_type == "support"],
    }


def report_pdf(page, *, draft_at=None):
    """The compte-rendu ``page`` (a ``ReportPage``, as published or as a revision) as PDF bytes."""
    context = report_context(page, draft_at=draft_at)
    return render_pdf("ateliers/pdf/report.html", context, programme=context["programme"], title=page.title)


def report_filename(page):
    return f"compte-rendu-{slugify(page.title)[:60] or page.pk}.pdf"
