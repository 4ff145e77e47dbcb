"""Public PDF exports of a programme."""

from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from lab.models import ProgrammePage
from livrables.pdf import pdf_response, render_pdf


def programme_sheet(request, slug):
    """The programme's one-page sheet: operation, cofinanceurs, structures, publicity block."""
    programme = get_object_or_404(ProgrammePage.objects.live().public(), slug=slug)
    pdf = render_pdf(
        "livrables/pdf/programme_sheet.html",
        {
            "funders": list(programme.funders.select_related("funder")),
            "structures": list(programme.structures.order_by("name")),
        },
        programme=programme,
        title=programme.title,
    )
    return pdf_response(pdf, f"fiche-{slugify(programme.short_name or programme.title)}.pdf")
