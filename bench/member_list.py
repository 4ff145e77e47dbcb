"""Alertes SMS: the members list of a structure with 10,000 members (shared data set), sorted by
name, beside a floor (the same 50 rows in a bare template) and its SQL queries with 100 members."""

from bench.harness import query_count, timed

FLOOR = """<table>{% for m in members %}<tr><td><a href="{{ m.pk }}/">{{ m.last_name|upper }} {{ m.first_name }}</a></td>
<td>{{ m.phone }}</td><td>{{ m.birth_date }}</td><td>{{ m.consent|yesno:"oui,non" }}</td></tr>{% endfor %}</table>"""


def _floor(request, structure):
    from django.http import HttpResponse
    from django.template import engines

    from alertes.models import Member

    members = Member.objects.filter(structure=structure).order_by("last_name", "first_name")[:50]
    return HttpResponse(engines["django"].from_string(FLOOR).render({"members": members}, request=request))


def run(report):
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from alertes.models import Member
    from bench import dataset

    data = dataset.get()
    client, small_client = Client(), Client()
    client.force_login(data.members_admin)
    small_client.force_login(data.small_members_admin)
    url = reverse("alertes:member_list") + "?page=40"
    count = Member.objects.filter(structure=data.members_structure).count()
    seconds, _ = timed(client.get, url, repeat=5)
    request = RequestFactory().get(url)
    request.user = data.members_admin
    floor, _ = timed(_floor, request, data.members_structure, repeat=5)
    report.row(
        f"liste des adhérents, {count} adhérents, page 40",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, 50 lignes",
        bar="ratio affiché",
    )
    report.row(
        "liste des adhérents : requêtes SQL",
        query_count(client, url),
        "requêtes",
        baseline=query_count(small_client, reverse("alertes:member_list")),
        baseline_label="100 adhérents",
        bar="même nombre",
    )
