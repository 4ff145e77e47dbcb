"""Ateliers at realistic size (shared data set): the attendance grid of a 200-participant forum over
six half-days and the admin list of 200 workshops, each beside a plain-view floor (the same rows in
a bare Django template, no admin chrome, no scope) and with their SQL queries at a tenth of the size.
"""

from bench.harness import query_count, timed

#: The floor of the grid: the same table, the same forms and buttons, nothing around it.
FLOOR_GRID = """<table>{% for row in rows %}<tr><th>{{ row.person.last_name|upper }} {{ row.person.first_name }}
<small>{{ row.structure.name }}</small></th>{% for session, mark in row.cells %}<td><form method="post">
{% csrf_token %}<input type="hidden" name="registration" value="{{ row.pk }}"><input type="hidden" name="session"
value="{{ session.pk }}">{% for value, label in statuses %}<button name="status" value="{{ value }}"
aria-pressed="{% if mark == value %}true{% else %}false{% endif %}">{{ label|first }}</button>{% endfor %}</form></td>
{% endfor %}</tr>{% endfor %}</table>"""

FLOOR_LIST = """<table>{% for w in workshops %}<tr><td><a href="{{ w.pk }}/">{{ w.title }}</a></td><td>{{ w.programme.title }}
</td><td>{{ w.get_kind_display }}</td><td>{{ w.start_date }}</td><td>{{ w.place }}</td></tr>{% endfor %}</table>"""


def _floor_grid(request, workshop):
    from django.http import HttpResponse
    from django.template import engines

    from ateliers.choices import AttendanceStatus
    from ateliers.models import Attendance

    sessions = list(workshop.sessions.all())
    registrations = list(
        workshop.registrations.select_related("person", "structure").order_by("structure__name", "person__last_name")
    )
    marks = {
        (registration, session): status
        for registration, session, status in Attendance.objects.filter(registration__workshop=workshop).values_list(
            "registration_id", "session_id", "status"
        )
    }
    for registration in registrations:
        registration.cells = [(s, marks.get((registration.pk, s.pk))) for s in sessions]
    template = engines["django"].from_string(FLOOR_GRID)
    return HttpResponse(template.render({"rows": registrations, "statuses": AttendanceStatus.choices}, request=request))


def _floor_list(request, programme):
    from django.http import HttpResponse
    from django.template import engines

    from ateliers.models import Workshop

    workshops = Workshop.objects.filter(programme=programme).select_related("programme").order_by("-start_date")[:20]
    return HttpResponse(engines["django"].from_string(FLOOR_LIST).render({"workshops": workshops}, request=request))


def run(report):
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from bench import dataset

    data = dataset.get()
    client, small_client = Client(), Client()
    client.force_login(data.coordinator)
    small_client.force_login(data.small_coordinator)
    forum_registrations = data.forum.registrations.count()

    grid = reverse("ateliers_admin:grid", args=[data.forum.pk])
    small_grid = reverse("ateliers_admin:grid", args=[data.small_forum.pk])
    seconds, _ = timed(client.get, grid, repeat=5)
    request = RequestFactory().get(grid)
    request.user = data.coordinator
    floor, _ = timed(_floor_grid, request, data.forum, repeat=5)
    report.row(
        f"grille d'émargement, {forum_registrations} participants × 6 demi-journées",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, même tableau",
        bar="ratio affiché",
    )
    report.row(
        "grille d'émargement : requêtes SQL",
        query_count(client, grid),
        "requêtes",
        baseline=query_count(small_client, small_grid),
        baseline_label="20 participants",
        bar="même nombre",
    )

    listing = reverse("wagtailsnippets_ateliers_workshop:list")
    seconds, _ = timed(client.get, listing, repeat=5)
    request = RequestFactory().get(listing)
    request.user = data.coordinator
    floor, _ = timed(_floor_list, request, data.programme, repeat=5)
    report.row(
        "liste des ateliers (200 ateliers, page de 20)",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, 20 lignes",
        bar="ratio affiché",
    )
    report.row(
        "liste des ateliers : requêtes SQL",
        query_count(client, listing),
        "requêtes",
        baseline=query_count(small_client, listing),
        baseline_label="20 ateliers",
        bar="même nombre",
    )
