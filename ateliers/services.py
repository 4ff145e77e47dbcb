"""Business rules of the ateliers: registrations, attendance, rates, certificates, questionnaires.

Views and tasks call these functions; each one says what it does in the facilitators' terms.
"""

import csv
import datetime
import functools
import io
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ateliers.choices import (
    ACTIVE_REGISTRATION_STATUSES,
    AttendanceSource,
    AttendanceStatus,
    RegistrationStatus,
    WorkshopKind,
)
from ateliers.models import Attendance, Certificate, Registration, Session, Workshop
from lab.choices import PersonRole
from lab.infra import qrcodes
from lab.models import Person, ProgrammePage, Structure

CERTIFICATE_TEMPLATE = "ateliers/pdf/certificate.html"
SHEET_TEMPLATE = "ateliers/pdf/attendance_sheet.html"
#: Rows per printed page of the attendance sheet: each page is its own small table.
SHEET_ROWS_PER_PAGE = 12
#: Blank rows printed for walk-ins at the end of the sheet.
SHEET_BLANK_ROWS = 6


# --------------------------------------------------------------------------------------------
# Registrations
# --------------------------------------------------------------------------------------------


def _workshop_phrase(workshop):
    return _("ce labo") if workshop.kind == WorkshopKind.LABO else _("cet atelier")


def active_registrations(workshop):
    """The registrations that hold a seat (inscrit or confirmé): the rows of the attendance sheet."""
    return workshop.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES)


def registration_errors(registration):
    """What is wrong with ``registration`` under the workshop's rules, as form errors (empty if fine)."""
    workshop = registration.workshop
    structure_id = registration.structure_id or registration.person.structure_id
    structure = Structure.objects.get(pk=structure_id)
    errors = {}
    invited = [s.pk for s in workshop.invited_structures.all()]
    if invited and structure_id not in invited and not registration.is_walk_in:
        errors["structure"] = _("« %(structure)s » n'est pas invitée à %(workshop)s.") % {
            "structure": structure.name,
            "workshop": _workshop_phrase(workshop),
        }
    if registration.is_referent and registration.person.role != PersonRole.AGENT:
        errors["is_referent"] = _("Le ou la référente doit être un agent de la structure (%(name)s est %(role)s).") % {
            "name": registration.person,
            "role": registration.person.get_role_display().lower(),
        }
    active = registration.status in ACTIVE_REGISTRATION_STATUSES
    if active and workshop.max_per_structure is not None and not registration.is_walk_in:
        taken = active_registrations(workshop).filter(structure_id=structure_id).exclude(pk=registration.pk).count()
        if taken >= workshop.max_per_structure:
            errors["person"] = ngettext(
                "%(structure)s a déjà %(count)d inscrit : c'est le maximum pour %(workshop)s.",
                "%(structure)s a déjà %(count)d inscrits : c'est le maximum pour %(workshop)s.",
                taken,
            ) % {"structure": structure.name, "count": taken, "workshop": _workshop_phrase(workshop)}
    return errors


def _is_full(workshop, exclude_pk=None):
    if workshop.capacity is None:
        return False
    return active_registrations(workshop).exclude(pk=exclude_pk).count() >= workshop.capacity


