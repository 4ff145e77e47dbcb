"""The programme's PDF exports for funders, each built as data then rendered through ``lab.infra.pdf``.

- the review (bilan): indicators with charts, deliverables, outcomes per structure;
- the booklet (livret): the approach, the structures, the workshops, the prototypes;
- the per-structure sheet (fiche CCAS, ``livrables.structure_sheet``) of every structure of the programme;
- the replication guide of a prototype (its replication kit is ``livrables.kit``);
- the proofs pack: per half-day the signed sheet or the état de présence, certificates, expenses with
  receipts and the review, one zip.
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils.text import slugify

from ateliers.models import Certificate, Workshop
from ateliers.services.attendance_record import proofs_of_workshop
from ateliers.services.certificates import render_certificates
from ateliers.services.rates import held_sessions
from lab.choices import LICENCE_INFO, Licence
from lab.infra.pdf import PdfDocument, render_pdf_batch
from livrables import expenses
from livrables.booklet import build_booklet
from livrables.review import review_context
from livrables.structure_sheet import structure_sheet_document
from projets.services import prototype_page_context


@dataclass
class Export:
    key: str
    label: str
    build: object  # programme, **params -> list of PdfDocument


def _slug(programme):
    return slugify(programme.short_name or programme.title)[:50]


# --- Review (bilan) -------------------------------------------------------------------------------


def build_review(programme, start=None, end=None):
    return [PdfDocument("livrables/pdf/review.html", review_context(programme, start, end), programme)]


# --- Booklet (livret) -----------------------------------------------------------------------------


# --- Per-structure sheet (fiche individuelle) -------------------------------------------------------


def build_structure_sheets(programme, start=None, end=None, structure=None):
    structures = [structure] if structure else list(programme.structures.order_by("name"))
    return [structure_sheet_document(programme, s) for s in structures]


EXPORTS = {
    export.key: export
    for export in (
        Export("bilan", "Bilan du programme", build_review),
        Export("livret", "Livret du programme", build_booklet),
        Export("fiches-structures", "Fiches individuelles des structures", build_structure_sheets),
    )
}


def render_export(key, programme, **params):
    """PDF bytes and file name of the export ``key`` of ``programme``."""
    export = EXPORTS[key]
    pdf = render_pdf_batch(export.build(programme, **params), title=f"{export.label} — {programme.title}")
    return pdf, f"{key}-{_slug(programme)}.pdf"


# --- Replication guide and bundle -------------------------------------------------------------------


def replication_guide_context(prototype):
    context = prototype_page_context(prototype)
    context.update(
        {
            "prototype": prototype,
            "licence_name": prototype.get_licence_display(),
            "licence_short": LICENCE_INFO[Licence(prototype.licence)][0],
            "licence_url": LICENCE_INFO[Licence(prototype.licence)][1],
            "pitfalls": [it for it in context["timeline"] if it.learnt or it.corrections],
            "functions": list(prototype.spec_functions.order_by("sort_order", "pk")),
        }
    )
    return context


def render_replication_guide(prototype):
    document = PdfDocument(
        "livrables/pdf/replication_guide.html", replication_guide_context(prototype), prototype.programme
    )
    return render_pdf_batch([document], title=f"Guide d'essaimage — {prototype.title}")


# --- Proofs pack ------------------------------------------------------------------------------------


def proofs_pack_files(programme, start=None, end=None):
    """The files of the proofs pack, in order, as ``(name, make)``: ``make()`` returns the file's
    bytes. A name ending in « / » is a zip whose files go in that folder. Each is a part of the
    export (``livrables.export_batches``), rendered by any worker: per workshop its attendance proofs
    (signed scans, états de présence: never a blank sheet), the certificates, the expenses with their
    receipts and the review — what funders ask before paying (« sur production de justificatifs »)."""
    steps = []
    workshops = Workshop.objects.filter(programme=programme, sessions__isnull=False)
    if start:
        workshops = workshops.filter(sessions__date__gte=start)
    if end:
        workshops = workshops.filter(sessions__date__lte=end)
    workshops = list(workshops.distinct().order_by("start_date", "pk"))
    for workshop in workshops:
        # Per half-day held in the period: its signed scan where there is one, else the état de
        # présence (what was recorded, by whom, when): never a blank sheet.
        sessions = held_sessions(workshop.sessions.all())
        if start:
            sessions = sessions.filter(date__gte=start)
        if end:
            sessions = sessions.filter(date__lte=end)
        steps.append(
            (
                f"emargement/{slugify(workshop.title)[:60]}-{workshop.pk}/",
                lambda w=workshop, s=sessions: _folder(proofs_of_workshop(w, s)),
            )
        )
    certificates = list(
        Certificate.objects.filter(programme=programme, superseded_by__isnull=True, workshop__in=workshops)
    )
    if certificates:
        steps.append(("certificats.pdf", lambda: render_certificates(certificates, title="Certificats d'assiduité")))
    steps.append(("depenses/depenses.xlsx", lambda: expenses.export_xlsx(programme)))
    steps.append(("bilan.pdf", lambda: render_export("bilan", programme, start=start, end=end)[0]))
    steps.append(("depenses/", lambda: _receipts(programme)))
    return steps


def _folder(files):
    """``(name, bytes)`` files as one zip, unpacked into its folder of the pack (``pack_zip``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()


def _receipts(programme):
    """The receipts of the programme's expenses, as a zip of ``justificatifs/…`` files."""
    receipts = zipfile.ZipFile(io.BytesIO(expenses.receipts_zip(programme)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in receipts.namelist():
            if name.startswith("justificatifs/"):
                archive.writestr(name, receipts.read(name))
    return buffer.getvalue()


def pack_zip(files):
    """One zip of ``(name, bytes)`` files; a name ending in « / » is a zip unpacked in that folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            if not name.endswith("/"):
                archive.writestr(name, content)
                continue
            inner = zipfile.ZipFile(io.BytesIO(content))
            for member in inner.namelist():
                archive.writestr(name + member, inner.read(member))
    return buffer.getvalue()


def proofs_pack_name(programme):
    return f"justificatifs-{_slug(programme)}.zip"


def proofs_pack(programme, start=None, end=None):
    """Attendance sheets and certificates of the period's workshops, the expenses with receipts and the
    review, in one zip: what funders ask before paying (« sur production de justificatifs »)."""
    files = [(name, make()) for name, make in proofs_pack_files(programme, start, end)]
    return pack_zip(files), proofs_pack_name(programme)
