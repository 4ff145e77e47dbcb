"""The ateliers' demo: every workshop named in the seeds, the Design PALAS labos with registrations,
attendance, certificates, a validated report and a questionnaire, and the 2017 Lille hackathon.

Idempotent: workshops are looked up by programme and title, pages by slug, before anything is made.
"""

import datetime

from django.db import transaction

from ateliers.choices import (
    AttendanceStatus,
    HalfDay,
    SubGroupKind,
    WorkshopFormat,
    WorkshopKind,
)
from ateliers.demo.pages import add_demo_questionnaire, add_demo_report
from ateliers.demo.public_events import open_public_events
from ateliers.models import (
    Attendance,
    AttendanceChange,
    Certificate,
    CertificateBatch,
    QuestionnairePage,
    Registration,
    ReportPage,
    Session,
    SignedSheet,
    SubGroup,
    Workshop,
)
from ateliers.services.attendance import add_walk_in, mark_attendance
from ateliers.services.certificates import issue_all_certificates
from ateliers.services.rates import held_sessions
from ateliers.services.registrations import register
from lab.choices import PersonRole
from lab.demo.reader import read
from lab.models import Person, ProgrammePage, Structure

PALAS = "design-palas-labo-2021"
LILLE_2017 = "csc-lrt-2017"

#: Dates chosen for the demo where the seeds give none (the seeds say « en 2021 », « en 2021 ou 2022 »).
PALAS_SCHEDULE = {
    "Kick-off meeting – journée de lancement": (datetime.date(2021, 5, 18), 1),
    "Phase 1 – Immersion : visite immersive à Mayotte": (datetime.date(2021, 6, 14), 2),
    "Labo itinérant n°1": (datetime.date(2021, 10, 5), 3),
    "Labo itinérant n°2": (datetime.date(2022, 3, 15), 3),
}
SUBGROUPS = ["Accueil et accès aux droits", "Inclusion numérique", "Insertion et emploi"]
#: Deterministic marks: most people come, a few are absent or excused.
MARKS = [AttendanceStatus.PRESENT] * 7 + [AttendanceStatus.ABSENT, AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED]

#: The teams of the 2017 hackathon, each around one of the demo prototypes of projets (which links the
#: team to the fiche of that title), their rank, prize and the jury's word.
HACKATHON_TEAMS = [
    (
        "Équipe 1 – Panneau d'affichage",
        "Le panneau d'affichage numérique du quartier (démo)",
        1,
        "Prix du jury",
        "Un outil que les bénévoles s'approprient dès le premier jour : l'écran de l'accueil était à jour le soir même.",
    ),
    (
        "Équipe 2 – Boîte à idées",
        "La boîte à idées des habitants (démo)",
        2,
        "Mention « pouvoir d'agir »",
        "Simple à essaimer : un formulaire et un tableau partagé suffisent pour commencer.",
    ),
    ("Équipe 3 – Carnet de liaison", "Le carnet de liaison parents–animateurs (démo)", 3, "", ""),
    ("Équipe 4 – Inscriptions en ligne", "Formulaire d'inscription aux ateliers", None, "", ""),
]
HACKATHON_JURY = [
    "Représentant·e de la Fédération des centres sociaux du Nord",
    "Représentant·e de la CAF du Nord",
    "Représentant·e de la Métropole européenne de Lille",
    "Habitant·e bénévole d'un centre social",
]


def reset():
    """Remove the ateliers' data (before the core domain's people and programmes are removed)."""
    for model in (SignedSheet, AttendanceChange, CertificateBatch, Certificate, Attendance, Registration):
        model.objects.all().delete()
    for model in (ReportPage, QuestionnairePage):
        for page in model.objects.all():
            page.delete()
    Workshop.objects.all().delete()


