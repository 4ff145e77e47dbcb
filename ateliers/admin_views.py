"""Admin views of the ateliers: the workshop dashboard, the attendance grid, PDFs, certificates,
planning and questionnaire synthesis (mounted under /admin/ateliers/ by ``ateliers/admin_urls.py``).

Views stay thin: they check the user's scope, call ``ateliers.services`` and render.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ateliers.choices import AttendanceStatus, BatchStatus
from ateliers.forms import BulkRegistrationForm, ConnectionListForm, WalkInForm
from ateliers.models import CertificateBatch, QuestionnairePage, Registration, Session, Workshop
from ateliers.services import attendance, questionnaires
from ateliers.services.attendance_sheet import render_attendance_sheet
from ateliers.services.certificates import issue_person_certificate, issue_structure_certificate, render_certificates
from ateliers.services.planning import month_grid
from ateliers.services.planning import timeline as programme_timeline
from ateliers.services.registrations import (
    active_registrations,
    bulk_register,
    invited_without_registration,
    structure_warnings,
)
from ateliers.tasks import render_certificate_batch
from lab.infra import charts
from lab.infra.pdf import pdf_response
from lab.infra.storage import private_download
from lab.models import Person, ProgrammePage, Structure
from lab.scope import CHANGE, VIEW, scope_for

#: The questionnaire synthesis' charts of choices: narrow, bars of one colour.
CHOICES_CHART_WIDTH = 460
CHOICES_LABEL_WIDTH = 170
CHOICES_PALETTE = ["#1d4e89"]


def _workshop(request, pk, action=VIEW):
    """The workshop if the user may reach it: another programme's workshop is a 404, read-only a 403."""
    scope = scope_for(request.user)
    workshop = get_object_or_404(scope.filter(Workshop.objects.select_related("programme"), VIEW), pk=pk)
    if action == CHANGE and not scope.can(CHANGE, workshop):
        raise PermissionDenied
    return workshop


def _programme(request, pk):
    return get_object_or_404(scope_for(request.user).filter(ProgrammePage.objects.all(), VIEW), pk=pk)


def _visible_registrations(request, workshop):
    """The workshop's active registrations this user may see: a structure's team only sees its own."""
    return scope_for(request.user).filter(active_registrations(workshop), VIEW)


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


# ---------------------------------------------------------------------------------------------
# Workshop dashboard
# ---------------------------------------------------------------------------------------------


def workshop_dashboard(request, pk):
    """Everything a facilitator needs on one page: rates, warnings, registrations, documents."""
    workshop = _workshop(request, pk)
    scope = scope_for(request.user)
    registrations = list(
        scope.filter(workshop.registrations.all(), VIEW)
        .select_related("person", "structure", "subgroup")
        .order_by("status", "structure__name", "person__last_name")
    )
    person_rates = {rate.key: rate for rate in attendance.rates_by_person(workshop)}
    for registration in registrations:
        registration.rate = person_rates.get(registration.person_id)
    context = {
        "workshop": workshop,
        "sessions": list(workshop.sessions.all()),
        "subgroups": list(workshop.subgroups.all()),
        "registrations": registrations,
        "rate": attendance.workshop_rate(workshop),
        "structure_rates": [
            rate
            for rate in attendance.rates_by_structure(workshop)
            if rate.key in {r.structure_id for r in registrations}
        ],
        "warnings": structure_warnings(workshop),
        "not_registered": invited_without_registration(workshop),
        "can_change": scope.can(CHANGE, workshop),
        "batches": workshop.certificate_batches.all()[:5],
        "certificates": workshop.certificates.filter(superseded_by__isnull=True).select_related("person")[:200],
        "page_title": workshop.title,
    }
    return TemplateResponse(request, "ateliers/admin/workshop_dashboard.html", context)


# ---------------------------------------------------------------------------------------------
# Attendance grid (émargement à l'écran)
# ---------------------------------------------------------------------------------------------


def attendance_grid(request, pk):
    """People × half-days; one tap marks present / absent / excused (JSON for the script, or a plain
    form post that redirects back when JavaScript is off)."""
    workshop = _workshop(request, pk)
    can_change = scope_for(request.user).can(CHANGE, workshop)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        return _mark(request, workshop)
    sessions, rows = attendance.attendance_grid(workshop, _visible_registrations(request, workshop))
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "rows": rows,
        "can_change": can_change,
        "statuses": AttendanceStatus.choices,
        "walk_in_form": WalkInForm(workshop=workshop),
        "connection_form": ConnectionListForm(workshop=workshop),
        "page_title": _("Émargement — %(title)s") % {"title": workshop.title},
    }
    return TemplateResponse(request, "ateliers/admin/attendance_grid.html", context)


