"""Demo of the Alertes SMS module: the Chemin Rouge centre (seed 002) and l'Arbrisseau.

Every member is invented (« Fiche fictive de démonstration »), with numbers in a range that
libphonenumber accepts as French mobiles (+33 6 12 3x xx xx); the development backend is the
console, so nothing is ever sent. Idempotent: everything is looked up before being created.
"""

import datetime

from django.utils import timezone

from alertes import replies
from alertes.choices import (
    REMINDER_DEFAULT_TEXTS,
    CampaignCategory,
    CampaignStatus,
    Channel,
    ConsentSource,
    MessageStatus,
    Recurrence,
    ReminderKind,
)
from alertes.gsm import segments
from alertes.models import (
    Campaign,
    ConsentEvent,
    Erasure,
    Group,
    Member,
    MemberImport,
    Message,
    Reminder,
    StructureSettings,
)
from alertes.services import preview_campaign, record_recipients
from lab.choices import StructureKind, StructureRoleKind
from lab.demo.reader import read
from lab.models import Structure, StructureMembership

NOTE = "Fiche fictive de démonstration"
#: The two centres, their groups and the invented names of their members (data/centres.toml).
DATA = read(__file__, "centres")
GROUPS = [tuple(row) for row in DATA["groups"]]
FIRST_NAMES = DATA["first_names"]
LAST_NAMES = DATA["last_names"]
CENTRES = [tuple(row) for row in DATA["centres"]]


def _structure(slug, name, city):
    structure = Structure.objects.filter(slug=slug).first()
    if structure is None:
        structure = Structure.objects.create(slug=slug, name=name, city=city, kind=StructureKind.CENTRE_SOCIAL)
    return structure


