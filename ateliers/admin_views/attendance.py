"""The workshop dashboard, the attendance grid (one tap per person and half-day), walk-ins,
connection lists, bulk registration and the printable attendance sheet."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import FilteredRelation, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

#: The questionnaire synthesis' charts of choices: narrow, bars of one colour.
from ateliers.admin_views.common import _errors, _form_errors_to_messages, _visible_registrations, _workshop
from ateliers.choices import AttendanceStatus
from ateliers.forms import BulkRegistrationForm, ConnectionListForm, WalkInForm
from ateliers.models import Registration, Session, SignedSheet, Workshop
from ateliers.services import attendance, rates
from ateliers.services.attendance_sheet import render_attendance_sheet
from ateliers.services.certificates import issued_subjects
from ateliers.services.registrations import (
    active_registrations,
    bulk_register,
    invited_without_registration,
    over_limit_walk_ins,
    structure_warnings,
)
from lab.infra.ids import int_param
from lab.infra.pdf import pdf_response
from lab.scope import CHANGE, VIEW, scope_for


def workshop_dashboard(request, pk):
    """Everything a facilitator needs on one page: rates, warnings, registrations, documents."""
    workshop = _workshop(request, pk)
    scope = scope_for(request.user)
    registrations = list(
        scope.filter(workshop.registrations.all(), VIEW)
        .select_related("person", "structure", "subgroup")
        .order_by("status", "structure__name", "person__last_name")
    )
    person_rates = {rate.key: rate for rate in rates.rates_by_person(workshop)}
    for registration in registrations:
        registration.rate = person_rates.get(registration.person_id)
    sessions = list(workshop.sessions.all())
    signed_sheets = {
        sheet.session_id: sheet
        for sheet in scope.filter(SignedSheet.objects.filter(session__workshop=workshop), VIEW).select_related(
            "uploaded_by"
        )
    }
    for session in sessions:
        session.signed = signed_sheets.get(session.pk)
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "subgroups": list(workshop.subgroups.all()),
        "registrations": registrations,
        "rate": rates.workshop_rate(workshop),
        "structure_rates": [
            rate for rate in rates.rates_by_structure(workshop) if rate.key in {r.structure_id for r in registrations}
        ],
        "warnings": structure_warnings(workshop),
        "over_limit": over_limit_walk_ins(workshop),
        "can_see_signed_sheets": scope.is_admin or workshop.programme_id in scope.programme_ids(),
        "not_registered": invited_without_registration(workshop),
        "can_change": scope.can(CHANGE, workshop),
        "can_change_programme": scope.can(CHANGE, workshop.programme),
        "batches": workshop.certificate_batches.all()[:5],
        "issued": issued_subjects(workshop.programme, workshop=workshop),
        "issued_programme": issued_subjects(workshop.programme),
        "page_title": workshop.title,
    }
    return TemplateResponse(request, "ateliers/admin/workshop_dashboard.html", context)


def attendance_grid(request, pk):
    """People × half-days; one tap marks present / absent / excused (JSON for the script, or a plain
    form post that redirects back when JavaScript is off)."""
    if request.method == "POST":
        return _mark(request, pk)
    workshop = _workshop(request, pk)
    can_change = scope_for(request.user).can(CHANGE, workshop)
    return _grid_response(request, workshop, can_change, WalkInForm(workshop=workshop))


def _grid_response(request, workshop, can_change, walk_in_form):
    sessions, rows = attendance.attendance_grid(workshop, _visible_registrations(request, workshop))
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "rows": rows,
        "can_change": can_change,
        "statuses": AttendanceStatus.choices,
        "walk_in_form": walk_in_form,
        "connection_form": ConnectionListForm(workshop=workshop),
        # For the script: a walk-in of a structure at its maximum asks for a confirmation and a reason.
        "structure_limit": {
            "max": workshop.max_per_structure,
            "counts": dict(
                Counter(str(pk) for pk in active_registrations(workshop).values_list("structure_id", flat=True))
            ),
        },
        "page_title": _("Émargement — %(title)s") % {"title": workshop.title},
    }
    return TemplateResponse(request, "ateliers/admin/attendance_grid.html", context)


def _mark(request, pk):
    """A tap. The registration is read with the tapped half-day of its workshop and its current mark
    there (filtered joins), only if the user may change that workshop (their roles are subqueries):
    one read before the mark, which changes the user's own mark as read without locking it."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    scope = scope_for(request.user)
    session_pk = int_param(request.POST.get("session")) or 0
    tapped = FilteredRelation("workshop__sessions", condition=Q(workshop__sessions__pk=session_pk))
    mark = FilteredRelation("attendances", condition=Q(attendances__session_id=session_pk))
    registration = (
        scope.narrow(
            Registration.objects.annotate(tapped_session=tapped, current_mark=mark).select_related(
                "person", "tapped_session", "current_mark"
            ),
            CHANGE,
            in_sql=True,
            workshop=Workshop,
        )
        .filter(pk=int_param(request.POST.get("registration")) or 0, workshop_id=pk)
        .order_by("pk")
        .first()
    )
    if registration is None and not scope.filter(Workshop.objects.filter(pk=pk), CHANGE).exists():
        _workshop(request, pk)  # 404 when the user may not even see it
        raise PermissionDenied
    # A filtered join that found no row leaves its attribute unset (Django sets it only from a row).
    session = getattr(registration, "tapped_session", None)
    try:
        if registration is None:
            raise ValidationError(_("Cette personne n'est pas inscrite à cet atelier."))
        if session is None:
            raise ValidationError(_("Cette demi-journée n'appartient pas à cet atelier."))
        mark = attendance.mark_attendance(
            registration,
            session,
            request.POST.get("status", ""),
            user=request.user,
            current=getattr(registration, "current_mark", None),
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"ok": False, "errors": _errors(error)}, status=400)
        for message in _errors(error):
            messages.error(request, message)
        return redirect("ateliers_admin:grid", pk)
    if wants_json:
        return JsonResponse(
            {
                "ok": True,
                "status": mark.status,
                "label": mark.get_status_display(),
                "recorded_at": mark.recorded_at.isoformat(),
            }
        )
    return redirect(reverse("ateliers_admin:grid", args=[pk]) + f"#r{registration.pk}")


@require_POST
def walk_in(request, pk):
    """Add someone who came without registration and mark them present (a few seconds at the door).

    Beyond their structure's maximum, only with the confirmation and a reason; a refused form comes
    back filled in, with the French message, so nothing typed is lost.
    """
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
                over_limit_reason=form.reason,
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error("confirm_over_limit" if getattr(error, "code", None) == "over_limit" else None, message)
        else:
            messages.success(request, _("%(name)s est ajouté·e et noté·e présent·e.") % {"name": registration.person})
            return redirect("ateliers_admin:grid", workshop.pk)
    _form_errors_to_messages(request, form)
    return _grid_response(request, workshop, True, form)


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


def attendance_sheet_pdf(request, pk):
    """The printable attendance sheet of the workshop (or of one half-day with ``?session=``)."""
    workshop = _workshop(request, pk)
    session = None
    raw = request.GET.get("session")
    if raw:
        session_id = int_param(raw)
        if session_id is None:
            messages.error(
                request, _("Cette demi-journée n'existe pas : choisissez-en une dans la liste de l'atelier.")
            )
            return redirect("ateliers_admin:workshop", workshop.pk)
        session = get_object_or_404(Session, pk=session_id, workshop=workshop)
    pdf = render_attendance_sheet(workshop, session, _visible_registrations(request, workshop))
    return pdf_response(pdf, f"emargement-{slugify(workshop.title)[:60]}.pdf")
