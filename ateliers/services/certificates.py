"""Certificates of attendance: issued from the attendance (frozen once issued) and rendered as PDF."""

import functools
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, AttendanceStatus
from ateliers.models import Attendance, Certificate, Registration, Session, Workshop
from ateliers.services.attendance import expected_sessions
from ateliers.services.rates import held_sessions
from lab.infra import qrcodes
from lab.infra.french import long_date
from lab.models import ProgrammePage

CERTIFICATE_TEMPLATE = "ateliers/pdf/certificate.html"


def _session_dates(sessions):
    days = sorted({s.date for s in sessions})
    if not days:
        return ""
    if len(days) == 1:
        return long_date(days[0])
    return _("du %(start)s au %(end)s") % {
        "start": long_date(days[0]),
        "end": long_date(days[-1]),
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
        ).select_related("person", "structure", "expected_from")
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
            held = expected_sessions(registration, self.held.get(registration.workshop_id, []))
            attended = [s for s in held if s.pk in self.present[registration.pk]]
            key = (registration.person, registration.structure)
            line = lines.setdefault(key, {"attended": 0, "expected": 0, "sessions": []})
            line["attended"] += len(attended)
            line["expected"] += len(held)
            line["sessions"].extend(attended)
        return lines


class _Labels:
    """The words a batch writes hundreds of times (a half-day, a role, a span of dates), each made once
    per issue: Django looks a field's choices up again at every ``get_FOO_display``, and 500 people
    share six half-days, one role and a few spans (issuing 525 certificates: 166 → 55 ms)."""

    def __init__(self, programme, workshop):
        self.programme = programme
        self.workshop = workshop
        self._sessions, self._halves, self._roles, self._bases = {}, {}, {}, {}

    def session(self, session):
        """« mardi 5 octobre 2021, matin »."""
        if session.pk not in self._sessions:
            self._sessions[session.pk] = str(session)
        return self._sessions[session.pk]

    def half_day(self, session):
        if session.half_day not in self._halves:
            self._halves[session.half_day] = session.get_half_day_display().lower()
        return self._halves[session.half_day]

    def role(self, person):
        if person.role not in self._roles:
            self._roles[person.role] = person.get_role_display()
        return self._roles[person.role]

    def base(self, sessions):
        """What every certificate of the issue says of the programme and workshop, for these sessions' dates."""
        dates = frozenset(s.date for s in sessions)
        if dates not in self._bases:
            programme, workshop = self.programme, self.workshop
            self._bases[dates] = {
                "programme": programme.title,
                "programme_reference": programme.reference,
                "workshop": workshop.title if workshop else "",
                "workshop_kind": workshop.get_kind_display() if workshop else "",
                "place": workshop.place if workshop else "",
                "dates": _session_dates(sessions),
                "facilitator": (workshop.facilitator_name if workshop else "") or "",
            }
        return self._bases[dates]

    def days(self, sessions):
        """The half-days ``sessions`` (in order), one line a day: « mardi 5 octobre 2021, matin et après-midi »."""
        days = defaultdict(list)
        for session in sessions:
            days[session.date].append(self.half_day(session))
        conjunction = _("et")
        return [f"{long_date(day, weekday=True)}, {get_text_list(halves, conjunction)}" for day, halves in days.items()]


def _person_data(labels, person, structure, line):
    attended = sorted(line["sessions"], key=lambda s: (s.date, s.half_day))
    return {
        **labels.base(line["sessions"]),
        "kind": "person",
        "subject": str(person),
        "structure": structure.name,
        "role": labels.role(person),
        "attended": line["attended"],
        "expected": line["expected"],
        "sessions": [labels.session(s) for s in attended],
        "days": labels.days(attended),
        "session_ids": sorted(s.pk for s in line["sessions"]),
    }


def _structure_data(labels, structure, people):
    attended = sum(line["attended"] for _p, line in people)
    expected = sum(line["expected"] for _p, line in people)
    sessions = [s for _p, line in people for s in line["sessions"]]
    return {
        **labels.base(sessions),
        "kind": "structure",
        "subject": structure.name,
        "structure": structure.name,
        "attended": attended,
        "expected": expected,
        "people": [
            {
                "name": str(person),
                "role": labels.role(person),
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
    labels = _Labels(programme, workshop)
    subjects = [(structure, p, _person_data(labels, p, structure, line)) for (p, structure), line in lines.items()]
    return _save_certificates(programme, workshop, subjects[:1], user)[0]


@transaction.atomic
def issue_structure_certificate(programme, structure, *, workshop=None, user=None):
    """The certificate of a structure: each of its people and the structure's total."""
    book = _AttendanceBook(programme, workshop=workshop, structure=structure)
    people = [(person, line) for (person, _s), line in book.person_lines().items()]
    if sum(line["attended"] for _p, line in people) == 0:
        raise _no_attendance_error(structure)
    data = _structure_data(_Labels(programme, workshop), structure, people)
    return _save_certificates(programme, workshop, [(structure, None, data)], user)[0]


@transaction.atomic
def issue_all_certificates(programme, *, workshop=None, user=None, include_structures=True, include_people=True):
    """Every certificate of a workshop (or the whole programme): each person who attended, then
    each structure (or only the structures: one certificate per CCAS). People without any attendance
    are left out."""
    book = _AttendanceBook(programme, workshop=workshop)
    lines = book.person_lines()
    labels = _Labels(programme, workshop)
    subjects, by_structure = [], defaultdict(list)
    for (person, structure), line in lines.items():
        by_structure[structure].append((person, line))
        if include_people and line["attended"]:
            subjects.append((structure, person, _person_data(labels, person, structure, line)))
    if include_structures:
        for structure, people in sorted(by_structure.items(), key=lambda item: item[0].name):
            if sum(line["attended"] for _p, line in people):
                subjects.append((structure, None, _structure_data(labels, structure, people)))
    return _save_certificates(programme, workshop, subjects, user)


def issued_certificate(programme, *, workshop=None, person=None, structure=None):
    """The current certificate already issued for ``person`` (or ``structure``), or ``None``.

    Reading never issues: only ``issue_*_certificate`` (an explicit act) creates one.
    """
    current = Certificate.objects.filter(programme=programme, workshop=workshop, superseded_by__isnull=True)
    if person is not None:
        current = current.filter(person=person)
    else:
        current = current.filter(structure=structure, person__isnull=True)
    return current.select_related("workshop").order_by("-issued_at", "-pk").first()


def issued_subjects(programme, *, workshop=None):
    """The ids of the people and of the structures holding a current certificate (sets)."""
    rows = Certificate.objects.filter(programme=programme, workshop=workshop, superseded_by__isnull=True).values_list(
        "structure_id", "person_id"
    )
    people, structures = set(), set()
    for structure_id, person_id in rows:
        if person_id is None:
            structures.add(structure_id)
        else:
            people.add(person_id)
    return {"people": people, "structures": structures}


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
