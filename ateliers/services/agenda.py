"""The public agenda: workshops marked public (temps forts, forums, hackathons, open ateliers), their
URLs (for the sitemap) and their iCalendar feeds (RFC 5545, written by the ``icalendar`` package)."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.images import get_image_model

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, PublicEventKind, SubGroupKind
from ateliers.models import Session, SubGroup, Workshop
from lab.infra.base_url import absolute_url, base_url


def public_events(programme=None):
    """The workshops on the public agenda (published and marked public), with their programme, half-days
    and seats taken, in a constant number of queries. ``programme``: only that programme's."""
    queryset = (
        Workshop.objects.filter(published=True, programme__live=True)
        .exclude(public_kind=PublicEventKind.NONE)
        .select_related("programme")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("date", "half_day", "sort_order")),
            # The publicity block of each programme: its logos, their images and renditions.
            "programme__logos",
            Prefetch("programme__logos__image", queryset=get_image_model().objects.prefetch_renditions()),
        )
        .annotate(seats_taken=Count("registrations", filter=Q(registrations__status__in=ACTIVE_REGISTRATION_STATUSES)))
        .order_by("start_date", "title", "pk")
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset


def split_by_date(events, today=None):
    """(coming, past): the events not over yet (or without a date) in date order, the others latest first."""
    today = today or timezone.localdate()
    coming, past = [], []
    for event in events:
        last_day = event.end_date or event.start_date
        (past if last_day and last_day < today else coming).append(event)
    return coming, past[::-1]


def public_event(pk):
    """One event of the agenda, or None (a workshop not public is not found)."""
    return public_events().filter(pk=pk).first()


def teams(workshop):
    """The teams of an event (hackathon) with their prototype fiche, in the organisers' order."""
    return SubGroup.objects.filter(workshop=workshop, kind=SubGroupKind.TEAM).select_related("prototype_page")


def results(workshop):
    """The jury's results when the organisers published them: ranked teams first, then the others."""
    if not workshop.results_published:
        return []
    ranked = sorted(teams(workshop), key=lambda team: (team.jury_rank is None, team.jury_rank or 0, team.sort_order))
    return [team for team in ranked if team.jury_rank is not None or team.jury_result or team.jury_comment]


def seats_left(workshop):
    """Free seats (None when the capacity is not limited); ``seats_taken`` is annotated by ``public_events``."""
    if workshop.capacity is None:
        return None
    taken = getattr(workshop, "seats_taken", None)
    if taken is None:
        taken = workshop.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).count()
    return max(workshop.capacity - taken, 0)


def event_path(workshop):
    return reverse("agenda_event", args=[workshop.pk])


def public_event_urls():
    """The absolute URLs of the agenda and of every public event, for the sitemap (one query)."""
    yield absolute_url(reverse("agenda"))
    for pk in public_events().values_list("pk", flat=True):
        yield absolute_url(reverse("agenda_event", args=[pk]))


def sitemap_entries():
    """The agenda and every public event for ``/sitemap.xml`` (``home.sitemaps.register_sitemap``)."""
    return [(url, None) for url in public_event_urls()]


# --- iCalendar ---------------------------------------------------------------------------------------


def _host():
    return urlsplit(base_url()).hostname or "labo-commun"


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def _vevents(workshop, stamp):
    """One VEVENT per half-day (with its hours when known), or one all-day VEVENT over the workshop's days."""
    url = absolute_url(event_path(workshop))
    description = "\n\n".join(part for part in [workshop.description, url] if part)
    sessions = list(workshop.sessions.all())
    slots = []
    if sessions:
        for session in sessions:
            if session.start_time and session.end_time:
                start = datetime.datetime.combine(session.date, session.start_time, tzinfo=_zone())
                end = datetime.datetime.combine(session.date, session.end_time, tzinfo=_zone())
            else:
                start, end = session.date, session.date + datetime.timedelta(days=1)
            label = f"{workshop.title} — {session.label}" if session.label else workshop.title
            slots.append((f"atelier-{workshop.pk}-{session.pk}", label, start, end))
    elif workshop.start_date:
        last_day = workshop.end_date or workshop.start_date
        slots.append((f"atelier-{workshop.pk}", workshop.title, workshop.start_date, last_day + datetime.timedelta(1)))
    for uid, summary, start, end in slots:
        event = Event()
        event.add("uid", f"{uid}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", end)
        if workshop.place:
            event.add("location", workshop.place)
        event.add("description", description)
        event.add("url", url)
        event.add("categories", [workshop.get_public_kind_display() or workshop.get_kind_display()])
        yield event


def calendar(events, name):
    """An iCalendar file (bytes) of ``events``, with the time zone of the site."""
    cal = Calendar()
    cal.add("prodid", "-//Labo commun//Agenda public//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    days = []
    for workshop in events:
        for event in _vevents(workshop, stamp):
            cal.add_component(event)
            days.append(event.decoded("DTSTART"))
    if days:
        # The time zone's rules over the years of the events only (the default spans 1970-2038).
        years = [day.year for day in days]
        cal.add_missing_timezones(datetime.date(min(years), 1, 1), datetime.date(max(years) + 1, 1, 1))
    return cal.to_ical()


def event_calendar(workshop):
    """The ``.ics`` of one event (sent with the sign-up confirmation, served on its page)."""
    return calendar([workshop], workshop.title)