@transaction.atomic
def load(context):
    programmes = {p.slug: p for p in ProgrammePage.objects.all()}
    facilitator = context.user("facilitation", first_name="Alix", last_name="Facilitation")
    workshops = {}
    for key, entries in read(__file__, "workshops").items():
        programme = programmes.get(key)
        if programme is None:
            continue
        for entry in entries:
            workshops[(key, entry["title"])] = _workshop(programme, entry, facilitator)
    if PALAS in programmes:
        _palas(context, programmes[PALAS], workshops, facilitator)
    if LILLE_2017 in programmes:
        _hackathon(programmes[LILLE_2017], workshops, facilitator)
    open_public_events(workshops)
    context.log(
        f"Ateliers : {Workshop.objects.count()} ateliers, {Session.objects.count()} demi-journées, "
        f"{Registration.objects.count()} inscriptions, {Attendance.objects.count()} présences, "
        f"{Certificate.objects.count()} certificats."
    )


def _workshop(programme, entry, facilitator):
    workshop = Workshop.objects.filter(programme=programme, title=entry["title"]).first()
    if workshop is not None:
        return workshop
    start, days = PALAS_SCHEDULE.get(entry["title"], (None, None))
    if entry.get("start"):
        start, days = datetime.date.fromisoformat(entry["start"]), entry.get("days")
    kind = entry["kind"] if entry["kind"] in WorkshopKind.values else WorkshopKind.ATELIER
    place = entry.get("place", "")
    workshop = Workshop(
        programme=programme,
        kind=kind,
        title=entry["title"],
        description=entry.get("notes", ""),
        place=place,
        format=WorkshopFormat.REMOTE
        if place == "À distance" or kind == WorkshopKind.INTERSESSION
        else WorkshopFormat.ONSITE,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1) if start and days else None,
        facilitator_name="Alix Facilitation (équipe design)",
        published=start is not None,
    )
    if kind == WorkshopKind.LABO:
        workshop.min_per_structure, workshop.max_per_structure, workshop.require_agent_referent = 1, 3, True
    workshop.full_clean()
    workshop.save()
    workshop.facilitators.add(facilitator)
    workshop.invited_structures.set(programme.structures.all())
    workshop.save()
    if start and days and kind != WorkshopKind.HACKATHON:
        for day in range(days):
            for half_day in (HalfDay.MORNING, HalfDay.AFTERNOON):
                label = (
                    "Forum collectif"
                    if kind == WorkshopKind.LABO and day == days - 1 and half_day == HalfDay.AFTERNOON
                    else ""
                )
                Session.objects.create(
                    workshop=workshop,
                    date=start + datetime.timedelta(days=day),
                    half_day=half_day,
                    start_time=datetime.time(8, 30) if half_day == HalfDay.MORNING else datetime.time(13, 30),
                    end_time=datetime.time(12, 0) if half_day == HalfDay.MORNING else datetime.time(16, 30),
                    label=label,
                )
    if kind == WorkshopKind.LABO:
        for order, name in enumerate(SUBGROUPS):
            SubGroup.objects.create(workshop=workshop, name=name, kind=SubGroupKind.SUBGROUP, sort_order=order)
    return workshop


def _register_and_attend(workshop, structures, facilitator, *, per_structure):
    """Register 1 to 3 people per structure (an agent first, as referent) and mark the past half-days."""
    if workshop.registrations.exists():
        return
    subgroups = list(workshop.subgroups.all())
    sessions = list(held_sessions(workshop.sessions.all()))
    people = {}
    for person in Person.objects.filter(structure__in=structures).order_by("pk"):
        people.setdefault(person.structure_id, []).append(person)
    n = 0
    for index, structure in enumerate(structures):
        team = people.get(structure.pk, [])[: per_structure(index)]
        team.sort(key=lambda p: p.role != PersonRole.AGENT)
        for rank, person in enumerate(team):
            registration = register(
                workshop,
                person,
                user=facilitator,
                structure=structure,
                is_referent=rank == 0 and person.role == PersonRole.AGENT,
                subgroup=subgroups[(index + rank) % len(subgroups)] if subgroups else None,
                confirmed=True,
            )
            for session in sessions:
                mark_attendance(registration, session, MARKS[n % len(MARKS)], user=facilitator)
                n += 1