def _members(structure, prefix, count, groups, author):
    members = []
    for n in range(count):
        phone = f"+3361{2_000_000 + prefix * 10_000 + n * 7 + 1:07d}"
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        last = LAST_NAMES[(n // len(FIRST_NAMES) + n) % len(LAST_NAMES)]
        birth = datetime.date(1950 + (n * 7) % 60, 1 + n % 12, 1 + (n * 3) % 28)
        member = Member.objects.filter(structure=structure, phone=phone).first()
        if member is None:
            member = Member.objects.create(
                structure=structure,
                last_name=last,
                first_name=first,
                phone=phone,
                email=f"{first.lower()}.{n}@exemple.invalid" if n % 3 == 0 else "",
                birth_date=birth,
                notes=NOTE,
                created_by=author,
            )
            member.groups.set([groups[n % len(groups)], groups[(n * 3 + 1) % len(groups)]])
            if n % 6 != 5:  # most, not all, consented
                member.consent = True
                member.consent_at = timezone.now()
                member.save(update_fields=["consent", "consent_at"])
                ConsentEvent.objects.create(member=member, given=True, source=ConsentSource.FORM, author=author)
        members.append(member)
    return members


def load(context):
    """Groups, members, a sent and a scheduled campaign, reminders and accounts for two centres."""
    for slug, name, city, prefix, count in CENTRES:
        structure = _structure(slug, name, city)
        admin_user = context.user(f"admin-{slug}", first_name="Admin", last_name="Démo")
        StructureMembership.objects.get_or_create(
            user=admin_user, structure=structure, defaults={"role": StructureRoleKind.ADMIN}
        )
        author = admin_user
        if slug == "chemin-rouge":
            referente = context.user("referente", first_name="Référente", last_name="Démo")
            StructureMembership.objects.get_or_create(
                user=referente, structure=structure, defaults={"role": StructureRoleKind.SOCIAL_WORKER}
            )
            author = referente
        StructureSettings.objects.get_or_create(
            structure=structure, defaults={"monthly_budget_segments": 2000, "sender_name": "CENTRESOC"}
        )
        groups = [
            Group.objects.get_or_create(structure=structure, name=group, defaults={"description": text})[0]
            for group, text in GROUPS
        ]
        members = _members(structure, prefix, count, groups, author)
        _campaigns(structure, groups, author)
        _reminders(structure, members, author)
    context.log("Alertes SMS : adhérents fictifs, groupes, campagnes et rappels de Chemin Rouge et de l'Arbrisseau.")
    context.log("  comptes « referente » (travailleuse sociale) et « admin-chemin-rouge » ; envois sur la console.")


def _campaigns(structure, groups, author):
    now = timezone.now()
    sent, created = Campaign.objects.get_or_create(
        structure=structure,
        title="Fête de quartier",
        defaults={
            "category": CampaignCategory.NEWS,
            "text": "Bonjour {prenom}, la fête de quartier a lieu samedi à 14h au centre social. Venez en famille !",
            "channel": Channel.SMS,
            "status": CampaignStatus.SENT,
            "scheduled_at": now - datetime.timedelta(days=20),
            "dispatched_at": now - datetime.timedelta(days=20),
            "finished_at": now - datetime.timedelta(days=20),
            "created_by": author,
        },
    )
    if created:
        sent.groups.set(groups[:2])
        recipients = Member.objects.filter(structure=structure, consent=True, groups__in=groups[:2]).distinct()
        for n, member in enumerate(recipients):
            text = sent.text.replace("{prenom}", member.first_name)
            Message.objects.create(
                structure=structure,
                campaign=sent,
                member=member,
                to=member.phone,
                text=text,
                segments=segments(text),
                status=MessageStatus.DELIVERED if n % 9 else MessageStatus.FAILED,
                attempts=1,
                provider_id=f"demo-{sent.pk}-{member.pk}",
                sent_at=sent.scheduled_at,
                error="" if n % 9 else "Numéro injoignable (démonstration)",
            )
        Message.objects.filter(campaign=sent).update(created_at=sent.scheduled_at)
        _replies(list(recipients[:3]), sent.scheduled_at)
    next_monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    scheduled, created = Campaign.objects.get_or_create(
        structure=structure,
        title="Inscriptions accueil de loisirs",
        defaults={
            "category": CampaignCategory.CHILDHOOD,
            "text": "Bonjour {prenom}, les inscriptions a l'accueil de loisirs des vacances ouvrent lundi.",
            "channel": Channel.SMS,
            "status": CampaignStatus.SCHEDULED,
            "scheduled_at": timezone.make_aware(datetime.datetime.combine(next_monday, datetime.time(9, 0))),
            "created_by": author,
        },
    )
    if created:
        scheduled.groups.set([groups[0], groups[1]])
        # Confirmed as the référente would: its list of recipients is recorded.
        record_recipients(scheduled)
        preview = preview_campaign(scheduled)
        scheduled.recipients_count, scheduled.segments_total = preview.recipients, preview.segments_total
        scheduled.save(update_fields=["recipients_count", "segments_total"])


def _replies(members, sent_at):
    """Replies to the sent campaign: two for the team to read, one STOP (consent withdrawn)."""
    texts = ["Merci, on viendra à quatre !", "Est-ce que je peux venir avec ma voisine ?", "Stop merci"]
    for n, (member, text) in enumerate(zip(members, texts, strict=False)):
        replies.receive(member.phone, text, now=sent_at + datetime.timedelta(hours=n + 1))


def _reminders(structure, members, author):
    today = timezone.localdate()
    for n, member in enumerate(members[:8]):
        kind = [ReminderKind.FRANCE_TRAVAIL, ReminderKind.RIGHTS_APPOINTMENT, ReminderKind.DOCUMENT][n % 3]
        Reminder.objects.get_or_create(
            structure=structure,
            member=member,
            kind=kind,
            defaults={
                "text": REMINDER_DEFAULT_TEXTS[kind],
                "date": today + datetime.timedelta(days=3 + n * 4),
                "recurrence": Recurrence.MONTHLY if kind == ReminderKind.FRANCE_TRAVAIL else Recurrence.ONCE,
                "lead_days": 2,
                "created_by": author,
            },
        )


def reset():
    """Erase every record of the module (demo or not: the demo database only)."""
    for model in (Message, Reminder, Campaign, ConsentEvent, Member, Group, MemberImport, Erasure, StructureSettings):
        model.objects.all().delete()
