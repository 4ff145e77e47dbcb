"""The funders' indicators dashboard over 200 workshops and 20,000 attendance marks (shared data
set), against a floor: the empty admin page (``bench/floors.py``) plus the headline counts read by
four aggregate queries (workshops, half-days, and marks present, in all and per unique person)."""

from bench.harness import query_count, timed


def _floor(programme):
    """What the page must at least read: workshops, half-days, marks present, unique participants."""
    from django.db.models import Count, Q

    from ateliers.choices import AttendanceStatus
    from ateliers.models import Attendance, Session, Workshop

    marks = Attendance.objects.filter(registration__workshop__programme=programme).aggregate(
        present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        total=Count("pk"),
        people=Count("registration__person", distinct=True, filter=Q(status=AttendanceStatus.PRESENT)),
    )
    return {
        "workshops": Workshop.objects.filter(programme=programme).count(),
        "half_days": Session.objects.filter(workshop__programme=programme).count(),
        **marks,
    }


def run(report):
    from django.test import Client
    from django.urls import reverse

    from bench import dataset
    from bench.harness import admin_chrome_url, admin_page_row, get_ok, interleaved
    from livrables import indicators

    data = dataset.get()
    client, small_client = Client(), Client()
    client.force_login(data.coordinator)
    small_client.force_login(data.small_coordinator)
    url = reverse("livrables_indicators", args=[data.programme.pk])
    small_url = reverse("livrables_indicators", args=[data.small_programme.pk])
    chrome = admin_chrome_url()

    counts = _floor(data.programme)
    best = interleaved(
        7,
        page=lambda: get_ok(client, url),
        chrome=lambda: get_ok(client, chrome),
        aggregates=lambda: _floor(data.programme),
    )
    admin_page_row(
        report,
        f"tableau des indicateurs, {counts['workshops']} ateliers, {counts['total']} émargements",
        best["page"],
        chrome=best["chrome"],
        plain=best["aggregates"],
        plain_label="4 agrégats SQL",
        bar="≤ 3×",
    )
    compute, _ = timed(indicators.compute, data.programme, None, None, repeat=5)
    report.row("dont calcul des indicateurs", compute * 1000, "ms")
    report.row(
        "tableau des indicateurs : requêtes SQL",
        query_count(client, url),
        "requêtes",
        baseline=query_count(small_client, small_url),
        baseline_label="20 ateliers, 2 000 émargements",
        bar="même nombre",
    )
