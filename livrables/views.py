"""Public PDF exports of a programme."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from lab.infra.pdf import pdf_response, render_pdf
from lab.models import ProgrammePage
from projets.models import PrototypePage


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


def _public_prototype(page_id):
    return get_object_or_404(PrototypePage.objects.live().public().select_related("structure", "programme"), pk=page_id)


def replication_guide(request, page_id):
    """The replication guide (guide d'essaimage) of a published prototype, as PDF."""
    from livrables.exports import render_replication_guide

    prototype = _public_prototype(page_id)
    return pdf_response(render_replication_guide(prototype), f"guide-essaimage-{slugify(prototype.title)[:50]}.pdf")


def replication_bundle(request, page_id):
    """The replication kit of a published prototype, one zip (``livrables.kit``)."""
    from livrables.kit import replication_bundle as build_bundle

    prototype = _public_prototype(page_id)
    content, filename = build_bundle(prototype)  # links on the canonical address, not the request's
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
