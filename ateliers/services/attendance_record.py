"""The proofs of attendance of a workshop: the « état de présence » (what was recorded, by whom,
when, and every correction) and the signed, scanned sheets of its half-days."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ateliers.models import Attendance, AttendanceChange, SignedSheet
from ateliers.services.attendance import expected_sessions
from ateliers.services.certificates import _session_dates, programme_for_pdf
from ateliers.services.registrations import active_registrations

RECORD_TEMPLATE = "ateliers/pdf/attendance_record.html"
#: The letter printed for each mark, as on the grid.
STATUS_LETTERS = {"present": "P", "absent": "A", "excuse": "E"}


@dataclass
class HalfDayRecord:
    """One half-day of the état de présence: each expected person's mark, and the totals."""

    session: object
    rows: list = field(default_factory=list)
    signed_sheet: object = None

    @property
    def present(self):
        return sum(1 for row in self.rows if row["status"] == "present")

    @property
    def unrecorded(self):
        return sum(1 for row in self.rows if not row["status"])


def _user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def attendance_record_context(workshop, sessions=None, registrations=None):
    """Each half-day (of ``sessions``, default all), each expected person: P/A/E, who recorded it and
    when; the corrections from the attendance history. Five queries whatever the size."""
    sessions = list(sessions if sessions is not None else workshop.sessions.all())
    registrations = list(
        (registrations if registrations is not None else active_registrations(workshop))
        .select_related("person", "structure", "expected_from")
        .order_by("structure__name", "person__last_name", "person__first_name")
    )
    ids = [r.pk for r in registrations]
    marks = {
        (a.registration_id, a.session_id): a
        for a in Attendance.objects.filter(registration__in=ids, session__in=sessions).select_related("recorded_by")
    }
    sheets = {s.session_id: s for s in SignedSheet.objects.filter(session__in=sessions).select_related("uploaded_by")}
    half_days = {s.pk: HalfDayRecord(s, signed_sheet=sheets.get(s.pk)) for s in sessions}
    for registration in registrations:
        for session in expected_sessions(registration, sessions):
            mark = marks.get((registration.pk, session.pk))
            half_days[session.pk].rows.append(
                {
                    "name": f"{registration.person.last_name.upper()} {registration.person.first_name}",
                    "structure": registration.structure.name,
                    "walk_in": registration.is_walk_in,
                    "status": mark.status if mark else "",
                    "letter": STATUS_LETTERS.get(mark.status, "") if mark else "",
                    "label": mark.get_status_display() if mark else _("non saisie"),
                    "recorded_by": _user_name(mark.recorded_by) if mark else "",
                    "recorded_at": timezone.localtime(mark.recorded_at) if mark else None,
                    "source": mark.get_source_display() if mark else "",
                }
            )
    people = {r.pk: r for r in registrations}
    corrections = defaultdict(list)
    for change in (
        AttendanceChange.objects.filter(registration__in=ids, session__in=sessions)
        .exclude(previous_status="")
        .select_related("changed_by")
    ):
        registration = people[change.registration_id]
        corrections[change.session_id].append(
            {
                "name": f"{registration.person.last_name.upper()} {registration.person.first_name}",
                "structure": registration.structure.name,
                "previous": change.get_previous_status_display(),
                "status": change.get_status_display(),
                "by": _user_name(change.changed_by),
                "at": timezone.localtime(change.changed_at),
            }
        )
    for record in half_days.values():
        record.corrections = corrections.get(record.session.pk, [])
    return {
        "workshop": workshop,
        "half_days": list(half_days.values()),
        "dates": _session_dates(sessions),
        "people": len(registrations),
        "corrections_count": sum(len(c) for c in corrections.values()),
        "generated_at": timezone.localtime(),
    }


def render_attendance_record(workshop, sessions=None, registrations=None):
    """The état de présence of a workshop as PDF bytes, with the programme's publicity block."""
    from lab.infra.pdf import render_pdf

    return render_pdf(
        RECORD_TEMPLATE,
        attendance_record_context(workshop, sessions, registrations),
        programme=programme_for_pdf(workshop.programme_id),
        title=_("État de présence — %(title)s") % {"title": workshop.title},
    )


@transaction.atomic
def save_signed_sheet(session, upload, *, user=None):
    """Keep ``upload`` (already checked by its content) as the signed sheet of ``session``, replacing
    the previous scan if any."""
    sheet = SignedSheet.objects.select_for_update().filter(session=session).first()
    old_name = sheet.file.name if sheet else None
    if sheet is None:
        sheet = SignedSheet(session=session)
    sheet.file = upload
    sheet.uploaded_by = user
    sheet.save()
    if old_name and old_name != sheet.file.name:
        storage = sheet.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return sheet


def proofs_of_workshop(workshop, sessions):
    """What proves the attendance of ``sessions`` (one workshop's): [(file name, bytes)], each half-day
    by its signed scan where there is one, the others by one état de présence, never a blank sheet."""
    sessions = list(sessions)
    sheets = {s.session_id: s for s in SignedSheet.objects.filter(session__in=sessions)}
    files, without_scan = [], []
    for session in sessions:
        sheet = sheets.get(session.pk)
        if sheet is None:
            without_scan.append(session)
            continue
        with sheet.file.open("rb") as handle:
            files.append(
                (
                    f"{session.date:%Y-%m-%d}-{slugify(session.get_half_day_display())}-feuille-signee.{sheet.extension}",
                    handle.read(),
                )
            )
    if without_scan:
        files.append(("etat-de-presence.pdf", render_attendance_record(workshop, without_scan)))
    return files
