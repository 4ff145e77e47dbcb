"""Every URL, every role, any input: no server error, and no other structure's object (issue 13).

Walks every pattern of the URL resolver (admin, modules, public pages, API, feeds) on the demo, as
the anonymous visitor and as each demo account, with:

- a real id (or slug) the role may see, GET and POST with junk fields (a 405 is fine);
- a real id of an object out of the role's scope (``lab.scope``): the answer must not be a 200 that
  shows it (404, 403, a redirect are fine);
- hostile values in the path and in the query parameters the views read (a quote, NUL, 5,000
  characters, invalid percent-encoding, negative and huge numbers, impossible dates, unknown ids and
  slugs), a few per pattern and role, drawn with a fixed seed so that every run is the same walk.

Any 5xx, or exception re-raised by the test client, fails; each test lists all its failures at once.
The demo is loaded once per module (per pytest-xdist worker) in a transaction rolled back at the end;
every request runs in a savepoint rolled back after it, so a POST that deletes or sends changes
nothing for the next request.
"""

import json
import os
import random
import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.urlwalk import (
    HOSTILE_QUERY,
    DemoValues,
    Walker,
    all_routes,
    encode_query,
    hostile_path_values,
    junk_post_data,
    query_params,
)

#: The demo accounts (README.md, lab/demo.py, alertes/demo.py) and the anonymous visitor.
ROLES = [
    "anonyme",
    "admin",
    "coordination",
    "facilitation",
    "financeur",
    "equipe",
    "admin-chemin-rouge",
    "admin-arbrisseau",
    "referente",
]
#: ``URLWALK_ROLES=anonyme,admin,…`` walks as those roles only: `.ci/run` walks every role on SQLite,
#: then, on PostgreSQL, the roles whose hostile values and scopes differ most (see README.md).
if os.environ.get("URLWALK_ROLES"):
    ROLES = [role for role in ROLES if role in os.environ["URLWALK_ROLES"].split(",")]
#: On admin URLs, the roles that POST junk in turn (besides the administrator).
POST_ROTATION = [role for role in ROLES if role != "admin"]
#: Patterns are dealt into this many chunks: one test per (role, chunk), spread by pytest-xdist.
CHUNKS = 4
#: Hostile path or query values tried per pattern and role (rotating: each role gets other ones).
HOSTILE_PER_ROUTE = 1
SEED = 13

#: What is not requested, and why. Nothing is left out because it fails.
SKIPPED = {
    ("admin/logout/", "logged-in"): "logs the client out (the session would end for the rest of the walk)",
    (
        "admin/failwhale/",
        "all",
    ): "Wagtail's error test page: raises on purpose for superusers (wagtailadmin_error_test)",
}
#: Query values tried together (a parameter alone cannot make these impossible dates).
QUERY_COMBOS = {
    r"/planning/$": [
        {"annee": "9999", "mois": "12"},
        {"annee": "1", "mois": "1"},
        {"annee": "2021", "mois": "13"},
        {"annee": "2021", "mois": "0"},
        {"annee": "-5", "mois": "-1"},
    ],
    r"^admin/livrables/": [{"debut": "2021-12-31", "fin": "2021-01-01"}, {"debut": "0001-01-01", "fin": "9999-12-31"}],
}


#: Inputs from issue 13 tried by every role on every run, whatever the sampling draws.
ALWAYS = {
    r"^commun/$": [{"q": "atelier%22"}, {"q": "%00"}],
    r"^recherche/$": [{"q": "%00"}, {"q": "atelier%22"}],
    r"^api/v2/\^commun/$": [{"search": "%00"}],
    r"/planning/$": [{"annee": "9999", "mois": "12"}, {"annee": "1", "mois": "1"}],
    r"feuille-emargement\.pdf$": [{"session": "abc"}],
    r"^admin/snippets/lab/(person|structure|funder|territory|theme)/$": [{"q": "test"}],
}


@pytest.fixture(scope="module")
def demo(module_demo, django_db_blocker):
    """The demo, loaded once for the module (``module_demo``), its accounts and the URL patterns."""
    with django_db_blocker.unblock():
        users = {"anonyme": None}
        for username in ROLES[1:]:
            user = get_user_model().objects.filter(username=username).first()
            if user is not None:
                users[username] = user
        values = DemoValues(users, random.Random(SEED))
        routes = all_routes()
    return type("Demo", (), {"users": users, "values": values, "routes": routes, "load": module_demo.load_seconds})


