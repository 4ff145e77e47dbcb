"""The realistic data set shared by the benches, built once per run with ``bulk_create``.

Issue 7's size: 5,000 resources in the commons, 200 workshops with 20,000 attendance marks (one
of them a forum of 200 participants over six half-days), 10,000 members of the Alertes SMS module,
on top of the demo (programmes, territories, the real structures). ``get()`` builds it on first
call and returns the same ``Dataset`` to every bench of the run.
"""

import datetime
import functools
import time
from dataclasses import dataclass

RESOURCES = 5_000
WORKSHOPS = 200
MARKS = 20_000
MEMBERS = 10_000
FORUM_PARTICIPANTS = 200
FORUM_HALF_DAYS = 6
PEOPLE = 2_000
STRUCTURES = 50
#: The password of the bench accounts (a throw-away database; the benches log in with force_login).
PASSWORD = "motdepasse"  # noqa: S105


@dataclass
class Dataset:
    programme: object
    theme: object
    forum: object  # the workshop of 200 participants
    small_programme: object  # the same shapes at a tenth of the size, for « constant queries »
    small_forum: object
    coordinator: object  # sees the big programme
    small_coordinator: object  # sees the small one
    members_structure: object
    members_admin: object
    small_members_admin: object
    marks: int
    seconds: float
    demo_seconds: float


