"""What a référente famille does in the Alertes SMS module, as plain functions.

Members (create, find duplicates, consent, RGPD erasure), campaigns (recipients, length, budget,
sending hours, scheduling, cancelling, reuse) and the structure's accounts. Sending itself lives
in ``alertes.sending``; imports in ``alertes.imports``; statistics in ``alertes.statistics``.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alertes import audience
from alertes.choices import CampaignStatus, Channel, ConsentSource, MessageStatus
from alertes.gsm import sms_length
from alertes.models import (
    Campaign,
    CampaignRecipient,
    ConsentEvent,
    Erasure,
    Member,
    Message,
    StructureSettings,
    name_key,
)
from alertes.privacy import member_label
from lab.choices import StructureRoleKind
from lab.infra.collation import french
from lab.models import AuditAction, Structure, StructureMembership
from lab.privacy import log
from lab.scope import VIEW, scope_for

#: Roles that may use the module (every role of a structure); ADMIN also manages accounts.
MODULE_ROLES = frozenset(StructureRoleKind.values)
#: Placeholder of the member's first name in campaign texts.
FIRST_NAME_PLACEHOLDER = "{prenom}"
#: Used to count a text's length before its recipients are known: a long first name.
LONG_FIRST_NAME = "Marie-Christine"


# --- Structures and access -------------------------------------------------------------------


def module_structures(user):
    """The structures whose module ``user`` may open: all for a global admin, else their memberships."""
    if not (user and user.is_authenticated and user.is_active):
        return Structure.objects.none()
    if user.is_superuser:
        return Structure.objects.all()
    return Structure.objects.filter(pk__in=scope_for(user).structure_ids(MODULE_ROLES))


def is_structure_admin(user, structure):
    """Whether ``user`` manages ``structure``'s accounts and settings (or is a global admin)."""
    if user.is_superuser:
        return True
    return structure.pk in scope_for(user).structure_ids({StructureRoleKind.ADMIN})


def settings_for(structure):
    """The structure's sending settings, created with the defaults on first use."""
    found, _created = StructureSettings.objects.get_or_create(structure=structure)
    return found


# --- Members ---------------------------------------------------------------------------------


def find_duplicate(structure, *, phone="", last_name="", first_name="", birth_date=None, exclude_pk=None):
    """The member of ``structure`` this person already is: same phone, or same name and birth date.

    Names are compared without accents, case or hyphens (« Lefèvre » is « LEFEVRE »).
    """
    condition = Q()
    if phone:
        condition |= Q(phone=phone)
    if last_name and first_name and birth_date:
        condition |= Q(name_key=name_key(last_name, first_name), birth_date=birth_date)
    if not condition:
        return None
    queryset = Member.objects.filter(condition, structure=structure)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.order_by("pk").first()


def record_consent(member, given, *, source, author=None):
    """Set the member's consent and log the change (date, author, source)."""
    now = timezone.now()
    member.consent = given
    member.consent_at = now if given else None
    Member.objects.filter(pk=member.pk).update(consent=given, consent_at=member.consent_at)
    ConsentEvent.objects.create(member=member, given=given, source=source, author=author, at=now)


@transaction.atomic
def save_member(member, *, groups, consent, author, source=ConsentSource.FORM):
    """Save a new or edited member with their groups; a change of consent is logged."""
    previous = None
    if member.pk:
        previous = Member.objects.filter(pk=member.pk).values_list("consent", flat=True).first()
    creating = member.pk is None
    if creating:
        member.created_by = author
    member.consent = bool(previous) if not creating else False
    member.save()
    member.groups.set(groups)
    if creating and consent or not creating and bool(previous) != bool(consent):
        record_consent(member, bool(consent), source=source, author=author)
    return member


@transaction.atomic
def erase_member(member, *, author, reason=""):
    """Erase a member on request (RGPD): their messages are anonymised, not deleted (the statistics
    do not change), and the erasure is logged in the module and in the site's RGPD log."""
    messages = Message.objects.filter(member=member)
    count = messages.update(member=None, to="", text=_("[message anonymisé]"))
    Erasure.objects.create(
        structure=member.structure, author=author, member_reference=f"#{member.pk}", messages_anonymised=count
    )
    log(
        author,
        AuditAction.ERASE,
        member_label(member),
        structure=member.structure.name,
        module="alertes",
        messages_anonymised=count,
        **({"reason": reason} if reason else {}),
    )
    member.delete()
    return count


