"""Attendance rates: half-days attended out of half-days expected, by person, structure, workshop or
programme, each in a few aggregate queries whatever the number of rows."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceStatus
from ateliers.models import Attendance, Registration, Session, Workshop
from ateliers.services.registrations import active_registrations


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