def _pages(parent, count, prefix):
    """``count`` live pages under ``parent``, created in one statement (as an import would)."""
    from wagtail.models import Page

    start = parent.numchild + 1
    Page.objects.bulk_create(
        [
            Page(
                title=f"Ressource de banc {i}",
                draft_title=f"Ressource de banc {i}",
                slug=f"{prefix}-{i}",
                path=Page._get_path(parent.path, parent.depth + 1, start + i),
                depth=parent.depth + 1,
                url_path=f"{parent.url_path}{prefix}-{i}/",
                live=True,
                locale_id=parent.locale_id,
                content_type_id=parent.content_type_id,
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    parent.numchild += count
    parent.save(update_fields=["numchild"])
    return Page.objects.filter(slug__startswith=f"{prefix}-", depth=parent.depth + 1)


def _commons(theme, territory, count):
    from django.utils import timezone
    from wagtail.models import Page

    from home import facet_counts
    from home.models import CommonsEntry, CommonsKind, HomePage

    parent = Page.objects.get(pk=HomePage.objects.first().pk)
    now = timezone.now()
    entries = CommonsEntry.objects.bulk_create(
        [
            CommonsEntry(
                page=page,
                title=page.title,
                kind=CommonsKind.TOOL,
                summary="Une ressource de banc d'essai, pour mesurer l'index du commun à grande échelle. " * 2,
                url_path=page.url_path,
                territory=territory,
                licence="cc-by-sa-4.0",
                published_at=now - datetime.timedelta(minutes=i),
                updated_at=now,
            )
            for i, page in enumerate(_pages(parent, count, "banc-commun"))
        ],
        batch_size=1000,
    )
    CommonsEntry.themes.through.objects.bulk_create(
        [CommonsEntry.themes.through(commonsentry_id=e.pk, theme_id=theme.pk) for e in entries], batch_size=1000
    )
    facet_counts.rebuild()  # bulk_create saves no entry one by one: the index's counts are counted once here


def _workshops(programme, structures, people, *, workshops, marks, forum_participants, label):
    """``workshops`` workshops of ``programme``; the first is a forum of ``forum_participants`` people
    over six half-days, the others share the remaining ``marks`` at two half-days each."""
    from ateliers.choices import AttendanceStatus, HalfDay, RegistrationStatus, WorkshopKind
    from ateliers.models import Attendance, Registration, Session, Workshop

    first_day = datetime.date(2022, 1, 10)
    created = Workshop.objects.bulk_create(
        [
            Workshop(
                programme=programme,
                kind=WorkshopKind.FORUM if n == 0 else WorkshopKind.ATELIER,
                title=f"{label} {n}" if n else f"Forum collectif ({label})",
                place="Valenciennes",
                start_date=first_day + datetime.timedelta(days=3 * n),
                end_date=first_day + datetime.timedelta(days=3 * n + (2 if n == 0 else 0)),
                published=True,
            )
            for n in range(workshops)
        ]
    )
    sessions = {}
    rows = []
    for n, workshop in enumerate(created):
        half_days = FORUM_HALF_DAYS if n == 0 else 2
        for h in range(half_days):
            rows.append(
                Session(
                    workshop=workshop,
                    date=workshop.start_date + datetime.timedelta(days=h // 2),
                    half_day=HalfDay.MORNING if h % 2 == 0 else HalfDay.AFTERNOON,
                    sort_order=h,
                )
            )
    for session in Session.objects.bulk_create(rows, batch_size=1000):
        sessions.setdefault(session.workshop_id, []).append(session)

    forum, others = created[0], created[1:]
    per_other = max(0, (marks - forum_participants * FORUM_HALF_DAYS) // 2)
    registrations = [
        Registration(
            workshop=forum, person=p, structure_id=p.structure_id, status=RegistrationStatus.CONFIRMED, is_walk_in=False
        )
        for p in people[:forum_participants]
    ]
    for k in range(per_other):
        workshop = others[k % len(others)]
        person = people[(k // len(others) * 7 + k) % len(people)]
        registrations.append(
            Registration(
                workshop=workshop, person=person, structure_id=person.structure_id, status=RegistrationStatus.CONFIRMED
            )
        )
    # Two registrations of one person to one workshop would break the unique constraint: drop them.
    seen, unique = set(), []
    for registration in registrations:
        key = (registration.workshop.pk, registration.person.pk)
        if key not in seen:
            seen.add(key)
            unique.append(registration)
    registrations = Registration.objects.bulk_create(unique, batch_size=1000)
    statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED]
    attendance = [
        Attendance(registration=r, session=s, status=statuses[(i + j) % len(statuses)])
        for i, r in enumerate(registrations)
        for j, s in enumerate(sessions[r.workshop_id])
    ]
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    return forum, len(attendance)


def _members(structure, count):
    from alertes.models import Member

    birth = datetime.date(1980, 1, 1)
    Member.objects.bulk_create(
        [
            Member(
                structure=structure,
                last_name=f"Adhérent{n:05d}",
                first_name="Banc",
                phone=f"+3367{n:07d}",
                birth_date=birth + datetime.timedelta(days=n % 9000),
                consent=n % 5 != 0,
                name_key=f"adherent{n:05d}|banc",
                sort_name=f"adherent{n:05d} banc",
            )
            for n in range(count)
        ],
        batch_size=2000,
    )


@functools.cache
def get():
    """The shared data set, built on the first call of the run."""
    from django.core.management import call_command

    from home.builders import home_page
    from lab.builders import add_programme, add_user
    from lab.choices import ProgrammeRoleKind, StructureRoleKind
    from lab.models import Person, ProgrammeRole, Structure, StructureMembership, Territory, Theme

    start = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo_seconds = time.perf_counter() - start
    theme, _ = Theme.objects.get_or_create(slug="banc-commun", defaults={"name": "Banc du commun"})
    territory = Territory.objects.filter(level="commune").first()
    _commons(theme, territory, RESOURCES)

    programme = add_programme(home_page(), "Banc — programme à l'échelle")
    small_programme = add_programme(home_page(), "Banc — petit programme")
    structures = Structure.objects.bulk_create(
        [Structure(name=f"Structure banc {n}", slug=f"structure-banc-{n}", kind="ccas") for n in range(STRUCTURES)]
    )
    through = Structure.programmes.through
    through.objects.bulk_create(
        [through(structure_id=s.pk, programmepage_id=p.pk) for s in structures for p in (programme, small_programme)]
    )
    people = Person.objects.bulk_create(
        [
            Person(first_name=f"Prénom{n}", last_name="Exemple", structure=structures[n % STRUCTURES], role="agent")
            for n in range(PEOPLE)
        ],
        batch_size=1000,
    )
    forum, marks = _workshops(
        programme,
        structures,
        people,
        workshops=WORKSHOPS,
        marks=MARKS,
        forum_participants=FORUM_PARTICIPANTS,
        label="Atelier de banc",
    )
    small_forum, _small_marks = _workshops(
        small_programme,
        structures,
        people,
        workshops=WORKSHOPS // 10,
        marks=MARKS // 10,
        forum_participants=FORUM_PARTICIPANTS // 10,
        label="Petit atelier de banc",
    )
    coordinator = add_user("banc-coordination", password=PASSWORD)
    ProgrammeRole.objects.create(user=coordinator, programme=programme, role=ProgrammeRoleKind.COORDINATOR)
    small_coordinator = add_user("banc-petite-coordination", password=PASSWORD)
    ProgrammeRole.objects.create(user=small_coordinator, programme=small_programme, role=ProgrammeRoleKind.COORDINATOR)

    members_structure = Structure.objects.create(
        name="Centre social du banc", slug="centre-social-banc", kind="centre_social"
    )
    small_structure = Structure.objects.create(
        name="Petit centre du banc", slug="petit-centre-banc", kind="centre_social"
    )
    _members(members_structure, MEMBERS)
    _members(small_structure, MEMBERS // 100)
    members_admin = add_user("banc-alertes", password=PASSWORD)
    StructureMembership.objects.create(user=members_admin, structure=members_structure, role=StructureRoleKind.ADMIN)
    small_members_admin = add_user("banc-petites-alertes", password=PASSWORD)
    StructureMembership.objects.create(
        user=small_members_admin, structure=small_structure, role=StructureRoleKind.ADMIN
    )
    _analyze()
    return Dataset(
        programme=programme,
        theme=theme,
        forum=forum,
        small_programme=small_programme,
        small_forum=small_forum,
        coordinator=coordinator,
        small_coordinator=small_coordinator,
        members_structure=members_structure,
        members_admin=members_admin,
        small_members_admin=small_members_admin,
        marks=marks,
        seconds=time.perf_counter() - start,
        demo_seconds=demo_seconds,
    )


def _analyze():
    """On PostgreSQL, the planner's statistics of the tables just filled, as autovacuum gathers them
    within a minute of a bulk load in production: without them it plans for the empty tables it last
    saw (26 rows expected where 5,000 are, a nested loop where a hash join belongs)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run(report):
    """The data set as a bench of its own: its size and how long it took to build."""
    data = get()
    report.row("construction du jeu de données (bulk_create)", data.seconds - data.demo_seconds, "s", bar="< 60 s")
    report.row("dont chargement de la démo (load_demo)", data.demo_seconds, "s")
    report.row("émargements (200 ateliers)", data.marks, "marques")