# --- Campaigns ---------------------------------------------------------------------------------


def personalise(text, first_name):
    """The text one member receives: {prenom} replaced by their first name."""
    return (text or "").replace(FIRST_NAME_PLACEHOLDER, first_name or "")


def campaign_recipients(campaign, channel=None):
    """The consenting members of the campaign's groups, plus its chosen members, each once
    (``alertes.audience.audience``: the refused numbers and missing e-mails of ``channel`` left out)."""
    return audience.audience(Member, campaign, channel)


def channels_of(campaign):
    if campaign.channel == Channel.BOTH:
        return [Channel.SMS, Channel.EMAIL]
    return [campaign.channel]


def sending_window(structure, when):
    """``when`` moved into the structure's sending hours (the next opening if it falls outside)."""
    rules = settings_for(structure)
    local = timezone.localtime(when)
    start = local.replace(hour=rules.send_from.hour, minute=rules.send_from.minute, second=0, microsecond=0)
    end = local.replace(hour=rules.send_until.hour, minute=rules.send_until.minute, second=0, microsecond=0)
    if rules.send_from >= rules.send_until:  # no window configured: any time
        return when
    if local < start:
        return start
    if local >= end:
        return start + datetime.timedelta(days=1)
    return when


def month_bounds(when):
    local = timezone.localtime(when)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def segments_used(structure, when, *, exclude_campaign=None):
    """SMS segments of the month of ``when``: messages created, plus campaigns scheduled not yet sent."""
    start, end = month_bounds(when)
    used = (
        Message.objects.filter(structure=structure, channel=Channel.SMS, created_at__gte=start, created_at__lt=end)
        .exclude(status=MessageStatus.CANCELLED)
        .aggregate(total=Sum("segments"))["total"]
        or 0
    )
    planned = Campaign.objects.filter(
        structure=structure, status=CampaignStatus.SCHEDULED, scheduled_at__gte=start, scheduled_at__lt=end
    )
    if exclude_campaign is not None:
        planned = planned.exclude(pk=exclude_campaign.pk)
    return used + (planned.aggregate(total=Sum("segments_total"))["total"] or 0)


@dataclass
class CampaignPreview:
    """What the confirmation screen shows before a campaign is scheduled."""

    recipients: int
    sms_recipients: int
    email_recipients: int
    length: object  # gsm.SmsLength of the text with a long first name
    segments_min: int
    segments_max: int
    segments_total: int
    send_at: datetime.datetime
    postponed: bool
    budget: int
    used: int
    errors: list = field(default_factory=list)

    @property
    def remaining(self):
        return max(self.budget - self.used, 0) if self.budget else None


def preview_campaign(campaign, now=None):
    """Recipients, SMS segments, sending time and budget of ``campaign``, with what forbids it."""
    now = now or timezone.now()
    requested = campaign.scheduled_at or now
    send_at = sending_window(campaign.structure, max(requested, now))
    sms_members = list(campaign_recipients(campaign, Channel.SMS).values_list("first_name", flat=True))
    wants_sms = campaign.channel in (Channel.SMS, Channel.BOTH)
    wants_email = campaign.channel in (Channel.EMAIL, Channel.BOTH)
    counts = [sms_length(personalise(campaign.text, name)).segments for name in sms_members] if wants_sms else []
    email_count = campaign_recipients(campaign, Channel.EMAIL).count() if wants_email else 0
    rules = settings_for(campaign.structure)
    used = segments_used(campaign.structure, send_at, exclude_campaign=campaign)
    total = sum(counts)
    preview = CampaignPreview(
        recipients=campaign_recipients(campaign).count(),
        sms_recipients=len(sms_members) if wants_sms else 0,
        email_recipients=email_count,
        length=sms_length(personalise(campaign.text, LONG_FIRST_NAME)),
        segments_min=min(counts, default=0),
        segments_max=max(counts, default=0),
        segments_total=total,
        send_at=send_at,
        postponed=send_at != max(requested, now) and send_at > max(requested, now),
        budget=rules.monthly_budget_segments,
        used=used,
    )
    if preview.recipients == 0:
        preview.errors.append(_("Aucun destinataire : aucun adhérent de ces groupes n'a donné son accord."))
    if rules.monthly_budget_segments and used + total > rules.monthly_budget_segments:
        preview.errors.append(
            _(
                "Le budget mensuel de la structure serait dépassé : %(used)s segments déjà utilisés ou prévus "
                "sur %(budget)s, cette campagne en demande %(total)s."
            )
            % {"used": used, "budget": rules.monthly_budget_segments, "total": total}
        )
    return preview


