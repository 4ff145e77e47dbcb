"""The indicators funders ask for, per programme and period, computed with aggregate queries.

Workshops held, half-days, unique participants by role and by gender (FEDER/FSE indicators),
structures reached, attendance rate, prototypes by stage, replications, deliverables by status and
open problems. A constant number of queries whatever the programme's size.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceStatus
from ateliers.models import Attendance, Registration, Session
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


def _period(queryset, field_name, start, end):
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def compute(programme, start=None, end=None, today=None):
    """The programme's indicators over [start, end] (both optional); only what has taken place counts."""
    today = today or timezone.localdate()
    result = Indicators(programme=programme, start=start, end=end)
    _attendance(result, programme, start, end, today)
    _projects(result, programme)
    result.deliverables_by_status = _labelled(
        programme.deliverables.values("status").annotate(n=Count("pk")), "status", DeliverableStatus
    )
    return result


def _labelled(rows, key, choices):
    counts = {row[key]: row["n"] for row in rows}
    return [(label, counts[value]) for value, label in choices.choices if counts.get(value)]


def _attendance(result, programme, start, end, today):
    """Three queries: the half-days held per workshop, the people present (with their role, gender and
    structure, counted once each in Python), and the registrations expected at the half-days held."""
    sessions = _period(Session.objects.filter(workshop__programme=programme, date__lte=today), "date", start, end)
    held = dict(sessions.values("workshop_id").annotate(n=Count("pk")).order_by().values_list("workshop_id", "n"))
    result.half_days = sum(held.values())
    result.workshops_held = len(held)
    present = _period(
        Attendance.objects.filter(
            session__workshop__programme=programme, session__date__lte=today, status=AttendanceStatus.PRESENT
        ),
        "session__date",
        start,
        end,
    )
    people, structures, attended = {}, set(), 0
    for person, role, gender, structure, marks in (
        present.values_list(
            "registration__person_id",
            "registration__person__role",
            "registration__person__gender",
            "registration__structure_id",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        people[person] = (role, gender)
        structures.add(structure)
        attended += marks
    result.participants = len(people)
    result.participants_by_role = _labelled(_counts(role for role, _gender in people.values()), "key", PersonRole)
    result.participants_by_gender = _labelled(_counts(gender for _role, gender in people.values()), "key", Gender)
    result.structures_reached = len(structures)
    result.attended = attended
    registrations = (
        Registration.objects.filter(workshop_id__in=held.keys(), status__in=ACTIVE_REGISTRATION_STATUSES)
        .values("workshop_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result.expected = sum(row["n"] * held[row["workshop_id"]] for row in registrations)


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
