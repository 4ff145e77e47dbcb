"""Admin views of livrables: a deliverable's history with its actions, the expenses follow-up."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.documents import get_document_model

from lab.admin_views import admin_chrome
from lab.infra.pdf import pdf_response, render_html
from lab.infra.storage import private_download
from lab.models import ProgrammePage
from lab.scope import VIEW, scope_for
from livrables import expenses, export_batches, exports, indicators, services, tasks
from livrables.forms import ReviewForm, SubmitForm
from livrables.models import Deliverable, Expense, ExportJob, ExportStatus
from livrables.review import indicators_context


def _visible_deliverable(request, pk):
    queryset = scope_for(request.user).filter(Deliverable.objects.select_related("programme", "responsible"), VIEW)
    return get_object_or_404(queryset, pk=pk)


def deliverable_detail(request, pk):
    """History of a deliverable and, for whoever may act, the submit or review form."""
    deliverable = _visible_deliverable(request, pk)
    submit_form = SubmitForm(prefix="submit")
    review_form = ReviewForm(prefix="review")
    if request.method == "POST":
        try:
            if "submit-comment" in request.POST:
                submit_form = SubmitForm(request.POST, request.FILES, prefix="submit")
                if submit_form.is_valid():
                    document = None
                    upload = submit_form.cleaned_data["file"]
                    if upload:
                        if not services.may_submit(request.user, deliverable):
                            raise PermissionDenied
                        document = get_document_model().objects.create(
                            title=f"{deliverable.title} ({deliverable.programme.short_name})",
                            file=upload,
                            uploaded_by_user=request.user,
                            collection=services.deliverable_collection(deliverable.programme),
                        )
                    services.submit(deliverable, request.user, submit_form.cleaned_data["comment"], document)
                    messages.success(request, _("Livrable soumis : les financeurs du programme sont prévenus."))
                    return redirect("livrables_deliverable", pk=deliverable.pk)
            elif "review-decision" in request.POST:
                review_form = ReviewForm(request.POST, prefix="review")
                if review_form.is_valid():
                    approve = review_form.cleaned_data["decision"] == "validate"
                    services.review(
                        deliverable, request.user, approve=approve, comment=review_form.cleaned_data["comment"]
                    )
                    messages.success(request, _("Livrable validé.") if approve else _("Livrable renvoyé pour reprise."))
                    return redirect("livrables_deliverable", pk=deliverable.pk)
            elif "start" in request.POST:
                services.start(deliverable, request.user)
                return redirect("livrables_deliverable", pk=deliverable.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        deliverable.refresh_from_db()
    return TemplateResponse(
        request,
        "livrables/admin/deliverable_detail.html",
        {
            **admin_chrome(deliverable.title, _("Livrables"), reverse("wagtailsnippets_livrables_deliverable:list")),
            "deliverable": deliverable,
            "events": deliverable.events.select_related("actor", "document"),
            "may_submit": services.may_submit(request.user, deliverable),
            "may_review": services.may_review(request.user, deliverable),
            "submit_form": submit_form,
            "review_form": review_form,
        },
    )


def _visible_programme(request, pk):
    programme = scope_for(request.user).filter(ProgrammePage.objects.all(), VIEW).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def _first_programme_redirect(view_name):
    """A view opening ``view_name`` on the most recent programme the user may see (the menu's entry)."""

    def view(request):
        programme = scope_for(request.user).filter(ProgrammePage.objects.order_by("-start_date"), VIEW).first()
        if programme is None:
            raise Http404
        return redirect(view_name, programme_id=programme.pk)

    return view


expenses_index = _first_programme_redirect("livrables_expenses")
exports_index = _first_programme_redirect("livrables_exports")
indicators_index = _first_programme_redirect("livrables_indicators")


def expenses_overview(request, programme_id):
    """Totals per category, against the budget, with the exports funders ask for."""
    programme = _visible_programme(request, programme_id)
    return TemplateResponse(
        request,
        "livrables/admin/expenses_overview.html",
        {
            **admin_chrome(
                _("Suivi des dépenses — %(programme)s") % {"programme": programme.short_name or programme.title},
                _("Dépenses"),
                reverse("wagtailsnippets_livrables_expense:list"),
            ),
            "programme": programme,
            "summary": expenses.summary(programme),
            "programmes": scope_for(request.user).filter(ProgrammePage.objects.order_by("title"), VIEW),
        },
    )


def expenses_export(request, programme_id, fmt):
    programme = _visible_programme(request, programme_id)
    name = f"depenses-{slugify(programme.short_name or programme.title)}"
    if fmt == "xlsx":
        response = HttpResponse(
            expenses.export_xlsx(programme),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"{name}.xlsx"
    elif fmt == "csv":
        response = HttpResponse(expenses.export_csv(programme), content_type="text/csv; charset=utf-8")
        filename = f"{name}.csv"
    elif fmt == "zip":
        response = HttpResponse(expenses.receipts_zip(programme), content_type="application/zip")
        filename = f"{name}-justificatifs.zip"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


EXPORT_CHOICES = [
    ("bilan", _lazy("Bilan (indicateurs, livrables, résultats par structure)")),
    ("livret", _lazy("Livret du programme")),
    ("fiches-structures", _lazy("Fiches individuelles des structures")),
    ("justificatifs", _lazy("Pack de justificatifs (feuilles, certificats, dépenses, bilan) — zip")),
]


def _dates(request):
    """The period of the form, or (None, None); an unreadable date is ignored with a message."""
    values = []
    for name in ("debut", "fin"):
        raw = request.POST.get(name) or request.GET.get(name) or ""
        try:
            values.append(datetime.date.fromisoformat(raw) if raw else None)
        except ValueError:
            messages.error(
                request, _("La date « %(value)s » n'est pas lisible (attendu : AAAA-MM-JJ).") % {"value": raw[:20]}
            )
            values.append(None)
    return values


def exports_overview(request, programme_id):
    """The programme's exports: preview in the browser, generate in the background, download."""
    programme = _visible_programme(request, programme_id)
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in dict(EXPORT_CHOICES):
            raise Http404
        start, end = _dates(request)
        job = ExportJob.objects.create(programme=programme, kind=kind, start=start, end=end, requested_by=request.user)
        transaction.on_commit(lambda: tasks.run_export.enqueue(job.pk))
        messages.success(request, _("Export demandé : il apparaît ci-dessous dès qu'il est prêt."))
        return redirect("livrables_exports", programme_id=programme.pk)
    title = _("Exports — %(programme)s") % {"programme": programme.short_name or programme.title}
    return TemplateResponse(
        request,
        "livrables/admin/exports.html",
        {
            **admin_chrome(title, _("Livrables"), reverse("wagtailsnippets_livrables_deliverable:list")),
            "programme": programme,
            "choices": EXPORT_CHOICES,
            "jobs": programme.export_jobs.select_related("requested_by")[:20],
            "programmes": scope_for(request.user).filter(ProgrammePage.objects.order_by("title"), VIEW),
        },
    )


def export_preview(request, programme_id, kind):
    """The export as HTML in the browser, before generating the PDF."""
    programme = _visible_programme(request, programme_id)
    if kind not in exports.EXPORTS:
        raise Http404
    start, end = _dates(request)
    export = exports.EXPORTS[kind]
    html = render_html(export.build(programme, start=start, end=end), title=export.label, preview=True)
    return HttpResponse(html)


def export_status(request, job_id):
    """Progress of an export, for the admin page's progress bars (JSON)."""
    job = get_object_or_404(scope_for(request.user).filter(ExportJob.objects.all(), VIEW), pk=job_id)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "percent": job.percent,
            **export_batches.progress(job),
            "url": reverse("livrables_export_download", args=[job.pk]) if job.file else None,
            "error": job.error if job.status == ExportStatus.FAILED else "",
        }
    )


