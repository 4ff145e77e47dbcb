"""The indicators funders ask for, per programme and period, computed with aggregate queries.

Workshops held, half-days, unique participants by role and by gender (FEDER/FSE indicators),
structures reached, attendance rate, prototypes by stage, replications, deliverables by status and
open problems. A constant number of queries whatever the programme's size.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceStatus
from ateliers.models import Attendance, Session
from ateliers.services.rates import programme_rates_by_structure, programme_registrations
from lab.choices import Gender, PersonRole
from lab.infra.exports import XlsxWorkbook, csv_bytes
from livrables.choices import DeliverableStatus
from projets.choices import ReplicationStatus, Stage
from projets.models import FollowUpEntry, PrototypePage, Replication


@dataclass
class Indicators:
    programme: object
    start: object = None
    end: object = None
    workshops_held: int = 0
    half_days: int = 0
    participants: int = 0
    participants_by_role: list = field(default_factory=list)
    participants_by_gender: list = field(default_factory=list)
    structures_reached: int = 0
    attended: int = 0
    expected: int = 0
    prototypes_by_stage: list = field(default_factory=list)
    replications: list = field(default_factory=list)
    deliverables_by_status: list = field(default_factory=list)
    open_problems: int = 0
    rates_by_structure: list | None = None

    @property
    def attendance_rate(self):
        return round(100 * self.attended / self.expected) if self.expected else None

    def rows(self):
        """Every figure as (section, label, value) for CSV and XLSX."""
        yield ("Activité", "Ateliers tenus", self.workshops_held)
        yield ("Activité", "Demi-journées", self.half_days)
        yield ("Participation", "Participants uniques", self.participants)
        for label, value in self.participants_by_role:
            yield ("Participants par rôle", label, value)
        for label, value in self.participants_by_gender:
            yield ("Participants par genre", label, value)
        yield ("Participation", "Structures touchées", self.structures_reached)
        yield (
            "Participation",
            "Taux d'assiduité (%)",
            self.attendance_rate if self.attendance_rate is not None else "",
        )
        for label, value in self.prototypes_by_stage:
            yield ("Prototypes par stade", label, value)
        for label, value in self.replications:
            yield ("Essaimages", label, value)
        for label, value in self.deliverables_by_status:
            yield ("Livrables par statut", label, value)
        yield ("Suivi", "Problèmes ouverts", self.open_problems)


def _period(start, end, field_name):
    """The condition « ``field_name`` falls in [start, end] » (both optional)."""
    condition = Q()
    if start:
        condition &= Q(**{f"{field_name}__gte": start})
    if end:
        condition &= Q(**{f"{field_name}__lte": end})
    return condition


def compute(programme, start=None, end=None, today=None, *, by_structure=False):
    """The programme's indicators over [start, end] (both optional); only what has taken place counts.

    ``by_structure``: also each structure's attendance rate over the whole programme
    (``rates_by_structure``, as ``programme_rates_by_structure`` gives it), from the same queries."""
    today = today or timezone.localdate()
    result = Indicators(programme=programme, start=start, end=end)
    _attendance(result, programme, start, end, today, by_structure)
    _projects(result, programme)
    result.deliverables_by_status = _labelled(
        programme.deliverables.values("status").annotate(n=Count("pk")), "status", DeliverableStatus
    )
    return result


def _labelled(rows, key, choices):
    counts = {row[key]: row["n"] for row in rows}
    return [(label, counts[value]) for value, label in choices.choices if counts.get(value)]


def _attendance(result, programme, start, end, today, by_structure):
    """Three queries: the half-days held per workshop, the people present (``_present``) and the
    registrations expected at the half-days held; with ``by_structure``, the same queries also give each
    structure's rate over the whole programme (only its walk-ins are read apart)."""
    held = dict(
        Session.objects.filter(_period(start, end, "date"), workshop__programme=programme, date__lte=today)
        .values_list("workshop_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result.half_days = sum(held.values())
    result.workshops_held = len(held)
    attended_by_structure = _present(result, programme, start, end, today, by_structure)
    registrations = programme_registrations(programme)
    if not by_structure:
        per_workshop = (
            registrations.filter(workshop_id__in=held.keys()).values_list("workshop_id").annotate(n=Count("pk"))
        )
        result.expected = sum(n * held[workshop] for workshop, n in per_workshop.order_by())
        return
    # Per structure, each registration once per half-day held of its workshop (by a join: no row per
    # workshop), over the whole programme for the rates and over the period for the figures.
    done = Q(workshop__sessions__date__lte=today)
    expected, labels, result.expected = {}, {}, 0
    for structure, name, every, in_period in (
        registrations.values_list("structure_id", "structure__name")
        .annotate(
            n=Count("workshop__sessions", filter=done),
            p=Count("workshop__sessions", filter=done & _period(start, end, "workshop__sessions__date")),
        )
        .order_by()
    ):
        expected[structure], labels[structure] = every, name
        result.expected += in_period
    result.rates_by_structure = programme_rates_by_structure(
        programme, counted=(expected, labels, attended_by_structure)
    )


def _present(result, programme, start, end, today, by_structure):
    """The people present in the period, each counted once by role and gender, and their structures, from
    one query; with ``by_structure``, also the marks present per structure over the whole programme (those
    of active registrations, for the rates)."""
    # The marks are selected through the registration's workshop (an attendance's registration and
    # half-day are of the same workshop): SQLite then reads each registration's person once.
    present = Attendance.objects.filter(
        registration__workshop__programme=programme, session__date__lte=today, status=AttendanceStatus.PRESENT
    )
    in_period = _period(start, end, "session__date")
    counts = {"n": Count("pk", filter=in_period) if in_period else Count("pk")}
    if by_structure:
        counts["active"] = Count("pk", filter=Q(registration__status__in=ACTIVE_REGISTRATION_STATUSES))
    people, structures, by_structure = {}, set(), Counter() if by_structure else None
    for person, role, gender, structure, marks, *active in (
        present.values_list(
            "registration__person_id",
            "registration__person__role",
            "registration__person__gender",
            "registration__structure_id",
        )
        .annotate(**counts)
        .order_by()
    ):
        if active:
            by_structure[structure] += active[0]
        if marks:
            people[person] = (role, gender)
            structures.add(structure)
            result.attended += marks
    result.participants = len(people)
    result.participants_by_role = _labelled(_counts(role for role, _gender in people.values()), "key", PersonRole)
    result.participants_by_gender = _labelled(_counts(gender for _role, gender in people.values()), "key", Gender)
    result.structures_reached = len(structures)
    return by_structure


def _counts(values):
    """``[{"key": …, "n": …}]`` rows for ``_labelled``, from values counted in Python."""
    return [{"key": key, "n": n} for key, n in Counter(values).items()]


def _projects(result, programme):
    prototypes = PrototypePage.objects.live().descendant_of(programme)
    result.prototypes_by_stage = _labelled(prototypes.values("stage").annotate(n=Count("pk")), "stage", Stage)
    result.replications = _labelled(
        Replication.objects.filter(prototype__in=prototypes.values("pk"), is_approved=True)
        .values("status")
        .annotate(n=Count("pk")),
        "status",
        ReplicationStatus,
    )
    result.open_problems = FollowUpEntry.objects.open_problems().filter(project__programme=programme).count()


HEADER = ["Rubrique", "Indicateur", "Valeur"]


def export_csv(indicators):
    return csv_bytes(indicators.rows(), header=HEADER)


def export_xlsx(indicators):
    workbook = XlsxWorkbook()
    sheet = workbook.sheet("Indicateurs")
    sheet.append([indicators.programme.title])
    sheet.append(["Période", _period_label(indicators)])
    sheet.append([])
    sheet.append(HEADER, bold=True)
    sheet.extend(indicators.rows())
    return workbook.to_bytes()


def _period_label(indicators):
    start = indicators.start.strftime("%d/%m/%Y") if indicators.start else "début"
    end = indicators.end.strftime("%d/%m/%Y") if indicators.end else "aujourd'hui"
    return f"{start} – {end}"