def _palas(context, programme, workshops, facilitator):
    structures = list(Structure.objects.filter(programmes=programme).order_by("name"))
    for title in PALAS_SCHEDULE:
        workshop = workshops.get((PALAS, title))
        if workshop is None:
            continue
        per_structure = (lambda index: 1 + index % 3) if workshop.kind == WorkshopKind.LABO else (lambda index: 1)
        _register_and_attend(workshop, structures, facilitator, per_structure=per_structure)
    labo = workshops.get((PALAS, "Labo itinérant n°1"))
    if labo is not None and labo.sessions.exists():
        from ateliers.demo.scan import add_signed_sheet

        add_signed_sheet(labo.sessions.first(), facilitator)
        _walk_in_over_limit(labo, structures, facilitator)
    if labo is not None and not labo.certificates.exists():
        issue_all_certificates(programme, workshop=labo, user=facilitator)
    add_demo_report(context, programme, labo)
    add_demo_questionnaire(programme, labo)


def _walk_in_over_limit(labo, structures, facilitator):
    """A walk-in on the labo's second day, from a CCAS already at its maximum: added with a reason, it
    shows in « À vérifier » on the workshop dashboard and counts from that half-day only."""
    if labo.max_per_structure is None or labo.registrations.filter(is_walk_in=True).exists():
        return
    sessions = list(held_sessions(labo.sessions.all()))
    full = next(
        (s for s in structures if labo.registrations.filter(structure=s).count() >= labo.max_per_structure), None
    )
    if full is None or len(sessions) < 3:
        return
    walk_in = add_walk_in(
        labo,
        first_name="Zaïnaba",
        last_name="Madi",
        structure=full,
        session=sessions[2],
        user=facilitator,
        role=PersonRole.AGENT,
        over_limit_reason="Remplace la référente absente le deuxième jour ; accord de la coordination UNCCAS.",
    )
    # A demo address, like every demo person's (no real contact ever).
    Person.objects.filter(pk=walk_in.person_id).update(email="zainaba.madi@exemple.invalid")
    for session in sessions[3:]:
        mark_attendance(walk_in, session, AttendanceStatus.PRESENT, user=facilitator)


def _hackathon(programme, workshops, facilitator):
    workshop = workshops.get((LILLE_2017, "Hackathon « Centres Sociaux Connectés »"))
    if workshop is None or workshop.sessions.exists():
        return
    workshop.kind = WorkshopKind.HACKATHON
    workshop.jury_members = "\n".join(HACKATHON_JURY)
    workshop.jury_deliberation = (
        "Le jury a retenu le panneau d'affichage pour sa simplicité d'usage par les habitants et la boîte à idées "
        "pour son potentiel d'essaimage."
    )
    workshop.save()
    Session.objects.create(
        workshop=workshop,
        date=datetime.date(2017, 11, 3),
        half_day=HalfDay.AFTERNOON,
        start_time=datetime.time(16, 30),
        end_time=datetime.time(20, 30),
        label="Présentation, équipes, immersion",
    )
    Session.objects.create(
        workshop=workshop,
        date=datetime.date(2017, 11, 4),
        half_day=HalfDay.MORNING,
        start_time=datetime.time(8, 0),
        end_time=datetime.time(12, 30),
        label="Prototypage",
    )
    Session.objects.create(
        workshop=workshop,
        date=datetime.date(2017, 11, 4),
        half_day=HalfDay.AFTERNOON,
        start_time=datetime.time(13, 30),
        end_time=datetime.time(22, 0),
        label="Résultats, jury, clôture",
    )
    for order, (name, prototype, rank, result, comment) in enumerate(HACKATHON_TEAMS):
        SubGroup.objects.create(
            workshop=workshop,
            kind=SubGroupKind.TEAM,
            name=name,
            prototype=prototype,
            sort_order=order,
            facilitator_names="Équipe d'animation du hackathon",
            jury_rank=rank,
            jury_result=result,
            jury_comment=comment,
        )
    structures = list(Structure.objects.filter(programmes=programme).order_by("name"))
    _register_and_attend(workshop, structures, facilitator, per_structure=lambda index: 2)
