"""RGPD for the members of the Alertes SMS module: export one member, find and erase inactive ones.

Every export and erasure goes to the site's RGPD log (``lab.privacy.log``), like those of the
workshop participants. Erasure itself is ``services.erase_member``: messages are anonymised, not
deleted, so the statistics do not change.
"""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from alertes.models import ConsentEvent, InboundReply, Member, Message, Reminder
from lab.models import AuditAction
from lab.privacy import log


def member_label(member_or_pk):
    """How a member is named in the RGPD log: a number, never the name."""
    pk = getattr(member_or_pk, "pk", member_or_pk)
    return f"Adhérent SMS n°{pk}"


def export_member(member, actor):
    """Everything held about ``member``, as indented JSON bytes; the export is logged."""
    data = {
        "exporté le": timezone.now(),
        "adhérent": {
            "structure": member.structure.name,
            "nom": member.last_name,
            "prénom": member.first_name,
            "adresse e-mail": member.email,
            "téléphone mobile": member.phone,
            "date de naissance": member.birth_date,
            "accord SMS et newsletters": member.consent,
            "date de l'accord": member.consent_at,
            "numéro refusé par l'opérateur": member.phone_invalid,
            "notes": member.notes,
            "créé le": member.created_at,
            "modifié le": member.updated_at,
        },
        "groupes": [group.name for group in member.groups.order_by("name")],
        "historique du consentement": [
            {
                "date": event.at,
                "accord": "donné" if event.given else "retiré",
                "origine": event.get_source_display(),
            }
            for event in ConsentEvent.objects.filter(member=member).order_by("at", "pk")
        ],
        "rappels": [
            {
                "type": reminder.get_kind_display(),
                "texte": reminder.text,
                "date": reminder.date,
                "répétition": reminder.get_recurrence_display(),
                "prévenir (jours avant)": reminder.lead_days,
                "actif": reminder.active,
                "créé le": reminder.created_at,
            }
            for reminder in Reminder.objects.filter(member=member).order_by("date", "pk")
        ],
        "messages": [
            {
                "créé le": message.created_at,
                "canal": message.get_channel_display(),
                "destinataire": message.to,
                "campagne": message.campaign.title if message.campaign_id else None,
                "texte": message.text,
                "statut": message.get_status_display(),
                "envoyé le": message.sent_at,
                "distribué le": message.delivered_at,
                "erreur": message.error,
            }
            for message in Message.objects.filter(member=member).select_related("campaign").order_by("created_at", "pk")
        ],
        "réponses reçues": [
            {"reçue le": reply.received_at, "texte": reply.text, "comprise comme STOP": reply.is_stop}
            for reply in InboundReply.objects.filter(member=member).order_by("received_at", "pk")
        ],
    }
    log(actor, AuditAction.EXPORT, member_label(member), structure=member.structure.name, module="alertes")
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def retention_cutoff(months=None, now=None):
    """The moment before which a member with no activity counts as inactive."""
    months = settings.ALERTES_RETENTION_MONTHS if months is None else months
    now = now or timezone.now()
    # Months of 30 days are precise enough for a retention period counted in years.
    return now - datetime.timedelta(days=30 * months)


def inactivity(months=None, now=None):
    """Q of the members with no message, no reminder and no change of their fiche for ``months``.

    A reminder counts as activity while it is created recently or still active with a date to come.
    """
    cutoff = retention_cutoff(months, now)
    recent_message = Message.objects.filter(member=OuterRef("pk"), created_at__gte=cutoff)
    live_reminder = Reminder.objects.filter(member=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff) | Q(active=True, date__gte=timezone.localdate(now or timezone.now()))
    )
    return Q(updated_at__lt=cutoff) & ~Exists(recent_message) & ~Exists(live_reminder)


def inactive_members(queryset=None, months=None, now=None):
    """The members of ``queryset`` (all by default) inactive for ``months``."""
    queryset = Member.objects.all() if queryset is None else queryset
    return queryset.filter(inactivity(months, now))
