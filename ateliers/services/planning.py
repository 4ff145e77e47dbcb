"""The planning of a programme: its workshops on a month calendar and on a timeline."""

import datetime
from collections import defaultdict

from ateliers.models import Session, Workshop

#: The months the planning can show: far enough for any programme, and the calendar's weeks
#: around them stay within Python's dates.
FIRST_MONTH = datetime.date(1900, 1, 1)
LAST_MONTH = datetime.date(2199, 12, 1)


def nearest_month(year, month):
    """The first day of ``year``-``month`` (1 to 12), or of the nearest month the planning can show."""
    if year < FIRST_MONTH.year:
        return FIRST_MONTH
    if year > LAST_MONTH.year:
        return LAST_MONTH
    return datetime.date(year, month, 1)


def neighbour_months(month):
    """The first days of the months before and after ``month``; ``None`` beyond the planning's range."""
    previous = (month - datetime.timedelta(days=1)).replace(day=1) if month > FIRST_MONTH else None
    following = (month + datetime.timedelta(days=31)).replace(day=1) if month < LAST_MONTH else None
    return previous, following


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