@transaction.atomic
def register(workshop, person, *, user=None, structure=None, subgroup=None, is_referent=False, confirmed=False):
    """Register ``person`` to ``workshop`` for their structure (or ``structure``).

    Refuses, with a clear message, a structure already at its maximum or not invited; puts the
    person on the waiting list when the workshop is full.
    """
    if workshop.registrations.filter(person=person).exists():
        raise ValidationError(_("%(name)s est déjà inscrit·e à cet atelier.") % {"name": person})
    status = RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.REGISTERED
    if _is_full(workshop):
        status = RegistrationStatus.WAITING
    registration = Registration(
        workshop=workshop,
        person=person,
        structure=structure or person.structure,
        subgroup=subgroup,
        is_referent=is_referent,
        status=status,
        registered_by=user,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def bulk_register(workshop, structure, people, *, user=None):
    """Register a structure's whole team in one step, or nobody if one of them cannot be.

    When the workshop asks for an agent as referent and the structure has none yet, the first agent
    of the team becomes the referent; a team without any agent is refused.
    """
    people = [p for p in people if not workshop.registrations.filter(person=p).exists()]
    if not people:
        raise ValidationError(_("Toutes ces personnes sont déjà inscrites."))
    has_referent = active_registrations(workshop).filter(structure=structure, is_referent=True).exists()
    referent = None
    if workshop.require_agent_referent and not has_referent:
        referent = next((p for p in people if p.role == PersonRole.AGENT), None)
        if referent is None:
            raise ValidationError(
                _("L'équipe de %(structure)s doit compter au moins un agent, référent du projet.")
                % {"structure": structure.name}
            )
    taken = active_registrations(workshop).filter(structure=structure).count()
    if workshop.max_per_structure is not None and taken + len(people) > workshop.max_per_structure:
        raise ValidationError(
            _(
                "%(structure)s a déjà %(taken)d inscrit(s) : en ajouter %(count)d dépasserait le maximum "
                "de %(max)d pour %(workshop)s."
            )
            % {
                "structure": structure.name,
                "taken": taken,
                "count": len(people),
                "max": workshop.max_per_structure,
                "workshop": _workshop_phrase(workshop),
            }
        )
    return [
        register(workshop, person, user=user, structure=structure, is_referent=person == referent) for person in people
    ]


@transaction.atomic
def cancel_registration(registration, *, excused=False):
    """Cancel (or excuse) a registration and give its seat to the first person on the waiting list."""
    registration.status = RegistrationStatus.EXCUSED if excused else RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    return promote_waiting_list(registration.workshop)


def promote_waiting_list(workshop):
    """Move people from the waiting list to registered, in order of arrival, while seats are free."""
    promoted = []
    for registration in workshop.registrations.filter(status=RegistrationStatus.WAITING).order_by("registered_at"):
        if _is_full(workshop):
            break
        if registration_errors(registration):
            continue
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        promoted.append(registration)
    return promoted


def invited_without_registration(workshop):
    """The invited structures that have not registered anyone yet (to chase them)."""
    registered = active_registrations(workshop).values("structure_id")
    return workshop.invited_structures.exclude(pk__in=registered).order_by("name")


def structure_warnings(workshop):
    """Structures below the workshop's minimum, or without an agent referent when one is required."""
    counts = {
        row["structure_id"]: row
        for row in active_registrations(workshop)
        .values("structure_id", "structure__name")
        .annotate(n=Count("pk"), referents=Count("pk", filter=Q(is_referent=True, person__role=PersonRole.AGENT)))
    }
    warnings = []
    for row in counts.values():
        if workshop.min_per_structure and row["n"] < workshop.min_per_structure:
            warnings.append(
                _("%(structure)s : %(n)d inscrit(s), le minimum est %(min)d.")
                % {"structure": row["structure__name"], "n": row["n"], "min": workshop.min_per_structure}
            )
        if workshop.require_agent_referent and not row["referents"]:
            warnings.append(_("%(structure)s : aucun agent référent désigné.") % {"structure": row["structure__name"]})
    return sorted(warnings)


# --------------------------------------------------------------------------------------------
# Attendance
# --------------------------------------------------------------------------------------------


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

    Refuses someone who is not (or no longer) registered to the session's workshop.
    """
    if registration.workshop_id != session.workshop_id or registration.status not in ACTIVE_REGISTRATION_STATUSES:
        raise ValidationError(
            _("%(name)s n'est pas inscrit·e à cet atelier : inscrivez la personne avant de noter sa présence.")
            % {"name": registration.person}
        )
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Présence inconnue : %(status)s.") % {"status": status})
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={"status": status, "recorded_by": user, "source": source},
    )
    return attendance


@transaction.atomic
def add_walk_in(workshop, *, first_name, last_name, structure, user=None, session=None, role=PersonRole.HABITANT):
    """Register someone who came without registration, in a few seconds, and mark them present."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise ValidationError(_("Indiquez le prénom et le nom de la personne."))
    person = Person.objects.filter(
        structure=structure, first_name__iexact=first_name, last_name__iexact=last_name
    ).first() or Person.objects.create(first_name=first_name, last_name=last_name, structure=structure, role=role)
    registration = workshop.registrations.filter(person=person).first()
    if registration is None:
        registration = Registration.objects.create(
            workshop=workshop,
            person=person,
            structure=structure,
            is_walk_in=True,
            status=RegistrationStatus.CONFIRMED,
            registered_by=user,
        )
    elif registration.status not in ACTIVE_REGISTRATION_STATUSES:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
    if session is not None:
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


def _rates(registrations, sessions, key, label):
    """Rates grouped by ``key`` over ``registrations``: two aggregate queries."""
    held = dict(held_sessions(sessions).values("workshop_id").annotate(n=Count("pk")).values_list("workshop_id", "n"))
    expected, labels = Counter(), {}
    for row in registrations.values(key, label, "workshop_id").annotate(n=Count("pk")):
        expected[row[key]] += row["n"] * held.get(row["workshop_id"], 0)
        labels[row[key]] = row[label]
    # The sessions as EXISTS, not IN: with two IN lists SQLite probes every (registration, session)
    # pair of the unique index (9,600 × 420 for a 200-workshop programme, 1 s); this reads each
    # registration's marks once (bench/indicators.py).
    attended = dict(
        Attendance.objects.filter(
            Exists(held_sessions(sessions).filter(pk=OuterRef("session_id"))),
            registration__in=registrations.values("pk"),
            status=AttendanceStatus.PRESENT,
        )
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


def programme_rates_by_structure(programme):
    """Each structure's attendance rate over every workshop of a programme."""
    return _rates(
        Registration.objects.filter(workshop__programme=programme, status__in=ACTIVE_REGISTRATION_STATUSES),
        Session.objects.filter(workshop__programme=programme),
        "structure_id",
        "structure__name",
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


def structure_attendance_section(structure, user):
    """The attendance section of a structure's admin page: only the workshops ``user`` may see."""
    from lab.scope import VIEW, scope_for

    workshops = scope_for(user).filter(Workshop.objects.filter(registrations__structure=structure), VIEW)
    return {
        "template": "ateliers/admin/structure_attendance.html",
        "context": structure_attendance(structure, workshops),
    }


# --------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------


def _session_dates(sessions):
    days = sorted({s.date for s in sessions})
    if not days:
        return ""
    if len(days) == 1:
        return date_format(days[0], "j F Y")
    return _("du %(start)s au %(end)s") % {
        "start": date_format(days[0], "j F Y"),
        "end": date_format(days[-1], "j F Y"),
    }


class _AttendanceBook:
    """Everything needed to certify a set of workshops, loaded in a fixed number of queries."""

    def __init__(self, programme, workshop=None, structure=None, person=None, today=None):
        if workshop is not None and workshop.programme_id == programme.pk:
            self.workshops = {workshop.pk: workshop}  # the caller's, already loaded and scoped
        else:
            workshops = Workshop.objects.filter(programme=programme)
            if workshop is not None:
                workshops = workshops.filter(pk=workshop.pk)
            self.workshops = {w.pk: w for w in workshops}
        self.held = defaultdict(list)
        for session in held_sessions(Session.objects.filter(workshop__in=self.workshops), today):
            self.held[session.workshop_id].append(session)
        registrations = Registration.objects.filter(
            workshop__in=self.workshops, status__in=ACTIVE_REGISTRATION_STATUSES
        ).select_related("person", "structure")
        if structure is not None:
            registrations = registrations.filter(structure=structure)
        if person is not None:
            registrations = registrations.filter(person=person)
        self.registrations = list(registrations.order_by("structure__name", "person__last_name", "person__first_name"))
        self.present = defaultdict(set)
        for registration_id, session_id in Attendance.objects.filter(
            registration__in=[r.pk for r in self.registrations], status=AttendanceStatus.PRESENT
        ).values_list("registration_id", "session_id"):
            self.present[registration_id].add(session_id)

    def person_lines(self):
        """(person, structure) → attended, expected, sessions attended."""
        lines = {}
        for registration in self.registrations:
            held = self.held.get(registration.workshop_id, [])
            attended = [s for s in held if s.pk in self.present[registration.pk]]
            key = (registration.person, registration.structure)
            line = lines.setdefault(key, {"attended": 0, "expected": 0, "sessions": []})
            line["attended"] += len(attended)
            line["expected"] += len(held)
            line["sessions"].extend(attended)
        return lines


def _base_data(programme, workshop, sessions):
    return {
        "programme": programme.title,
        "programme_reference": programme.reference,
        "workshop": workshop.title if workshop else "",
        "workshop_kind": workshop.get_kind_display() if workshop else "",
        "place": workshop.place if workshop else "",
        "dates": _session_dates(sessions),
        "facilitator": (workshop.facilitator_name if workshop else "") or "",
    }


def _person_data(programme, workshop, person, structure, line):
    attended = sorted(line["sessions"], key=lambda s: (s.date, s.half_day))
    return {
        **_base_data(programme, workshop, line["sessions"]),
        "kind": "person",
        "subject": str(person),
        "structure": structure.name,
        "role": person.get_role_display(),
        "attended": line["attended"],
        "expected": line["expected"],
        "sessions": [str(s) for s in attended],
        "days": _attended_days(attended),
        "session_ids": sorted(s.pk for s in line["sessions"]),
    }


def _attended_days(sessions):
    """The half-days ``sessions`` (in order), one line a day: « mardi 5 octobre 2021, matin et après-midi »."""
    days = defaultdict(list)
    for session in sessions:
        days[session.date].append(session.get_half_day_display().lower())
    conjunction = _("et")
    return [f"{date_format(day, 'l j F Y')}, {get_text_list(halves, conjunction)}" for day, halves in days.items()]


def _structure_data(programme, workshop, structure, people):
    attended = sum(line["attended"] for _p, line in people)
    expected = sum(line["expected"] for _p, line in people)
    sessions = [s for _p, line in people for s in line["sessions"]]
    return {
        **_base_data(programme, workshop, sessions),
        "kind": "structure",
        "subject": structure.name,
        "structure": structure.name,
        "attended": attended,
        "expected": expected,
        "people": [
            {
                "name": str(person),
                "role": person.get_role_display(),
                "attended": line["attended"],
                "expected": line["expected"],
            }
            for person, line in people
        ],
    }


#: Fields of the snapshot that, when changed, make a new version of the certificate.
#: Identifiers and counts only, so that the language a certificate was rendered in never matters.
_CERTIFIED_FIELDS = ("subject", "structure", "attended", "expected", "session_ids", "people", "workshop")


def _save_certificates(programme, workshop, subjects, user):
    """Create or reuse the certificates for ``subjects`` [(structure, person|None, data)].

    Unchanged certificates are returned as they are (frozen); changed ones get a new version and the
    old code verifies as superseded. Three queries plus one insert per new certificate.
    """
    current = Certificate.objects.filter(programme=programme, workshop=workshop, superseded_by__isnull=True)
    if len(subjects) <= 20:  # one person's or one structure's certificate: only its own rows, not 500
        subject_filter = Q()
        for structure, person, _data in subjects:
            subject_filter |= Q(structure=structure, person=person)
        current = current.filter(subject_filter)
    current = {(c.structure_id, c.person_id): c for c in current}
    result, superseded = [], []
    for structure, person, data in subjects:
        existing = current.get((structure.pk, person.pk if person else None))
        if existing and all(existing.data.get(k) == data.get(k) for k in _CERTIFIED_FIELDS):
            if workshop is not None:
                existing.workshop = workshop  # the same row, already loaded: rendering needs it
            result.append(existing)
            continue
        certificate = Certificate.objects.create(
            programme=programme,
            workshop=workshop,
            structure=structure,
            person=person,
            half_days_attended=data["attended"],
            half_days_expected=data["expected"],
            data=data,
            version=existing.version + 1 if existing else 1,
            issued_by=user,
        )
        if existing:
            existing.superseded_by = certificate
            superseded.append(existing)
        result.append(certificate)
    if superseded:
        Certificate.objects.bulk_update(superseded, ["superseded_by"])
    return result


def _no_attendance_error(name):
    return ValidationError(
        _("%(name)s n'a aucune présence enregistrée : impossible de délivrer un certificat d'assiduité.")
        % {"name": name}
    )


@transaction.atomic
def issue_person_certificate(programme, person, *, workshop=None, user=None):
    """The certificate of one person, for one workshop or the whole programme (frozen once issued)."""
    book = _AttendanceBook(programme, workshop=workshop, person=person)
    lines = book.person_lines()
    total = sum(line["attended"] for line in lines.values())
    if not lines or total == 0:
        raise _no_attendance_error(person)
    subjects = [
        (structure, p, _person_data(programme, workshop, p, structure, line)) for (p, structure), line in lines.items()
    ]
    return _save_certificates(programme, workshop, subjects[:1], user)[0]


@transaction.atomic
def issue_structure_certificate(programme, structure, *, workshop=None, user=None):
    """The certificate of a structure: each of its people and the structure's total."""
    book = _AttendanceBook(programme, workshop=workshop, structure=structure)
    people = [(person, line) for (person, _s), line in book.person_lines().items()]
    if sum(line["attended"] for _p, line in people) == 0:
        raise _no_attendance_error(structure)
    data = _structure_data(programme, workshop, structure, people)
    return _save_certificates(programme, workshop, [(structure, None, data)], user)[0]


@transaction.atomic
def issue_all_certificates(programme, *, workshop=None, user=None, include_structures=True):
    """Every certificate of a workshop (or the whole programme): each person who attended, then
    each structure. People without any attendance are left out."""
    book = _AttendanceBook(programme, workshop=workshop)
    lines = book.person_lines()
    subjects, by_structure = [], defaultdict(list)
    for (person, structure), line in lines.items():
        by_structure[structure].append((person, line))
        if line["attended"]:
            subjects.append((structure, person, _person_data(programme, workshop, person, structure, line)))
    if include_structures:
        for structure, people in sorted(by_structure.items(), key=lambda item: item[0].name):
            if sum(line["attended"] for _p, line in people):
                subjects.append((structure, None, _structure_data(programme, workshop, structure, people)))
    return _save_certificates(programme, workshop, subjects, user)


def qr_image(url):
    """A QR code of ``url`` as a PNG ``data:`` URI, one pixel per module (black on white).

    The certificate scales it up without smoothing (``image-rendering: pixelated``), so it prints
    sharp in black and white. A PNG rather than an SVG: WeasyPrint draws an SVG path of a few hundred
    segments on every page, which cost more than the rest of the certificate's drawing.
    """
    return qrcodes.png_data_uri(url)


def signature_url(workshop):
    """The media URL of the workshop's signature image, or ``""``."""
    if workshop is None or workshop.signature_id is None:
        return ""
    return workshop.signature.file.url


def programme_for_pdf(programme_id):
    """The programme with its logos and their renditions prefetched: a batch renders without queries."""
    return ProgrammePage.objects.prefetch_related("logos__image__renditions").get(pk=programme_id)


def certificate_documents(certificates, programme=None):
    """The PDF documents of ``certificates`` (data taken from their frozen snapshots)."""
    from lab.infra.pdf import PdfDocument

    certificates = list(certificates)
    if not certificates:
        return []
    programme = programme or programme_for_pdf(certificates[0].programme_id)
    signatures = {}
    documents = []
    for certificate in certificates:
        if certificate.workshop_id not in signatures:
            signatures[certificate.workshop_id] = signature_url(certificate.workshop) if certificate.workshop_id else ""
        url = certificate.get_verification_url()
        documents.append(
            PdfDocument(
                CERTIFICATE_TEMPLATE,
                {
                    "certificate": certificate,
                    "data": certificate.data,
                    "verification_url": url,
                    # Encoded when the template is rendered: in a large batch, by the process
                    # rendering that part, in parallel with the others (Django calls a callable).
                    "qr_image": functools.partial(qr_image, url),
                    "signature_url": signatures[certificate.workshop_id],
                },
                programme,
                numbered=False,
            )
        )
    return documents


def render_certificates(certificates, *, title, progress=None):
    """One PDF of ``certificates``, one page each, through the project's PDF path.

    ``progress(done, total)`` is called as parts of a large batch are finished (see
    ``lab.infra.pdf.render_pdf_batch``).
    """
    from lab.infra.pdf import render_pdf_batch

    # Untagged: a batch is hundreds of one-page certificates, and tags double the rendering time.
    documents = certificate_documents(certificates)
    return render_pdf_batch(documents, title=title, tagged=False, progress=progress)


# --------------------------------------------------------------------------------------------
# Attendance sheet
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Questionnaires
# --------------------------------------------------------------------------------------------


def _normalise(value):
    return unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().strip().lower()


def quiz_score(page, answers):
    """(points obtained, points possible) of a quiz answer, or None for an unscored questionnaire."""
    scored = [f for f in page.form_fields.all() if f.points and f.correct_answer]
    if not scored:
        return None
    obtained = 0
    for question in scored:
        answer = answers.get(question.clean_name)
        values = answer if isinstance(answer, list) else [answer]
        if any(_normalise(v) == _normalise(question.correct_answer) for v in values if v is not None):
            obtained += question.points
    return obtained, sum(f.points for f in scored)


NUMERIC_TYPES = {"number"}
CHOICE_TYPES = {"radio", "dropdown", "checkboxes", "checkbox"}


def questionnaire_synthesis(page):
    """Per question: the number of answers, the average of numbers, the count of each choice."""
    questions = list(page.form_fields.all())
    submissions = [s.form_data for s in page.get_submission_class().objects.filter(page=page)]
    synthesis = []
    for question in questions:
        answers = [s.get(question.clean_name) for s in submissions]
        answers = [a for a in answers if a not in (None, "", [])]
        item = {"question": question, "count": len(answers), "average": None, "choices": [], "texts": []}
        if question.field_type in NUMERIC_TYPES:
            numbers = []
            for answer in answers:
                try:
                    numbers.append(float(str(answer).replace(",", ".")))
                except ValueError:
                    continue
            item["average"] = round(sum(numbers) / len(numbers), 2) if numbers else None
        elif question.field_type in CHOICE_TYPES:
            counter = Counter()
            for answer in answers:
                for value in answer if isinstance(answer, list) else [answer]:
                    counter[str(value)] += 1
            options = [c.strip() for c in re.split(r"[,\n]", question.choices) if c.strip()] or list(counter)
            item["choices"] = [(option, counter.get(option, 0)) for option in options]
            # Scales written as numbers (« 1, 2, 3, 4, 5 ») also get an average.
            try:
                values = [float(a) for a in answers]
                item["average"] = round(sum(values) / len(values), 2) if values else None
            except (TypeError, ValueError):
                pass
        else:
            item["texts"] = [str(a) for a in answers]
        if question.points and question.correct_answer:
            item["correct"] = sum(1 for a in answers if _normalise(a) == _normalise(question.correct_answer))
        synthesis.append(item)
    scores = [quiz_score(page, s) for s in submissions]
    scores = [s for s in scores if s]
    return {
        "questions": synthesis,
        "submissions": len(submissions),
        "average_score": round(sum(s[0] for s in scores) / len(scores), 2) if scores else None,
        "max_score": scores[0][1] if scores else None,
    }


def bar_chart_svg(pairs, *, width=420, bar_height=18):
    """A horizontal bar chart as SVG markup (labels and counts), for screen and print alike."""
    from django.utils.html import escape

    pairs = list(pairs)
    top = max((n for _l, n in pairs), default=0) or 1
    label_width = 150
    height = bar_height * len(pairs) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">'
    ]
    for index, (label, count) in enumerate(pairs):
        y = 4 + index * bar_height
        bar = int((width - label_width - 40) * count / top)
        parts.append(f'<text x="0" y="{y + 12}">{escape(str(label)[:24])}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 2}" width="{bar}" height="{bar_height - 6}" fill="#1d4e89"/>')
        parts.append(f'<text x="{label_width + bar + 4}" y="{y + 12}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def questionnaire_csv(page):
    """Every answer of a questionnaire as CSV text (one row per submission, one column per question)."""
    questions = list(page.form_fields.all())
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow([_("Date"), *[q.label for q in questions], _("Score")])
    for submission in page.get_submission_class().objects.filter(page=page).order_by("submit_time"):
        data = submission.form_data
        row = [timezone.localtime(submission.submit_time).strftime("%d/%m/%Y %H:%M")]
        for question in questions:
            value = data.get(question.clean_name, "")
            value = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            if value[:1] in ("=", "+", "-", "@"):  # never let a spreadsheet run an answer as a formula
                value = "'" + value
            row.append(value)
        score = quiz_score(page, data)
        row.append(f"{score[0]}/{score[1]}" if score else "")
        writer.writerow(row)
    return output.getvalue()


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


def month_grid(programme, year, month, workshops=None):
    """Weeks × days of a month, each day with the workshops having a half-day on it."""
    import calendar

    sessions = Session.objects.filter(workshop__programme=programme, date__year=year, date__month=month).select_related(
        "workshop"
    )
    if workshops is not None:
        sessions = sessions.filter(workshop__in=workshops)
    by_day = defaultdict(list)
    for session in sessions:
        if session.workshop not in by_day[session.date]:
            by_day[session.date].append(session.workshop)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [{"date": day, "in_month": day.month == month, "workshops": by_day.get(day, [])} for day in week]
        for week in weeks
    ]


def timeline(programme, *, published_only=False):
    """Workshops of a programme in date order, with their half-days: the planning détaillé."""
    workshops = (
        Workshop.objects.filter(programme=programme).prefetch_related("sessions").order_by("start_date", "title")
    )
    if published_only:
        workshops = workshops.filter(published=True)
    items = []
    for workshop in workshops:
        sessions = list(workshop.sessions.all())
        first = min((s.date for s in sessions), default=workshop.start_date)
        last = max((s.date for s in sessions), default=workshop.end_date)
        items.append({"workshop": workshop, "sessions": sessions, "start": first, "end": last})
    items.sort(key=lambda item: (item["start"] or datetime.date.max, item["workshop"].title))
    return items
