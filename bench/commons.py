"""Le commun: the index with 5,000 resources (shared data set), filtered on one theme (its counts
read from the rows kept ahead, ``home.facet_counts``) and on two filters (counted among the matches),
beside a floor (a plain Django view
rendering the same template from the same rows, through the same middleware: ``bench.floors.plain_commons``),
the number of SQL queries, and the same index served to an anonymous visitor from the public page
cache (lab/infra/caching.py)."""


def run(report):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench import dataset
    from bench.harness import get_ok, interleaved, timed

    data = dataset.get()
    client = Client()
    url = "/commun/"
    params = {"thematique": data.theme.slug, "page": "3"}
    with override_settings(PUBLIC_CACHE_SECONDS=0):  # the view itself, every time
        assert client.get(url, params).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        query_total = len(queries)  # now: with DEBUG the log is a bounded deque that later queries shift
        # Two filters: no counts kept ahead for them (home.facet_counts), the matches are counted.
        counted = {**params, "type": "outil"}
        best = interleaved(
            9,
            page=lambda: get_ok(client, url, params),
            plain=lambda: get_ok(client, "/banc/commun/"),
            counted=lambda: get_ok(client, url, counted),
        )
        seconds, floor = best["page"], best["plain"]
        search_seconds, _ = timed(client.get, url, {"q": "SMS"}, repeat=5)
    report.row(
        "index du commun, 5 000 ressources, filtré, sans cache (ms)",
        seconds * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple, même gabarit, même middleware",
        bar="≤ 2×",
    )
    report.row(
        "index du commun, deux filtres : compté parmi les résultats (ms)",
        best["counted"] * 1000,
        "ms",
        baseline=floor * 1000,
        baseline_label="vue Django simple",
        bar="ratio affiché",
    )
    report.row("requêtes SQL de l'index", query_total, "requêtes", bar="constant (test : 100 et 5 000)")
    report.row("recherche « SMS » (ms)", search_seconds * 1000, "ms")

    assert settings.PUBLIC_CACHE_SECONDS > 0
    client.get(url, params)  # stores it
    with CaptureQueriesContext(connection) as cached_queries:
        response = client.get(url, params)
    cached_total = len(cached_queries)
    if response.get("X-Labo-Cache") != "hit":
        raise AssertionError("the commons index was not served from the cache")
    cached, _ = timed(client.get, url, params, repeat=7)
    report.row(
        "index du commun servi du cache (visiteur anonyme)",
        cached * 1000,
        "ms",
        baseline=seconds * 1000,
        baseline_label="le même, calculé",
        bar="ratio affiché",
    )
    report.row("requêtes SQL d'une page servie du cache", cached_total, "requêtes", bar="= 0")
