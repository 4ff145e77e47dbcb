"""Attendance: the on-screen grid, walk-ins, connection lists of remote sessions, and attendance rates."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceSource, AttendanceStatus, RegistrationStatus
from ateliers.models import Attendance, AttendanceChange, Registration, Session, Workshop
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


@transaction.atomic
def mark_attendance(registration, session, status, *, user=None, source=AttendanceSource.GRID):
    """Record that ``registration``'s person was present, absent or excused at ``session``.

    Refuses someone who is not (or no longer) registered to the session's workshop. Each change is
    kept in the attendance history (who, when, from what): the état de présence lists corrections.
    Tapping the mark already recorded changes nothing.
    """
    if registration.workshop_id != session.workshop_id or registration.status not in ACTIVE_REGISTRATION_STATUSES:
        raise ValidationError(
            _("%(name)s n'est pas inscrit·e à cet atelier : inscrivez la personne avant de noter sa présence.")
            % {"name": registration.person}
        )
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Présence inconnue : %(status)s.") % {"status": status})
    attendance = Attendance.objects.select_for_update().filter(registration=registration, session=session).first()
    previous = attendance.status if attendance else ""
    if attendance is None:
        attendance = Attendance.objects.create(
            registration=registration, session=session, status=status, recorded_by=user, source=source
        )
    elif previous == status:
        return attendance
    elif attendance.recorded_by_id == getattr(user, "pk", None):
        # Its references (person, half-day, who recorded it) stay the same: one UPDATE, without the
        # post_save rebuild of Wagtail's reference index, which would read the row and its entries
        # again only to find them unchanged.
        attendance.status, attendance.source, attendance.recorded_at = status, source, timezone.now()
        Attendance.objects.filter(pk=attendance.pk).update(
            status=status, source=source, recorded_at=attendance.recorded_at
        )
    else:
        attendance.status, attendance.recorded_by, attendance.source = status, user, source
        attendance.save(update_fields=["status", "recorded_by", "source", "recorded_at"])
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


# --------------------------------------------------------------------------------------------
# Attendance rates
# --------------------------------------------------------------------------------------------


@dataclass
class Rate:
    """Half-days attended out of half-days expected."""

    label: str
    attended: int
    expected: int
    key: object = None

    @property
    def percent(self):
        return round(100 * self.attended / self.expected) if self.expected else None


def held_sessions(queryset, today=None):
    """Sessions that have taken place (their day has come): only those are expected."""
    return queryset.filter(date__lte=today or timezone.localdate())


def _rates(registrations, sessions, key, label, marks=None, counted=None):
    """Rates grouped by ``key`` over ``registrations``: two aggregate queries.

    ``marks``, when given, are the attendance rows of ``registrations`` at ``sessions`` selected by
    joins (faster than the generic subqueries when both are one programme's). ``counted``, when given,
    is what the caller has already read with its own figures: ``(expected, labels, attended)`` by key,
    the half-days held times the registrations (walk-ins included from the first half-day), the labels
    and the marks present; only the walk-ins are then read."""
    if counted is None:
        held = dict(
            held_sessions(sessions).values("workshop_id").annotate(n=Count("pk")).values_list("workshop_id", "n")
        )
        expected, labels, attended = Counter(), {}, None
        for row in registrations.values(key, label, "workshop_id").annotate(n=Count("pk")):
            expected[row[key]] += row["n"] * held.get(row["workshop_id"], 0)
            labels[row[key]] = row[label]
    else:
        expected, labels, attended = counted
        expected = Counter(expected)
    # A walk-in is not expected on the half-days before they came: one query over the walk-ins only.
    before_arrival = (
        held_sessions(sessions)
        .filter(workshop=OuterRef("workshop_id"))
        .filter(
            Q(date__lt=OuterRef("expected_from__date"))
            | Q(date=OuterRef("expected_from__date"), half_day__lt=OuterRef("expected_from__half_day"))
        )
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    for k, skipped in (
        registrations.filter(expected_from__isnull=False)
        .annotate(skipped=Subquery(before_arrival))
        .values_list(key, "skipped")
    ):
        expected[k] -= skipped or 0
    # The sessions as EXISTS, not IN: with two IN lists SQLite probes every (registration, session)
    # pair of the unique index (9,600 × 420 for a 200-workshop programme, 1 s); this reads each
    # registration's marks once (bench/indicators.py).
    if attended is None and marks is None:
        marks = Attendance.objects.filter(
            Exists(held_sessions(sessions).filter(pk=OuterRef("session_id"))),
            registration__in=registrations.values("pk"),
        )
    if attended is None:
        attended = dict(
            marks.filter(status=AttendanceStatus.PRESENT)
            .values(f"registration__{key}")
            .annotate(n=Count("pk"))
            .values_list(f"registration__{key}", "n")
        )
    return sorted(
        (Rate(labels[k], attended.get(k, 0), expected[k], k) for k in labels), key=lambda rate: rate.label.lower()
    )


def _total(rates, label):
    return Rate(label, sum(r.attended for r in rates), sum(r.expected for r in rates))


def rates_by_person(workshop):
    """Attendance rate of each registered person of a workshop."""
    return _rates(
        active_registrations(workshop).annotate(
            person_name=Concat("person__first_name", Value(" "), "person__last_name")
        ),
        Session.objects.filter(workshop=workshop),
        "person_id",
        "person_name",
    )


def rates_by_structure(workshop):
    """Attendance rate of each structure at a workshop."""
    return _rates(
        active_registrations(workshop), Session.objects.filter(workshop=workshop), "structure_id", "structure__name"
    )


def workshop_rate(workshop):
    """The workshop's overall attendance rate."""
    return _total(rates_by_structure(workshop), workshop.title)


def programme_registrations(programme):
    """The active registrations of a programme's workshops, whose attendance is expected."""
    return Registration.objects.filter(workshop__programme=programme, status__in=ACTIVE_REGISTRATION_STATUSES)


def programme_rates_by_structure(programme, counted=None):
    """Each structure's attendance rate over every workshop of a programme (``counted``: see ``_rates``)."""
    return _rates(
        programme_registrations(programme),
        Session.objects.filter(workshop__programme=programme),
        "structure_id",
        "structure__name",
        marks=Attendance.objects.filter(
            registration__workshop__programme=programme,
            registration__status__in=ACTIVE_REGISTRATION_STATUSES,
            session__workshop__programme=programme,
            session__date__lte=timezone.localdate(),
        ),
        counted=counted,
    )


def programme_rate(programme):
    """The programme's overall attendance rate."""
    return _total(programme_rates_by_structure(programme), programme.title)


def structure_rate(structure, programme=None):
    """A structure's attendance rate over all its workshops (of one programme if given)."""
    registrations = Registration.objects.filter(structure=structure, status__in=ACTIVE_REGISTRATION_STATUSES)
    sessions = Session.objects.all()
    if programme is not None:
        registrations = registrations.filter(workshop__programme=programme)
        sessions = sessions.filter(workshop__programme=programme)
    return _total(_rates(registrations, sessions, "structure_id", "structure__name"), structure.name)


def structure_attendance(structure, workshops):
    """A structure's attendance at ``workshops`` (a queryset): per workshop, per person, in total.

    Four aggregate queries, whatever the number of workshops and people.
    """
    registrations = Registration.objects.filter(
        structure=structure, workshop__in=workshops, status__in=ACTIVE_REGISTRATION_STATUSES
    )
    sessions = Session.objects.filter(workshop__in=workshops)
    by_workshop = _rates(registrations, sessions, "workshop_id", "workshop__title")
    people = _rates(
        registrations.annotate(person_name=Concat("person__first_name", Value(" "), "person__last_name")),
        sessions,
        "person_id",
        "person_name",
    )
    return {"workshops": by_workshop, "people": people, "total": _total(by_workshop, structure.name)}


def rates_by_registration(registrations, sessions):
    """Attendance rate of each registration (one person at one workshop), by registration pk: four queries."""
    named = registrations.annotate(person_name=Concat("person__first_name", Value(" "), "person__last_name"))
    return {rate.key: rate for rate in _rates(named, sessions, "pk", "person_name")}


def structure_attendance_section(structure, user):
    """The attendance section of a structure's admin page: only the workshops ``user`` may see."""
    from ateliers.models import Certificate
    from lab.scope import CHANGE, VIEW, scope_for

    scope = scope_for(user)
    workshops = scope.filter(Workshop.objects.filter(registrations__structure=structure), VIEW)
    context = structure_attendance(structure, workshops)
    # The structure's certificate per workshop: downloadable once issued, issued by facilitation.
    context["issued"] = set(
        Certificate.objects.filter(
            structure=structure, person__isnull=True, workshop__in=workshops, superseded_by__isnull=True
        ).values_list("workshop_id", flat=True)
    )
    context["can_issue"] = set(scope.filter(workshops, CHANGE).values_list("pk", flat=True))
    context["structure"] = structure
    return {"template": "ateliers/admin/structure_attendance.html", "context": context}
