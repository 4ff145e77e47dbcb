"""Alertes SMS: the members list of a structure with 10,000 members (shared data set), page 40 in
French order, beside a floor, and its SQL queries with 100 members.

The floor is a plain Django view behind the same middleware stack (``harness.floor_urls``): the same
50 rows (the structure's members by ``sort_name``, paginated, with their groups and the « inactif »
flag) in a bare table with the same columns. Bar of issue 18: within 2× the floor (3× for issue 16); the
floor has no layout at all, so this is stricter than « chrome + plain rows ».
"""

import functools

from bench.harness import floor_urls, get_ok, interleaved, query_count

REPEAT = 15
FLOOR = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Plancher</title></head><body>
<p>{{ page.paginator.count }} adhérents</p><table>{% for m in page %}<tr><td><a href="{{ m.pk }}/">{{ m.last_name }}</a>
{% if m.is_inactive %}inactif{% endif %}</td><td>{{ m.first_name }}</td><td>{{ m.phone }}</td><td>{{ m.age }} ans</td>
<td>{% for g in m.groups.all %}{{ g.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
<td>{{ m.consent|yesno:"oui,non" }}</td></tr>{% endfor %}</table>
{% if page.has_next %}<a href="?page={{ page.next_page_number }}">Suivante</a>{% endif %}</body></html>"""


@functools.cache
def _floor_template():
    from django.template import engines

    return engines["django"].from_string(FLOOR)


def member_list_floor(request):
    """A plain Django view of the same page: the user's structure, its members in order, 50 a page."""
    from django.core.paginator import Paginator
    from django.db.models import BooleanField, ExpressionWrapper
    from django.http import HttpResponse

    from alertes import privacy
    from alertes.models import Member
    from lab.models import StructureMembership

    structure_id = StructureMembership.objects.filter(user=request.user).values_list("structure_id", flat=True)[0]
    members = (
        Member.objects.filter(structure_id=structure_id)
        .annotate(is_inactive=ExpressionWrapper(privacy.inactivity(), output_field=BooleanField()))
        .prefetch_related("groups")
        .order_by("sort_name", "pk")
    )
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return HttpResponse(_floor_template().render({"page": page}, request=request))


def run(report):
    from django.contrib.auth.decorators import login_required
    from django.test import Client
    from django.urls import path, reverse

    from alertes.models import Member
    from bench import dataset

    data = dataset.get()
    client, small_client = Client(), Client()
    client.force_login(data.members_admin)
    small_client.force_login(data.small_members_admin)
    url = reverse("alertes:member_list") + "?page=40"
    floor_url = "/alertes/plancher-de-banc/adherents/?page=40"
    count = Member.objects.filter(structure=data.members_structure).count()
    with floor_urls(path("alertes/plancher-de-banc/adherents/", login_required(member_list_floor))):
        client.get(url), client.get(floor_url)  # warm: templates compiled, caches filled
        # In turn, so that a burst of load on the machine falls on both (one run measured the page alone
        # during one: 2.46× its floor, 1.55× in the runs before and after).
        best = interleaved(REPEAT, page=lambda: get_ok(client, url), plain=lambda: get_ok(client, floor_url))
        seconds, floor = best["page"], best["plain"]
    report.row(
        f"liste des adhérents, {count} adhérents, page 40",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, mêmes 50 lignes, mêmes middlewares",
        bar="≤ 2×",
    )
    report.row(
        "liste des adhérents : requêtes SQL",
        query_count(client, url),
        "requêtes",
        baseline=query_count(small_client, reverse("alertes:member_list")),
        baseline_label="100 adhérents",
        bar="même nombre",
    )