def _mark(request, workshop):
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        registration = Registration.objects.select_related("person").get(
            pk=request.POST.get("registration"), workshop=workshop
        )
    except (Registration.DoesNotExist, ValueError):
        registration = None
    session = workshop.sessions.filter(pk=request.POST.get("session") or 0).first()
    try:
        if registration is None:
            raise ValidationError(_("Cette personne n'est pas inscrite à cet atelier."))
        if session is None:
            raise ValidationError(_("Cette demi-journée n'appartient pas à cet atelier."))
        mark = attendance.mark_attendance(registration, session, request.POST.get("status", ""), user=request.user)
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"ok": False, "errors": _errors(error)}, status=400)
        for message in _errors(error):
            messages.error(request, message)
        return redirect("ateliers_admin:grid", workshop.pk)
    if wants_json:
        return JsonResponse(
            {
                "ok": True,
                "status": mark.status,
                "label": mark.get_status_display(),
                "recorded_at": mark.recorded_at.isoformat(),
            }
        )
    return redirect(reverse("ateliers_admin:grid", args=[workshop.pk]) + f"#r{registration.pk}")


@require_POST
def walk_in(request, pk):
    """Add someone who came without registration and mark them present (a few seconds at the door)."""
    workshop = _workshop(request, pk, CHANGE)
    form = WalkInForm(request.POST, workshop=workshop, user=request.user)
    if form.is_valid():
        try:
            registration = attendance.add_walk_in(
                workshop,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                structure=form.cleaned_data["structure"],
                session=form.cleaned_data["session"],
                user=request.user,
            )
            messages.success(request, _("%(name)s est ajouté·e et noté·e présent·e.") % {"name": registration.person})
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
    else:
        _form_errors_to_messages(request, form)
    return redirect("ateliers_admin:grid", workshop.pk)


def _form_errors_to_messages(request, form):
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label} : {message}" if label else message)


@require_POST
def connection_list(request, pk):
    """Mark present everyone named in a remote session's pasted connection list."""
    workshop = _workshop(request, pk, CHANGE)
    form = ConnectionListForm(request.POST, workshop=workshop)
    if form.is_valid():
        marked, unmatched = attendance.mark_from_connection_list(
            form.cleaned_data["session"], form.cleaned_data["names"], user=request.user
        )
        messages.success(request, _("%(count)d présence(s) notée(s).") % {"count": len(marked)})
        if unmatched:
            messages.warning(
                request,
                _("Personnes non reconnues parmi les inscrits (à vérifier) : %(names)s")
                % {"names": ", ".join(unmatched)},
            )
    else:
        _form_errors_to_messages(request, form)
    return redirect("ateliers_admin:grid", workshop.pk)


# ---------------------------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------------------------


def bulk_registration(request, pk):
    """Register a structure's team (its people ticked in a list) in one step."""
    workshop = _workshop(request, pk, CHANGE)
    form = BulkRegistrationForm(request.POST or None, workshop=workshop, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = bulk_register(
                workshop, form.cleaned_data["structure"], form.cleaned_data["people"], user=request.user
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("%(count)d personne(s) inscrite(s).") % {"count": len(created)})
            return redirect("ateliers_admin:workshop", workshop.pk)
    people_by_structure = {}
    for person in form.fields["people"].queryset.select_related("structure"):
        people_by_structure.setdefault(person.structure, []).append(person)
    context = {
        "workshop": workshop,
        "form": form,
        "people_by_structure": people_by_structure,
        "selected": request.POST.getlist("people"),
        "page_title": _("Inscription groupée — %(title)s") % {"title": workshop.title},
    }
    return TemplateResponse(request, "ateliers/admin/bulk_registration.html", context)


# ---------------------------------------------------------------------------------------------
# PDFs: attendance sheet and certificates
# ---------------------------------------------------------------------------------------------


def attendance_sheet_pdf(request, pk):
    """The printable attendance sheet of the workshop (or of one half-day with ``?session=``)."""
    workshop = _workshop(request, pk)
    session = None
    if request.GET.get("session"):
        session = get_object_or_404(Session, pk=request.GET["session"], workshop=workshop)
    pdf = render_attendance_sheet(workshop, session, _visible_registrations(request, workshop))
    return pdf_response(pdf, f"emargement-{slugify(workshop.title)[:60]}.pdf")


def _certificate_response(request, build, name):
    try:
        certificate = build()
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("wagtailadmin_home")
        return redirect(back)
    pdf = render_certificates([certificate], title=_("Certificat d'assiduité"))
    return pdf_response(pdf, f"certificat-{slugify(name)[:60]}-{certificate.code}.pdf")


def person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the workshop."""
    workshop = _workshop(request, pk)
    person = get_object_or_404(scope_for(request.user).filter(Person.objects.all(), VIEW), pk=person_pk)
    if not workshop.registrations.filter(person=person).exists():
        raise Http404
    return _certificate_response(
        request,
        lambda: issue_person_certificate(workshop.programme, person, workshop=workshop, user=request.user),
        str(person),
    )


def structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the workshop: each of its people and its total."""
    workshop = _workshop(request, pk)
    structure = get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_pk)
    return _certificate_response(
        request,
        lambda: issue_structure_certificate(workshop.programme, structure, workshop=workshop, user=request.user),
        structure.name,
    )


