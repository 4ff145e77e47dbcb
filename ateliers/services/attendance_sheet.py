"""The printable attendance sheet (feuille d'émargement) of a workshop or of one of its half-days."""

from django.utils.translation import gettext as _

from ateliers.services.certificates import _session_dates, programme_for_pdf
from ateliers.services.registrations import active_registrations

SHEET_TEMPLATE = "ateliers/pdf/attendance_sheet.html"
#: Rows per printed page of the attendance sheet: each page is its own small table.
SHEET_ROWS_PER_PAGE = 12
#: Blank rows printed for walk-ins at the end of the sheet.
SHEET_BLANK_ROWS = 6


def attendance_sheet_context(workshop, session=None, registrations=None):
    """Rows (registered people, then blank lines) split in pages, and the half-day columns."""
    sessions = [session] if session else list(workshop.sessions.all())
    registrations = list(
        (registrations if registrations is not None else active_registrations(workshop))
        .select_related("person", "structure")
        .order_by("structure__name", "person__last_name", "person__first_name")
    )
    rows = [
        {
            "name": f"{r.person.last_name.upper()} {r.person.first_name}",
            "structure": r.structure.name,
            "role": r.person.get_role_display(),
        }
        for r in registrations
    ] + [None] * SHEET_BLANK_ROWS
    pages = [rows[i : i + SHEET_ROWS_PER_PAGE] for i in range(0, len(rows), SHEET_ROWS_PER_PAGE)]
    return {
        "workshop": workshop,
        "sessions": sessions,
        "pages": pages,
        "dates": _session_dates(sessions),
        "count": len(registrations),
    }


def render_attendance_sheet(workshop, session=None, registrations=None):
    """The printable attendance sheet (landscape A4) of a workshop, or of one of its half-days."""
    from lab.infra.pdf import render_pdf

    return render_pdf(
        SHEET_TEMPLATE,
        attendance_sheet_context(workshop, session, registrations),
        programme=programme_for_pdf(workshop.programme_id),
        title=_("Feuille d'émargement — %(title)s") % {"title": workshop.title},
        landscape=True,
    )
