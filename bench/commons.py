"""Le commun: the index with 5,000 resources, beside a floor (a plain Django view rendering a
template of the same size from the same rows), and the number of SQL queries."""

import datetime


def _build(count):
    from django.utils import timezone
    from wagtail.models import Page

    from home.models import CommonsEntry, CommonsKind, HomePage
    from lab.models import Territory, Theme

    home = HomePage.objects.first()
    parent = Page.objects.get(pk=home.pk)
    theme, _ = Theme.objects.get_or_create(slug="banc-commun", defaults={"name": "Banc du commun"})
    territory = Territory.objects.filter(level="commune").first()
    start = parent.numchild + 1
    Page.objects.bulk_create(
        [
            Page(
                title=f"Ressource de banc {i}",
                draft_title=f"Ressource de banc {i}",
                slug=f"banc-commun-{i}",
                path=Page._get_path(parent.path, parent.depth + 1, start + i),
                depth=parent.depth + 1,
                url_path=f"{parent.url_path}banc-commun-{i}/",
                live=True,
                locale_id=parent.locale_id,
                content_type_id=parent.content_type_id,
            )
            for i in range(count)
        ]
    )
    parent.numchild += count
    parent.save(update_fields=["numchild"])
    now = timezone.now()
    pages = Page.objects.filter(slug__startswith="banc-commun-")
    entries = CommonsEntry.objects.bulk_create(
        [
            CommonsEntry(
                page=page,
                title=page.title,
                kind=CommonsKind.TOOL,
                summary="Une ressource de banc d'essai, pour mesurer l'index du commun à grande échelle. " * 2,
                url_path=page.url_path,
                territory=territory,
                licence="cc-by-sa-4.0",
                published_at=now - datetime.timedelta(minutes=i),
                updated_at=now,
            )
            for i, page in enumerate(pages)
        ]
    )
    CommonsEntry.themes.through.objects.bulk_create(
        [CommonsEntry.themes.through(commonsentry_id=e.pk, theme_id=theme.pk) for e in entries]
    )
    return theme


def _floor_view(request):
    """The floor: the same 20 rows and the same page chrome, with no filter, facet or count."""
    from django.shortcuts import render

    from home.models import CommonsEntry

    results = list(CommonsEntry.objects.select_related("programme", "territory").order_by("-published_at")[:20])
    return render(
        request, "home/commons_index.html", {"results": results, "facets": [], "total": len(results), "sorts": {}}
    )


def run(report):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from bench.harness import timed

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    theme = _build(5000)
    client = Client()
    url = "/commun/"
    params = {"thematique": theme.slug, "page": "3"}
    assert client.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    seconds, _ = timed(client.get, url, params, repeat=7)
    request = RequestFactory().get(url)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    floor, _ = timed(_floor_view, request, repeat=7)
    report.row(
        "index du commun, 5 000 ressources, filtré (ms)",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, même gabarit",
        bar="ratio affiché",
    )
    report.row("requêtes SQL de l'index", len(queries), "requêtes", bar="constant (test : 100 et 5 000)")
    search_seconds, _ = timed(client.get, url, {"q": "SMS"}, repeat=5)
    report.row("recherche « SMS » (ms)", search_seconds * 1000, "ms")
