"""The proofs of a workshop's attendance: the état de présence (PDF) and the signed, scanned sheet of
each half-day (upload, download). A signed sheet carries every structure's signatures: only the
programme's people (coordination, facilitation, funders) and administrators reach it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ateliers.admin_views.common import _form_errors_to_messages, _visible_registrations, _workshop
from ateliers.forms import SignedSheetForm
from ateliers.models import SignedSheet
from ateliers.services.attendance_record import render_attendance_record, save_signed_sheet
from lab.infra.pdf import pdf_response
from lab.infra.storage import private_download
from lab.scope import CHANGE, VIEW, scope_for


def attendance_record_pdf(request, pk):
    """The état de présence of the workshop: each half-day, each person the user may see."""
    workshop = _workshop(request, pk)
    pdf = render_attendance_record(workshop, registrations=_visible_registrations(request, workshop))
    return pdf_response(pdf, f"etat-de-presence-{slugify(workshop.title)[:60]}.pdf")


def _session(workshop, session_pk):
    return get_object_or_404(workshop.sessions.all(), pk=session_pk)


@require_POST
def signed_sheet_upload(request, pk, session_pk):
    """Keep the signed, scanned sheet of one half-day (a new scan replaces the previous one)."""
    workshop = _workshop(request, pk, CHANGE)
    session = _session(workshop, session_pk)
    form = SignedSheetForm(request.POST, request.FILES)
    if form.is_valid():
        save_signed_sheet(session, form.cleaned_data["file"], user=request.user)
        messages.success(
            request, _("La feuille signée du %(session)s est déposée.") % {"session": str(session).lower()}
        )
    else:
        _form_errors_to_messages(request, form)
    return redirect("ateliers_admin:workshop", workshop.pk)


def signed_sheet_download(request, pk, session_pk):
    """The signed sheet as it was uploaded, never cached; a 404 for whoever is not of the programme."""
    workshop = _workshop(request, pk, VIEW)
    sheet = get_object_or_404(
        scope_for(request.user).filter(SignedSheet.objects.filter(session__workshop=workshop), VIEW),
        session_id=session_pk,
    )
    name = f"feuille-signee-{slugify(workshop.title)[:50]}-{sheet.session.date:%Y-%m-%d}-"
    name += f"{slugify(sheet.session.get_half_day_display())}.{sheet.extension}"
    return private_download(sheet.file, name)