def export_retry(request, job_id):
    """« Relancer » a failed export (POST): only its failed parts (or its failed step) run again."""
    job = get_object_or_404(scope_for(request.user).filter(ExportJob.objects.all(), VIEW), pk=job_id)
    if request.method != "POST":
        return redirect("livrables_exports", programme_id=job.programme_id)
    step, ids = export_batches.retry(job)
    if step is None:
        messages.warning(request, _("Cet export n'est pas en échec : il n'y a rien à relancer."))
    else:
        transaction.on_commit(lambda: tasks.enqueue_steps(step, ids))
        messages.success(request, _("L'export est relancé : seules les parts en échec sont produites à nouveau."))
    return redirect("livrables_exports", programme_id=job.programme_id)


def export_download(request, job_id):
    """A finished export's file (PDF or the proofs pack), for who may see its programme only."""
    job = get_object_or_404(scope_for(request.user).filter(ExportJob.objects.all(), VIEW), pk=job_id)
    if not job.file:
        raise Http404
    return private_download(job.file)


def expense_receipt(request, pk):
    """An expense's receipt, for who may see its programme only."""
    expense = get_object_or_404(scope_for(request.user).filter(Expense.objects.all(), VIEW), pk=pk)
    if not expense.receipt:
        raise Http404
    return private_download(expense.receipt)


def indicators_dashboard(request, programme_id):
    """The funders' indicators for a programme and a period, with charts and exports."""
    programme = _visible_programme(request, programme_id)
    start, end = _dates(request)
    context = indicators_context(programme, start, end)
    title = _("Indicateurs — %(programme)s") % {"programme": programme.short_name or programme.title}
    return TemplateResponse(
        request,
        "livrables/admin/indicators.html",
        {
            **admin_chrome(title, _("Livrables"), reverse("wagtailsnippets_livrables_deliverable:list")),
            **context,
            "programme": programme,
            "start": start,
            "end": end,
            "programmes": scope_for(request.user).filter(ProgrammePage.objects.order_by("title"), VIEW),
        },
    )


def indicators_export(request, programme_id, fmt):
    programme = _visible_programme(request, programme_id)
    start, end = _dates(request)
    figures = indicators.compute(programme, start, end)
    name = f"indicateurs-{slugify(programme.short_name or programme.title)}"
    if fmt == "csv":
        response = HttpResponse(indicators.export_csv(figures), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            indicators.export_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def story_pdf(request, pk):
    """The storytelling of a project as PDF (visible to who may see the project)."""
    from livrables.models import Story
    from livrables.story import render_story

    story = get_object_or_404(
        scope_for(request.user).filter(Story.objects.select_related("project__structure", "project__programme"), VIEW),
        pk=pk,
    )
    return pdf_response(render_story(story), f"storytelling-{slugify(story.title)[:50]}.pdf")


def structure_sheet_pdf(request, structure_id):
    """The fiche CCAS of a structure, one part per programme the user may read (or ``?programme=``)."""
    from lab.models import Structure
    from lab.scope import clean_pk
    from livrables.structure_sheet import render_structure_sheet, visible_programmes

    structure = get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_id)
    programmes = visible_programmes(request.user, structure)
    if "programme" in request.GET:
        programmes = programmes.filter(pk=clean_pk(ProgrammePage, request.GET["programme"]))
    programmes = list(programmes)
    if not programmes:
        raise Http404
    pdf = render_structure_sheet(structure, programmes)
    return pdf_response(pdf, f"fiche-{slugify(structure.name)[:60]}.pdf", inline=True)
