"""Statistics of a structure's use of the module (the « statistiques » page)."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alertes.choices import CampaignCategory, MessageStatus
from alertes.models import Member, Message, age_on
from alertes.services import segments_used, settings_for

AGE_BRACKETS = [(0, 17, "0-17"), (18, 25, "18-25"), (26, 35, "26-35"), (36, 45, "36-45"), (46, 60, "46-60")]


def statistics(structure, today=None):
    """Messages per month, group and category; members by age bracket; segments against the budget."""
    today = today or timezone.localdate()
    messages = Message.objects.filter(structure=structure)
    sent_statuses = [MessageStatus.SENT, MessageStatus.DELIVERED]
    per_month = {}
    rows = (
        messages.annotate(month=TruncMonth("created_at"))
        .values("month", "status")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    for row in rows:
        month = timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime.datetime) else row["month"]
        entry = per_month.setdefault(month, {"sent": 0, "delivered": 0, "failed": 0})
        if row["status"] in sent_statuses:
            entry["sent"] += row["n"]
        if row["status"] == MessageStatus.DELIVERED:
            entry["delivered"] += row["n"]
        if row["status"] == MessageStatus.FAILED:
            entry["failed"] += row["n"]
    months = [
        {"label": date_format(month, "F Y"), "short": date_format(month, "m/Y"), **values}
        for month, values in sorted(per_month.items())
    ]
    per_group = list(
        messages.filter(status__in=sent_statuses, member__groups__isnull=False)
        .values("member__groups__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "member__groups__name")
    )
    categories = dict(CampaignCategory.choices)
    per_category = []
    for row in (
        messages.filter(status__in=sent_statuses).values("campaign__category").annotate(n=Count("pk")).order_by("-n")
    ):
        label = categories.get(row["campaign__category"]) or _("Rappels administratifs")
        per_category.append({"label": str(label), "n": row["n"]})
    brackets = {label: 0 for _low, _high, label in AGE_BRACKETS}
    older = f"{AGE_BRACKETS[-1][1] + 1}+"
    brackets[older] = 0
    for birth_date in Member.objects.filter(structure=structure).values_list("birth_date", flat=True):
        age = age_on(birth_date, today)
        for low, high, label in AGE_BRACKETS:
            if low <= age <= high:
                brackets[label] += 1
                break
        else:
            brackets[older] += 1
    rules = settings_for(structure)
    now = timezone.now()
    return {
        "months": months,
        "per_group": [{"label": row["member__groups__name"], "n": row["n"]} for row in per_group],
        "per_category": per_category,
        "ages": [{"label": label, "n": n} for label, n in brackets.items()],
        "members": Member.objects.filter(structure=structure).count(),
        "consenting": Member.objects.filter(structure=structure, consent=True).count(),
        "segments_used": segments_used(structure, now),
        "budget": rules.monthly_budget_segments,
    }