@transaction.atomic
def schedule_campaign(campaign, now=None):
    """Confirm ``campaign``: checked again, its recipients recorded, then scheduled at its (maybe
    postponed) time. The recorded list is the list it is sent to (see ``alertes.confirmation``).

    A draft, or a campaign held « à reconfirmer », may be confirmed. The caller queues its dispatch
    with ``alertes.tasks.enqueue_dispatch`` (services never import tasks).

    Raises ``ValidationError`` with the reasons when it cannot be sent (no recipient, budget).
    """
    now = now or timezone.now()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.RECONFIRM):
        raise ValidationError(_("Cette campagne n'est plus un brouillon."))
    preview = preview_campaign(campaign, now)
    if preview.errors:
        raise ValidationError(preview.errors)
    record_recipients(campaign)
    campaign.scheduled_at = preview.send_at
    campaign.status = CampaignStatus.SCHEDULED
    campaign.hold_reason = ""
    campaign.segments_total = preview.segments_total
    campaign.recipients_count = preview.recipients
    campaign.save(update_fields=["scheduled_at", "status", "hold_reason", "segments_total", "recipients_count"])
    return campaign, preview


def record_recipients(campaign):
    """Record who ``campaign`` goes to now (replacing an earlier confirmation's list)."""
    audience.record(CampaignRecipient, Member, campaign)


def new_recipients(campaign):
    """The campaign's recipients today who are not on its confirmed list (new group members…)."""
    confirmed = CampaignRecipient.objects.filter(campaign=campaign, member__isnull=False).values("member_id")
    return campaign_recipients(campaign).exclude(pk__in=confirmed)


def cancel_campaign(campaign):
    """Cancel a draft or scheduled campaign; False once its sending has started."""
    cancelled = Campaign.objects.filter(
        pk=campaign.pk, status__in=[CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RECONFIRM]
    ).update(status=CampaignStatus.CANCELLED)
    return bool(cancelled)


@transaction.atomic
def copy_campaign(campaign, *, author, scheduled_at=None):
    """A new draft with the same title, category, text, channel, groups and members (« réutiliser »)."""
    copy = Campaign.objects.create(
        structure=campaign.structure,
        title=campaign.title,
        category=campaign.category,
        text=campaign.text,
        channel=campaign.channel,
        scheduled_at=scheduled_at,
        reused_from=campaign,
        created_by=author,
    )
    copy.groups.set(campaign.groups.all())
    copy.members.set(campaign.members.all())
    return copy


# --- Accounts ----------------------------------------------------------------------------------


@transaction.atomic
def create_account(structure, *, username, first_name, last_name, email, password, role):
    """A new user account for ``structure`` with ``role`` (animateur, travailleur social, admin)."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, first_name=first_name, last_name=last_name
    )
    StructureMembership.objects.create(user=user, structure=structure, role=role)
    return user


def structure_accounts(structure):
    """The accounts of ``structure``, by name."""
    return (
        StructureMembership.objects.filter(structure=structure)
        .select_related("user")
        .order_by(french("user__last_name"), french("user__first_name"), "user__username")
    )


def visible(user, queryset):
    """``queryset`` narrowed by the user's scope (a second lock behind the structure filter)."""
    return scope_for(user).filter(queryset, VIEW)


def formatted_date(value):
    return date_format(value, "d/m/Y") if value else ""
