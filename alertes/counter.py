"""What the live SMS counter of the campaign and reminder forms needs (``alertes/sms-counter.js``).

The server's counting (``alertes.gsm``) stays the reference: the page gives the script the same
alphabet, limits and replacements, and the campaign's recipients as distinct first names with their
count, so the script's total is the confirmation screen's ``segments_total``.
"""

import datetime
import json
from types import SimpleNamespace

from django.db.models import Count
from django.utils import timezone

from alertes import gsm, services
from alertes.choices import Channel

#: The {date} of a reminder as it is sent (« 31/12/2030 »: always 10 characters).
DATE_SAMPLE = "31/12/2030"


def counter_data(*, recipients_url="", reminder=False):
    """The data- attributes of the counter."""
    return {
        "basic": json.dumps(gsm.GSM7_BASIC),
        "extension": json.dumps(gsm.GSM7_EXTENSION),
        "replacements": json.dumps(gsm.REPLACEMENTS, ensure_ascii=False),
        "limits": f"{gsm.SINGLE_GSM7},{gsm.MULTI_GSM7},{gsm.SINGLE_UCS2},{gsm.MULTI_UCS2}",
        "max_segments": gsm.MAX_SEGMENTS,
        "first_name": services.LONG_FIRST_NAME,
        "placeholder": services.FIRST_NAME_PLACEHOLDER,
        "date_sample": DATE_SAMPLE if reminder else "",
        "recipients_url": recipients_url,
    }


def recipients_summary(structure, *, groups, members, channel, when=None, exclude_campaign=None):
    """The recipients of a campaign being written (``groups`` and ``members``: querysets of the
    structure), as ``campaign_recipients`` counts them, with the month's budget."""
    draft = SimpleNamespace(structure_id=structure.pk, channel=channel, groups=groups, members=members)
    first_names = []
    if channel in (Channel.SMS, Channel.BOTH):
        rows = (
            services.campaign_recipients(draft, Channel.SMS)
            .order_by()
            .values_list("first_name")
            .annotate(n=Count("pk"))
            .order_by("first_name")
        )
        first_names = [[name, n] for name, n in rows]
    rules = services.settings_for(structure)
    when = when or timezone.now()
    return {
        "recipients": services.campaign_recipients(draft).count(),
        "sms_recipients": sum(n for _, n in first_names),
        "first_names": first_names,
        "budget": rules.monthly_budget_segments,
        "used": services.segments_used(structure, when, exclude_campaign=exclude_campaign),
    }


def parse_when(send_mode, raw):
    """The sending date of the form (« later » and a valid date-time), else None (now)."""
    if send_mode != "later" or not raw:
        return None
    try:
        when = datetime.datetime.strptime(raw[:16], "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return timezone.make_aware(when) if 2000 <= when.year <= 2100 else None
