"""Ateliers at realistic size (shared data set): the attendance grid of a 200-participant forum over
six half-days, one tap on it, and the admin list of 200 workshops. Each admin page is measured
against « chrome floor + plain rows »: the empty admin page of ``bench/floors.py`` plus the same rows
in a bare Django template (no admin chrome, no scope); the tap against a plain JSON view that saves
one row. SQL queries are compared at a tenth of the size.
"""

from bench.harness import query_count

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


def _tap(client, url, data):
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    if response.status_code != 200:
        raise AssertionError(f"{url}: HTTP {response.status_code}")
    return response


def run(report):
    import itertools

    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ateliers.choices import AttendanceStatus
    from ateliers.models import Attendance
    from bench import dataset
    from bench.harness import admin_chrome_url, admin_page_row, get_ok, interleaved

    data = dataset.get()
    client, small_client = Client(), Client()
    client.force_login(data.coordinator)
    small_client.force_login(data.small_coordinator)
    forum_registrations = data.forum.registrations.count()
    chrome = admin_chrome_url()

    grid = reverse("ateliers_admin:grid", args=[data.forum.pk])
    small_grid = reverse("ateliers_admin:grid", args=[data.small_forum.pk])
    request = RequestFactory().get(grid)
    request.user = data.coordinator
    best = interleaved(
        5,
        page=lambda: get_ok(client, grid),
        chrome=lambda: get_ok(client, chrome),
        plain=lambda: _floor_grid(request, data.forum),
    )
    admin_page_row(
        report,
        f"grille d'émargement, {forum_registrations} participants × 6 demi-journées",
        best["page"],
        chrome=best["chrome"],
        plain=best["plain"],
        plain_label="même tableau",
    )
    report.row(
        "grille d'émargement : requêtes SQL",
        query_count(client, grid),
        "requêtes",
        baseline=query_count(small_client, small_grid),
        baseline_label="20 participants",
        bar="même nombre",
    )

    # One tap: the grid's JSON post against a plain JSON view saving the same row, each changing it.
    mark = Attendance.objects.filter(registration__workshop=data.forum).select_related("registration").first()
    statuses = itertools.cycle([AttendanceStatus.ABSENT, AttendanceStatus.PRESENT])
    save_url = reverse("bench_plain_json_save")
    best = interleaved(
        9,
        tap=lambda: _tap(
            client, grid, {"registration": mark.registration_id, "session": mark.session_id, "status": next(statuses)}
        ),
        plain=lambda: _tap(client, save_url, {"pk": mark.pk, "status": next(statuses)}),
    )
    report.row(
        "un geste sur la grille (enregistrer une présence, JSON)",
        best["tap"] * 1000,
        "ms",
        baseline=best["plain"] * 1000,
        baseline_label="vue JSON simple qui enregistre une ligne",
        bar="≤ 2×",
    )
    # A tap that changes the mark (the timed loop left it present or absent): the same tap twice changes nothing.
    with CaptureQueriesContext(connection) as queries:
        _tap(
            client,
            grid,
            {"registration": mark.registration_id, "session": mark.session_id, "status": AttendanceStatus.EXCUSED},
        )
    report.row("un geste sur la grille : requêtes SQL", len(queries), "requêtes")

    listing = reverse("wagtailsnippets_ateliers_workshop:list")
    request = RequestFactory().get(listing)
    request.user = data.coordinator
    best = interleaved(
        7,
        page=lambda: get_ok(client, listing),
        chrome=lambda: get_ok(client, chrome),
        plain=lambda: _floor_list(request, data.programme),
    )
    admin_page_row(
        report,
        "liste des ateliers (200 ateliers, page de 20)",
        best["page"],
        chrome=best["chrome"],
        plain=best["plain"],
        plain_label="20 lignes",
    )
    report.row(
        "liste des ateliers : requêtes SQL",
        query_count(client, listing),
        "requêtes",
        baseline=query_count(small_client, listing),
        baseline_label="20 ateliers",
        bar="même nombre",
    )
