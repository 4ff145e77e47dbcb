"""The programme's PDF exports for funders, each built as data then rendered through ``lab.infra.pdf``.

- the review (bilan): indicators with charts, deliverables, outcomes per structure;
- the booklet (livret): the approach, the structures, the workshops, the prototypes;
- the per-structure sheet (fiche CCAS, ``livrables.structure_sheet``) of every structure of the programme;
- the replication guide of a prototype and its replication bundle (guide, Markdown, files, LICENSE);
- the proofs pack: per half-day the signed sheet or the état de présence, certificates, expenses with
  receipts and the review, one zip.
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from ateliers.models import Certificate, Workshop
from ateliers.services.attendance import held_sessions, programme_rates_by_structure
from ateliers.services.attendance_record import proofs_of_workshop
from ateliers.services.certificates import render_certificates
from lab.choices import LICENCE_INFO, Licence
from lab.infra import charts
from lab.infra.pdf import PdfDocument, render_pdf_batch
from livrables import expenses, indicators
from livrables.structure_sheet import structure_sheet_document
from projets.models import Project, PrototypePage
from projets.services import prototype_markdown, prototype_page_context
from projets.software import software_of


@dataclass
class Export:
    key: str
    label: str
    build: object  # programme, **params -> list of PdfDocument


def _slug(programme):
    return slugify(programme.short_name or programme.title)[:50]


# --- Review (bilan) -------------------------------------------------------------------------------


def review_context(programme, start=None, end=None):
    figures = indicators.compute(programme, start, end)
    context = {
        "figures": figures,
        "charts": {
            "roles": charts.bar_chart(figures.participants_by_role, title="Participants uniques par rôle"),
            "genders": charts.bar_chart(figures.participants_by_gender, title="Participants uniques par genre"),
            "stages": charts.bar_chart(figures.prototypes_by_stage, title="Prototypes par stade"),
            "deliverables": charts.bar_chart(figures.deliverables_by_status, title="Livrables par statut"),
        },
        "deliverables": list(programme.deliverables.select_related("responsible").order_by("due_date", "title")),
        "outcomes": structure_outcomes(programme),
        "generated_at": timezone.now(),
    }
    return context


def structure_outcomes(programme):
    """Per structure of the programme: its attendance rate and its project's stage (two or three queries)."""
    structures = list(programme.structures.order_by("name"))
    rates = {rate.key: rate for rate in programme_rates_by_structure(programme)}
    projects = {
        project.structure_id: project
        for project in Project.objects.filter(programme=programme).select_related("priority_theme")
    }
    return [
        {"structure": structure, "rate": rates.get(structure.pk), "project": projects.get(structure.pk)}
        for structure in structures
    ]


def build_review(programme, start=None, end=None):
    return [PdfDocument("livrables/pdf/review.html", review_context(programme, start, end), programme)]


# --- Booklet (livret) -----------------------------------------------------------------------------


def build_booklet(programme, start=None, end=None):
    workshops = list(Workshop.objects.filter(programme=programme).order_by("start_date", "title"))
    prototypes = list(
        PrototypePage.objects.live().descendant_of(programme).select_related("structure").order_by("title")
    )
    context = {
        "structures": list(programme.structures.select_related("territory").order_by("name")),
        "workshops": workshops,
        "prototypes": prototypes,
        "funders": list(programme.funders.select_related("funder")),
    }
    return [PdfDocument("livrables/pdf/booklet.html", context, programme)]


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


LICENSE_TEXT = """{title}

Ce prototype et ses documents sont publiés sous licence {name}.
Texte de la licence : {url}

Vous pouvez les copier, les adapter et les partager, y compris pour les installer dans votre
structure, à condition de citer la source :
« {title} », {origin}, {programme}, {url_page}
{share_alike}
Les logiciels éventuellement fournis sont sous licence EUPL-1.2.
"""


def replication_bundle(prototype, base_url):
    """One zip: the replication guide (PDF), the Markdown export, the attachments, a LICENSE file."""
    slug = slugify(prototype.title)[:50]
    url = LICENCE_INFO[Licence(prototype.licence)][1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{slug}/guide-essaimage.pdf", render_replication_guide(prototype))
        archive.writestr(f"{slug}/{slug}.md", prototype_markdown(prototype))
        archive.writestr(
            f"{slug}/LICENSE",
            LICENSE_TEXT.format(
                title=prototype.title,
                name=prototype.get_licence_display(),
                url=url,
                origin=prototype.structure.name if prototype.structure_id else "Labo commun",
                programme=prototype.programme.title if prototype.programme_id else "",
                url_page=base_url + prototype.url,
                share_alike="Partagez vos adaptations dans les mêmes conditions.\n"
                if "sa" in prototype.licence
                else "",
            ),
        )
        for name, file in _attachments(prototype):
            with file.open("rb") as handle:
                archive.writestr(f"{slug}/fichiers/{name}", handle.read())
        software = software_of(prototype)
        for name, content in software.kit_files() if software else []:
            archive.writestr(f"{slug}/logiciel/{name}", content)
    return buffer.getvalue(), f"essaimage-{slug}.zip"


def _attachments(prototype):
    """The prototype's images and attached documents (each file once)."""
    seen = set()
    for block in prototype.media:
        item = block.value.get("document") or block.value.get("image")
        file = getattr(item, "file", None)
        if file and file.name not in seen:
            seen.add(file.name)
            yield file.name.rsplit("/", 1)[-1], file


# --- Proofs pack ------------------------------------------------------------------------------------


def proofs_pack(programme, start=None, end=None, progress=None):
    """Attendance proofs (signed scans, états de présence) and certificates of the period's workshops, the expenses with receipts and the
    review, in one zip: what funders ask before paying (« sur production de justificatifs »)."""
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
                lambda w=workshop, s=sessions: proofs_of_workshop(w, s),
            )
        )
    certificates = list(
        Certificate.objects.filter(programme=programme, superseded_by__isnull=True, workshop__in=workshops)
    )
    if certificates:
        steps.append(("certificats.pdf", lambda: render_certificates(certificates, title="Certificats d'assiduité")))
    steps.append(("depenses/depenses.xlsx", lambda: expenses.export_xlsx(programme)))
    steps.append(("bilan.pdf", lambda: render_export("bilan", programme, start=start, end=end)[0]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, (name, make) in enumerate(steps, start=1):
            if name.endswith("/"):  # a folder of files
                for file_name, content in make():
                    archive.writestr(name + file_name, content)
            else:
                archive.writestr(name, make())
            if progress:
                progress(done, len(steps) + 1)
        receipts = zipfile.ZipFile(io.BytesIO(expenses.receipts_zip(programme)))
        for name in receipts.namelist():
            if name.startswith("justificatifs/"):
                archive.writestr(f"depenses/{name}", receipts.read(name))
    if progress:
        progress(len(steps) + 1, len(steps) + 1)
    return buffer.getvalue(), f"justificatifs-{_slug(programme)}.zip"