def programme_person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the whole programme (every workshop they were registered to)."""
    programme = _programme(request, pk)
    person = get_object_or_404(scope_for(request.user).filter(Person.objects.all(), VIEW), pk=person_pk)
    return _certificate_response(
        request, lambda: issue_person_certificate(programme, person, user=request.user), str(person)
    )


def programme_structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the whole programme (« un certificat d'assiduité pour chacun des CCAS »)."""
    programme = _programme(request, pk)
    structure = get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_pk)
    return _certificate_response(
        request, lambda: issue_structure_certificate(programme, structure, user=request.user), structure.name
    )


def _start_batch(request, programme, workshop):
    batch = CertificateBatch.objects.create(programme=programme, workshop=workshop, requested_by=request.user)
    transaction.on_commit(lambda: render_certificate_batch.enqueue(batch.pk))
    return batch


@require_POST
def workshop_batch(request, pk):
    """Start the batch of every certificate of the workshop, in the background."""
    workshop = _workshop(request, pk, CHANGE)
    batch = _start_batch(request, workshop.programme, workshop)
    return redirect("ateliers_admin:batch", batch.pk)


@require_POST
def programme_batch(request, pk):
    """Start the batch of every certificate of the programme (all workshops together)."""
    programme = _programme(request, pk)
    if not scope_for(request.user).can(CHANGE, programme):
        raise PermissionDenied
    batch = _start_batch(request, programme, None)
    return redirect("ateliers_admin:batch", batch.pk)


def _batch(request, pk):
    return get_object_or_404(
        scope_for(request.user).filter(CertificateBatch.objects.select_related("workshop", "programme"), VIEW), pk=pk
    )


def batch_detail(request, pk):
    """The batch's progress bar (polled by a small script), then its download link."""
    batch = _batch(request, pk)
    return TemplateResponse(
        request,
        "ateliers/admin/batch.html",
        {
            "batch": batch,
            "page_title": _("Lot de certificats"),
            "finished": batch.status in (BatchStatus.DONE, BatchStatus.FAILED),
        },
    )


def batch_status(request, pk):
    """JSON progress of a batch: done / total, state and the download URL when ready."""
    batch = _batch(request, pk)
    return JsonResponse(
        {
            "status": batch.status,
            "label": batch.get_status_display(),
            "done": batch.done,
            "total": batch.total,
            "error": batch.error,
            "download": reverse("ateliers_admin:batch_download", args=[batch.pk])
            if batch.status == BatchStatus.DONE
            else None,
        }
    )


def batch_download(request, pk):
    batch = _batch(request, pk)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise Http404
    return private_download(batch.file)


# ---------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------


def planning(request, pk):
    """A programme's workshops on a month calendar and a timeline (planning détaillé)."""
    programme = _programme(request, pk)
    timeline = programme_timeline(programme)
    today = datetime.date.today()
    first = next((item["start"] for item in timeline if item["start"]), today)
    try:
        year = int(request.GET.get("annee", first.year))
        month = int(request.GET.get("mois", first.month))
        datetime.date(year, month, 1)
    except ValueError:
        year, month = first.year, first.month
    previous = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    following = datetime.date(year, month, 28) + datetime.timedelta(days=5)
    context = {
        "programme": programme,
        "timeline": timeline,
        "weeks": month_grid(programme, year, month),
        "month": datetime.date(year, month, 1),
        "previous": previous,
        "following": following,
        "rate": attendance.programme_rate(programme),
        "structure_rates": attendance.programme_rates_by_structure(programme),
        "page_title": _("Planning — %(title)s") % {"title": programme.title},
    }
    return TemplateResponse(request, "ateliers/admin/planning.html", context)


# ---------------------------------------------------------------------------------------------
# Questionnaires
# ---------------------------------------------------------------------------------------------


def _questionnaire(request, pk):
    page = get_object_or_404(QuestionnairePage, pk=pk)
    programme = ProgrammePage.objects.ancestor_of(page).first()
    if programme is None or not scope_for(request.user).can(VIEW, programme):
        raise Http404
    return page


def questionnaire_synthesis(request, pk):
    """Counts, averages and bar charts (SVG) of a questionnaire's answers."""
    page = _questionnaire(request, pk)
    synthesis = questionnaires.questionnaire_synthesis(page)
    for item in synthesis["questions"]:
        item["chart"] = (
            charts.bar_chart(
                item["choices"],
                title=item["question"].label,
                width=CHOICES_CHART_WIDTH,
                label_width=CHOICES_LABEL_WIDTH,
                palette=CHOICES_PALETTE,
            )
            if item["choices"]
            else ""
        )
    return TemplateResponse(
        request,
        "ateliers/admin/questionnaire_synthesis.html",
        {"page": page, "synthesis": synthesis, "page_title": _("Synthèse — %(title)s") % {"title": page.title}},
    )


def questionnaire_csv(request, pk):
    page = _questionnaire(request, pk)
    response = HttpResponse("\ufeff" + questionnaires.questionnaire_csv(page), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{slugify(page.title)[:60]}.csv"'
    return response