def _login(client, user):
    from alertes import services

    client.force_login(user)
    structure = services.module_structures(user).order_by("pk").first()
    if structure is not None:
        session = client.session
        session["alertes_structure"] = structure.pk  # alertes.views.SESSION_KEY
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _hostile_pool(route, query):
    pool = [("path", param.name, value) for param in route.params for value in hostile_path_values(param.kind)]
    pool += [("query", name, value) for name in query for value in HOSTILE_QUERY]
    for regex, combos in QUERY_COMBOS.items():
        if re.search(regex, route.key):
            pool += [("combo", None, combo) for combo in combos]
    random.Random(f"{SEED}:{route.key}").shuffle(pool)
    return pool


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_without_error_or_leak(demo, db, client, role, chunk):
    user = demo.users.get(role, "missing")
    if user == "missing":
        pytest.skip(f"the demo has no account « {role} »")
    session_key = _login(client, user) if user else None
    role_index = ROLES.index(role)
    rng = random.Random(SEED * 1000 + role_index * 10 + chunk)
    walker = Walker(client, role)
    started = time.monotonic()

    def relogin_if_needed():
        nonlocal session_key
        if user is None:
            return
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is None or cookie.value != session_key:
            session_key = _login(client, user)

    skipped, others_tried = [], 0
    for number, route in enumerate(demo.routes):
        if number % CHUNKS != chunk:
            continue
        reason = SKIPPED.get((route.key, "logged-in" if user else "anonymous")) or SKIPPED.get((route.key, "all"))
        if reason:
            skipped.append((route.key, reason))
            continue
        legit, others = demo.values.variants(route, user)
        if not legit:
            skipped.append((route.key, "no value could be built"))
            continue
        query = query_params(route)
        for values in legit:
            walker.request("GET", route.build(values))
            relogin_if_needed()
        base = legit[0]
        if query:
            walker.request("GET", f"{route.build(base)}?{encode_query(query)}")
        for values, marker in others:
            others_tried += 1
            walker.request("GET", route.build(values), marker=marker)
            relogin_if_needed()
        for regex, probes in ALWAYS.items():
            if re.search(regex, route.key):
                for probe in probes:
                    walker.request("GET", f"{route.build(base)}?{encode_query(probe)}")
        pool = _hostile_pool(route, query)
        for index in range(HOSTILE_PER_ROUTE):
            if not pool:
                break
            where, name, value = pool[(role_index * HOSTILE_PER_ROUTE + index) % len(pool)]
            if where == "path":
                url = route.build({**base, name: value})
            elif where == "query":
                url = f"{route.build(base)}?{encode_query({name: value})}"
            else:
                url = f"{route.build(base)}?{encode_query(value)}"
            walker.request("GET", url)
            relogin_if_needed()
        # POST with junk fields: every role on the public and module URLs; on the admin's (most of
        # them alike, by the hundred), the administrator and one other role in turn.
        if not route.key.startswith("admin/"):
            for values in legit:
                walker.request("POST", route.build(values), data=junk_post_data(rng))
                relogin_if_needed()
        elif role == "admin" or role == POST_ROTATION[number % len(POST_ROTATION)]:
            walker.request("POST", route.build(base), data=junk_post_data(rng))
            relogin_if_needed()

    stats = os.environ.get("URLWALK_STATS")
    if stats:
        with open(stats, "a") as handle:
            record = {
                "role": role,
                "chunk": chunk,
                "requests": walker.count,
                "others": others_tried,
                "seconds": round(time.monotonic() - started, 1),
                "load": round(demo.load, 1),
                "slow": walker.slow,
                "timings": sorted(([*k, round(v, 2)] for k, v in walker.timings.items()), key=lambda t: -t[2])[:40],
                "skipped": skipped,
                "problems": [p.__dict__ for p in walker.problems],
            }
            handle.write(json.dumps(record) + "\n")
    problems = sorted({p.line() for p in walker.problems})
    assert not problems, f"{len(problems)} problems as « {role} » ({walker.count} requests):\n" + "\n".join(problems)
