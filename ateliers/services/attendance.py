"""Attendance: the on-screen grid, taps, walk-ins and connection lists of remote sessions (rates: ``rates``)."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceSource, AttendanceStatus, RegistrationStatus
from ateliers.models import Attendance, AttendanceChange, Registration
from ateliers.services.registrations import active_registrations, structure_limit_error
from lab.choices import PersonRole
from lab.models import Person


@dataclass
class GridRow:
    registration: Registration
    cells: list = field(default_factory=list)


def attendance_grid(workshop, registrations=None):
    """People × half-days of a workshop: sessions, and one row per active registration with its cells.

    ``registrations`` narrows the rows (to what the user may see). Three queries whatever the number
    of participants.
    """
    sessions = list(workshop.sessions.all())
    registrations = list(
        (registrations if registrations is not None else active_registrations(workshop))
        .select_related("person", "structure", "subgroup")
        .order_by("structure__name", "person__last_name", "person__first_name")
    )
    marks = {
        (a.registration_id, a.session_id): a
        for a in Attendance.objects.filter(registration__workshop=workshop).only(
            "registration_id", "session_id", "status", "recorded_at"
        )
    }
    rows = [
        GridRow(registration, [(session, marks.get((registration.pk, session.pk))) for session in sessions])
        for registration in registrations
    ]
    return sessions, rows


#: ``mark_attendance``'s ``current`` when the caller did not read the mark: it is read, locked.
UNREAD = object()


@transaction.atomic
def mark_attendance(registration, session, status, *, user=None, source=AttendanceSource.GRID, current=UNREAD):
    """Record that ``registration``'s person was present, absent or excused at ``session``.

    Refuses someone who is not (or no longer) registered to the session's workshop. Each change is
    kept in the attendance history (who, when, from what): the état de présence lists corrections.
    Tapping the mark already recorded changes nothing. ``current``: the mark as the caller read it
    with the registration (``None``: there was none), saving the locked read when nobody changed it
    since (``_change_as_read``).
    """
    if registration.workshop_id != session.workshop_id or registration.status not in ACTIVE_REGISTRATION_STATUSES:
        raise ValidationError(
            _("%(name)s n'est pas inscrit·e à cet atelier : inscrivez la personne avant de noter sa présence.")
            % {"name": registration.person}
        )
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Présence inconnue : %(status)s.") % {"status": status})
    if current is not UNREAD and current is not None and current.status == status:
        return current
    previous, attendance = _change_as_read(current, status, source, user)
    if attendance is None:
        previous, attendance = _change_locked(registration, session, status, source, user)
    if previous == status:
        return attendance  # already so: nothing changed, nothing for the history
    AttendanceChange.objects.create(
        registration=registration,
        session=session,
        previous_status=previous,
        status=status,
        source=source,
        changed_by=user,
    )
    if registration.is_walk_in and status == AttendanceStatus.PRESENT:
        _expect_walk_in_from(registration, session)
    return attendance


def _change_as_read(current, status, source, user):
    """The tapper's own mark changed by one conditional UPDATE if it is still as they read it (same
    status, recorded by them): ``(previous status, mark)``; else ``(None, None)``, to read it locked."""
    if current is UNREAD or current is None or current.recorded_by_id != getattr(user, "pk", None):
        return None, None
    previous = current.status
    if not _update_own(
        current, status, source, unchanged={"status": previous, "recorded_by_id": current.recorded_by_id}
    ):
        return None, None
    return previous, current


def _change_locked(registration, session, status, source, user):
    """The mark read locked, then created or changed: ``(previous status or "", mark)``."""
    attendance = Attendance.objects.select_for_update().filter(registration=registration, session=session).first()
    if attendance is None:
        attendance = Attendance.objects.create(
            registration=registration, session=session, status=status, recorded_by=user, source=source
        )
        return "", attendance
    previous = attendance.status
    if previous == status:
        return previous, attendance
    if attendance.recorded_by_id == getattr(user, "pk", None):
        _update_own(attendance, status, source)
    else:
        attendance.status, attendance.recorded_by, attendance.source = status, user, source
        attendance.save(update_fields=["status", "recorded_by", "source", "recorded_at"])
    return previous, attendance


def _update_own(attendance, status, source, unchanged=None):
    """One UPDATE of a mark whose references (person, half-day, who recorded it) stay the same, without
    the post_save rebuild of Wagtail's reference index, which would read the row and its entries again
    only to find them unchanged; only if the row still has the ``unchanged`` values. True if updated."""
    now = timezone.now()
    if not Attendance.objects.filter(pk=attendance.pk, **(unchanged or {})).update(
        status=status, source=source, recorded_at=now
    ):
        return False
    attendance.status, attendance.source, attendance.recorded_at = status, source, now
    return True


def _session_order(session):
    return (session.date, session.half_day)


def _expect_walk_in_from(registration, session):
    """A walk-in is expected from the first half-day they were present at (earlier ones do not count)."""
    current = registration.expected_from
    if current is None or _session_order(session) < _session_order(current):
        registration.expected_from = session
        registration.save(update_fields=["expected_from"])


def expected_sessions(registration, sessions):
    """Of ``sessions`` (a workshop's held half-days), those where ``registration``'s person is expected:
    all of them, or from the half-day a walk-in came."""
    start = registration.expected_from
    if start is None:
        return list(sessions)
    return [s for s in sessions if _session_order(s) >= _session_order(start)]


@transaction.atomic
def add_walk_in(
    workshop,
    *,
    first_name,
    last_name,
    structure,
    session,
    user=None,
    role=PersonRole.HABITANT,
    over_limit_reason="",
):
    """Register someone who came without registration, in a few seconds, and mark them present.

    They are expected from ``session`` on, not on the earlier half-days. When their structure already
    has its maximum of people, they are only added with a reason (``over_limit_reason``), kept on the
    registration and shown on the workshop dashboard to check.
    """
    first_name, last_name = first_name.strip(), last_name.strip()
    over_limit_reason = over_limit_reason.strip()
    if not first_name or not last_name:
        raise ValidationError(_("Indiquez le prénom et le nom de la personne."))
    if session is None or session.workshop_id != workshop.pk:
        raise ValidationError(_("Choisissez la demi-journée où la personne est venue."))
    person = Person.objects.filter(
        structure=structure, first_name__iexact=first_name, last_name__iexact=last_name
    ).first()
    registration = workshop.registrations.filter(person=person).first() if person else None
    takes_a_seat = registration is None or registration.status not in ACTIVE_REGISTRATION_STATUSES
    limit = structure_limit_error(workshop, structure, person) if takes_a_seat else ""
    if limit and not over_limit_reason:
        raise ValidationError(
            _("%(limit)s Pour ajouter %(name)s quand même, confirmez l'ajout au-delà du maximum et indiquez la raison.")
            % {"limit": limit, "name": f"{first_name} {last_name}"},
            code="over_limit",
        )
    if person is None:
        person = Person.objects.create(first_name=first_name, last_name=last_name, structure=structure, role=role)
    if registration is None:
        registration = Registration.objects.create(
            workshop=workshop,
            person=person,
            structure=structure,
            is_walk_in=True,
            status=RegistrationStatus.CONFIRMED,
            registered_by=user,
            over_limit_reason=over_limit_reason if limit else "",
        )
    elif takes_a_seat:
        registration.status = RegistrationStatus.CONFIRMED
        registration.over_limit_reason = over_limit_reason if limit else ""
        registration.save(update_fields=["status", "over_limit_reason"])
    mark_attendance(registration, session, AttendanceStatus.PRESENT, user=user)
    return registration


def _name_key(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return frozenset(re.findall(r"[a-z]+", text))


@transaction.atomic
def mark_from_connection_list(session, text, *, user=None):
    """Mark present everyone of a remote session's connection list (one name per line, any order).

    Returns the registrations marked and the lines that matched nobody, to check by hand.
    """
    registrations = list(active_registrations(session.workshop).select_related("person"))
    by_key = {}
    for registration in registrations:
        key = _name_key(f"{registration.person.first_name} {registration.person.last_name}")
        by_key.setdefault(key, registration)
    marked, unmatched = [], []
    for line in text.splitlines():
        line = re.sub(r"\s*[(<\[].*$", "", line).strip()  # drop « (CCAS de Sada) », e-mails…
        if not line:
            continue
        words = _name_key(line)
        match = by_key.get(words) or next((r for k, r in by_key.items() if k and k <= words), None)
        if match is None:
            unmatched.append(line)
            continue
        mark_attendance(match, session, AttendanceStatus.PRESENT, user=user, source=AttendanceSource.REMOTE_LIST)
        marked.append(match)
    return marked, unmatched
