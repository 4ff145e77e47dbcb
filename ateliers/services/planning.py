"""The planning of a programme: its workshops on a month calendar and on a timeline."""

import datetime
from collections import defaultdict

from ateliers.models import Session, Workshop


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
