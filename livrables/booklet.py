"""The livret « Labo » of a programme: the approach illustrated, each structure's project with its themes,
photos and quotes from the compte-rendus, excerpts of the compte-rendus, the workshops in date order and the
prototypes."""

from django.utils.html import strip_tags

from ateliers.models import ReportPage, Workshop
from lab.infra.pdf import PdfDocument
from livrables.models import Story
from projets.models import Project, PrototypePage

#: How much of a compte-rendu the livret quotes (characters).
EXCERPT_LENGTH = 700


def _excerpt(report):
    """The summary of a compte-rendu, else the beginning of its first text."""
    if report.summary:
        return report.summary
    for block in report.body:
        if block.block_type == "text":
            text = strip_tags(block.value.source).strip()
            if len(text) > EXCERPT_LENGTH:
                text = text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + " […]"
            return text
    return ""


def report_material(programme):
    """Excerpts, photos and quotes of the programme's published compte-rendus, in date order."""
    reports = list(
        ReportPage.objects.live().descendant_of(programme).select_related("workshop").order_by("date", "title")
    )
    excerpts, photos, quotes = [], [], []
    for report in reports:
        text = _excerpt(report)
        if text:
            excerpts.append({"report": report, "text": text})
        for block in report.body:
            if block.block_type == "photo":
                caption = block.value["caption"] or report.title
                photos.append({"image": block.value["image"], "caption": caption})
            elif block.block_type == "quote":
                quotes.append({"report": report, "quote": block.value["quote"], "author": block.value["author"]})
    return {"excerpts": excerpts, "photos": photos, "quotes": quotes}


def story_photos(programme):
    """The photos of the chapters of the programme's storytellings, with their structure's name."""
    photos = []
    stories = Story.objects.filter(project__programme=programme).select_related("project__structure")
    for story in stories.order_by("project__structure__name"):
        for chapter in story.chapters:
            if chapter.value["image"]:
                caption = chapter.value["caption"] or chapter.value["title"]
                photos.append(
                    {"image": chapter.value["image"], "caption": f"{story.project.structure.name} — {caption}"}
                )
    return photos


def workshops_in_order(programme):
    """The programme's workshops by date, the undated ones last (by title)."""
    workshops = list(Workshop.objects.filter(programme=programme).order_by("start_date", "title"))
    return [w for w in workshops if w.start_date] + [w for w in workshops if not w.start_date]


def booklet_context(programme):
    material = report_material(programme)
    material["photos"] += story_photos(programme)
    projects = list(
        Project.objects.filter(programme=programme)
        .select_related("structure", "priority_theme", "secondary_theme")
        .order_by("structure__name")
    )
    return {
        **material,
        "illustration": material["photos"][0] if material["photos"] else None,
        "gallery": material["photos"][1:],
        "projects": projects,
        "structures": list(programme.structures.select_related("territory").order_by("name")),
        "workshops": workshops_in_order(programme),
        "prototypes": list(
            PrototypePage.objects.live().descendant_of(programme).select_related("structure").order_by("title")
        ),
        "funders": list(programme.funders.select_related("funder")),
    }


def build_booklet(programme, start=None, end=None):
    return [PdfDocument("livrables/pdf/booklet.html", booklet_context(programme), programme)]
