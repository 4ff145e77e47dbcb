"""The economic-model note of a prototype as a PDF, with the programme's publicity block."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from lab.infra.pdf import render_pdf


def economic_note_context(note):
    prototype = note.prototype
    sections = [
        {"heading": heading, "text": text, "written": bool(strip_tags(text or "").strip())}
        for heading, text in note.sections()
    ]
    return {
        "note": note,
        "prototype": prototype,
        "project": prototype.project,
        "sections": [section for section in sections if section["written"]],
        "missing": [section["heading"] for section in sections if not section["written"]],
        "generated_at": timezone.localdate(),
    }


def economic_note_pdf(note):
    """The note as PDF bytes, under its prototype's programme."""
    programme = note.prototype.programme
    return render_pdf(
        "projets/pdf/economic_note.html",
        economic_note_context(note),
        programme=programme,
        title=f"Note de modèle économique — {note.prototype.title}",
    )


def economic_note_filename(note):
    return f"modele-economique-{slugify(note.prototype.title)[:60] or note.pk}.pdf"
