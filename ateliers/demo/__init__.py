"""The ateliers' demo: every workshop named in the seeds, the Design PALAS labos with registrations,
attendance, certificates, a validated report and a questionnaire, and the 2017 Lille hackathon.

Idempotent: workshops are looked up by programme and title, pages by slug, before anything is made.
"""

import datetime

from django.db import transaction

from ateliers.builders import add_questionnaire, add_report, report_workflow
from ateliers.choices import (
    AttendanceStatus,
    HalfDay,
    QuestionnaireKind,
    SubGroupKind,
    WorkshopFormat,
    WorkshopKind,
)
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
from ateliers.services.attendance import add_walk_in, held_sessions, mark_attendance
from ateliers.services.certificates import issue_all_certificates
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

HACKATHON_TEAMS = [
    (
        "Équipe 1 – Agenda partagé des activités",
        "Application d'agenda des activités du centre social",
        1,
        "Prix du jury",
    ),
    ("Équipe 2 – Carte des services du quartier", "Carte interactive des services de proximité", 2, "Mention spéciale"),
    ("Équipe 3 – Entraide numérique", "Plateforme d'entraide entre habitants", None, ""),
    ("Équipe 4 – Inscriptions en ligne", "Formulaire d'inscription aux ateliers", None, ""),
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
    _report(context, programme, labo)
    _questionnaire(programme, labo)


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
    for session in sessions[3:]:
        mark_attendance(walk_in, session, AttendanceStatus.PRESENT, user=facilitator)


def _report(context, programme, labo):
    report_workflow(programme)
    slug = "compte-rendu-labo-itinerant-1"
    if labo is None or ReportPage.objects.filter(slug=slug).exists():
        return
    body = [
        {
            "type": "text",
            "value": "<p>Trois jours d'ateliers en sous-groupes thématiques et un forum collectif ont réuni les "
            "équipes projet des CCAS de Mayotte et de l'UDCCAS.</p>",
        },
        {
            "type": "decisions",
            "value": [
                "Chaque CCAS retient une thématique prioritaire et une thématique secondaire.",
                "Les feuilles de route seront mises à jour avant le labo n°2.",
            ],
        },
        {
            "type": "quote",
            "value": {"quote": "On repart avec un projet concret pour notre commune.", "author": "Un agent de CCAS"},
        },
        {
            "type": "next_steps",
            "value": [
                {
                    "action": "Intersession à distance avec chaque équipe projet",
                    "owner": "Équipe design",
                    "due": "2021-12-15",
                },
                {"action": "Préparer les maquettes à tester", "owner": "Équipes projet des CCAS", "due": "2022-02-28"},
            ],
        },
    ]
    # Validated by the coordination before publication (the demo records the approved revision).
    coordination = context.user("coordination", first_name="Claude", last_name="Coordination")
    add_report(
        programme,
        title="Compte-rendu du Labo itinérant n°1",
        slug=slug,
        workshop=labo,
        date=labo.end_date,
        summary="Synthèse des trois jours du premier labo itinérant : thématiques retenues, décisions, prochaines étapes.",
        body=body,
        user=coordination,
    )


def _questionnaire(programme, labo):
    slug = "questionnaire-labo-itinerant-1"
    if labo is None or QuestionnairePage.objects.filter(slug=slug).exists():
        return
    page = add_questionnaire(
        programme,
        title="Questionnaire de fin de labo n°1",
        slug=slug,
        workshop=labo,
        kind=QuestionnaireKind.QUIZ,
        intro="<p>Quelques questions pour améliorer les prochains labos (anonyme, 2 minutes).</p>",
        thank_you_text="<p>Merci ! Vos réponses nourrissent la préparation du labo n°2.</p>",
        questions=[
            {
                "label": "Satisfaction globale",
                "field_type": "radio",
                "choices": "1\n2\n3\n4\n5",
                "help_text": "1 : pas du tout satisfait·e, 5 : très satisfait·e",
            },
            {
                "label": "Combien de demi-journées compte un labo ?",
                "field_type": "radio",
                "choices": "4\n6\n8",
                "correct_answer": "6",
                "points": 1,
            },
            {"label": "Ce que vous retenez", "field_type": "multiline", "required": False},
        ],
    )
    fields = {f.sort_order: f.clean_name for f in page.form_fields.all()}
    submission_class = page.get_submission_class()
    retained = ["La méthode du design", "Le forum collectif", "", "Les échanges entre CCAS", ""]
    for n in range(12):
        submission_class.objects.create(
            page=page,
            form_data={fields[0]: str(3 + n % 3), fields[1]: "6" if n % 4 else "8", fields[2]: retained[n % 5]},
        )


def _hackathon(programme, workshops, facilitator):
    workshop = workshops.get((LILLE_2017, "Hackathon « Centres Sociaux Connectés »"))
    if workshop is None or workshop.sessions.exists():
        return
    workshop.kind = WorkshopKind.HACKATHON
    workshop.jury_members = "\n".join(HACKATHON_JURY)
    workshop.jury_deliberation = (
        "Le jury a retenu l'agenda partagé pour sa simplicité d'usage par les habitants et la carte des services "
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
    for order, (name, prototype, rank, result) in enumerate(HACKATHON_TEAMS):
        SubGroup.objects.create(
            workshop=workshop,
            kind=SubGroupKind.TEAM,
            name=name,
            prototype=prototype,
            sort_order=order,
            facilitator_names="Équipe d'animation du hackathon",
            jury_rank=rank,
            jury_result=result,
        )
    structures = list(Structure.objects.filter(programmes=programme).order_by("name"))
    _register_and_attend(workshop, structures, facilitator, per_structure=lambda index: 2)
