"""The bilan of a programme for a period: the narrative written in the admin around the figures the site
computes (indicators and charts, questionnaire syntheses, compte-rendus, expenses against budget, problems,
deliverables, attendance and a paragraph per structure)."""

from django.urls import reverse
from django.utils import timezone

from ateliers.models import QuestionnairePage, ReportPage
from ateliers.services.questionnaires import add_charts, questionnaire_synthesis
from ateliers.services.rates import programme_rates_by_structure
from lab.infra import charts
from lab.infra.base_url import absolute_url
from livrables import expenses, indicators
from livrables.models import ReviewNarrative
from projets.choices import FollowUpKind
from projets.models import FollowUpEntry, Project


def narrative_for(programme, start=None, end=None):
    """The narrative written for exactly this period, else the one written for the whole programme."""
    narratives = ReviewNarrative.objects.filter(programme=programme).prefetch_related("structure_paragraphs")
    exact = narratives.filter(start=start, end=end).first()
    if exact is not None or (start is None and end is None):
        return exact
    return narratives.filter(start=None, end=None).first()


def _in_period(queryset, field, start, end):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def period_reports(programme, start=None, end=None):
    """The programme's published compte-rendus of the period, with the address of their PDF."""
    pages = ReportPage.objects.live().descendant_of(programme).select_related("workshop")
    if start or end:
        dated = _in_period(pages, "date", start, end)
        undated_in_period = _in_period(pages.filter(date=None), "workshop__start_date", start, end)
        pages = dated | undated_in_period
    reports = []
    for page in pages.order_by("date", "title"):
        reports.append(
            {
                "page": page,
                "date": page.date or (page.workshop.start_date if page.workshop_id else None),
                "pdf_url": absolute_url(reverse("ateliers:report_pdf", args=[page.pk])),
            }
        )
    return reports


def period_syntheses(programme, start=None, end=None):
    """The synthesis of each published questionnaire of the programme (of the period's workshops, when a
    period is given) that received answers."""
    syntheses = []
    pages = QuestionnairePage.objects.live().descendant_of(programme).select_related("workshop").order_by("pk")
    for page in pages:
        day = page.workshop.start_date if page.workshop_id else None
        if day and ((start and day < start) or (end and day > end)):
            continue
        synthesis = questionnaire_synthesis(page)
        if synthesis["submissions"]:
            add_charts(synthesis["questions"])
            syntheses.append({"page": page, "synthesis": synthesis})
    return syntheses


def period_problems(programme, start=None, end=None):
    """Problems raised in the structures' follow-up during the period, with those resolved."""
    problems = FollowUpEntry.objects.filter(project__programme=programme, kind=FollowUpKind.PROBLEM)
    raised = list(_in_period(problems, "date", start, end).select_related("project__structure").order_by("date"))
    resolved = [entry for entry in raised if entry.resolved_on]
    resolved_before = _in_period(problems.exclude(resolved_on=None), "resolved_on", start, end)
    if start:
        resolved_before = resolved_before.filter(date__lt=start)
    else:
        resolved_before = resolved_before.none()
    return {
        "raised": raised,
        "resolved": resolved,
        "open": [entry for entry in raised if not entry.resolved_on],
        "older_resolved": list(resolved_before.select_related("project__structure")),
    }


def structure_outcomes(programme, narrative=None, rates=None):
    """Per structure of the programme: its attendance (``rates``, read when not given), its project and
    the narrative's paragraph."""
    structures = list(programme.structures.order_by("name"))
    rates = {rate.key: rate for rate in (programme_rates_by_structure(programme) if rates is None else rates)}
    projects = {
        project.structure_id: project
        for project in Project.objects.filter(programme=programme).select_related("priority_theme", "secondary_theme")
    }
    paragraphs = {p.structure_id: p.text for p in narrative.structure_paragraphs.all()} if narrative else {}
    return [
        {
            "structure": structure,
            "rate": rates.get(structure.pk),
            "project": projects.get(structure.pk),
            "paragraph": paragraphs.get(structure.pk, ""),
        }
        for structure in structures
    ]


def indicators_context(programme, start=None, end=None, narrative=None):
    """The figures of a programme and a period, their charts and each structure's outcome: the indicators
    dashboard, and the bilan's figures."""
    figures = indicators.compute(programme, start, end, by_structure=True)
    return {
        "figures": figures,
        "charts": {
            "roles": charts.bar_chart(figures.participants_by_role, title="Participants uniques par rôle"),
            "genders": charts.bar_chart(figures.participants_by_gender, title="Participants uniques par genre"),
            "stages": charts.bar_chart(figures.prototypes_by_stage, title="Prototypes par stade"),
            "deliverables": charts.bar_chart(figures.deliverables_by_status, title="Livrables par statut"),
        },
        "outcomes": structure_outcomes(programme, narrative, figures.rates_by_structure),
    }


def review_context(programme, start=None, end=None):
    """The bilan: the figures (``indicators_context``) around the narrative written for the period, the
    deliverables, the compte-rendus, the questionnaire syntheses, the expenses and the problems."""
    narrative = narrative_for(programme, start, end)
    context = indicators_context(programme, start, end, narrative)
    outcomes = context["outcomes"]
    deliverables = list(programme.deliverables.select_related("responsible").order_by("due_date", "title"))
    context.update(
        {
            "deliverables": deliverables,
            "overdue": [deliverable for deliverable in deliverables if deliverable.is_overdue],
            "generated_at": timezone.now(),
            "narrative": narrative,
            "with_paragraph": [row for row in outcomes if row["paragraph"]],
            "without_paragraph": [row for row in outcomes if not row["paragraph"]],
            "reports": period_reports(programme, start, end),
            "syntheses": period_syntheses(programme, start, end),
            "expenses": expenses.summary(programme),
            "problems": period_problems(programme, start, end),
        }
    )
    return context
