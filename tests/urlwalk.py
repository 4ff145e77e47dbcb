"""The URL walk's machinery (tests/test_url_walk.py): every pattern of the resolver, concrete URLs
for one role (an id it may see, one it may not, hostile values), and the requests that check them.

Patterns come from ``get_resolver()``; each converter is filled from, in this order, a table of the
project's routes (``ROUTE_VALUES``), the model of a Wagtail viewset or snippet route, the name of
the parameter (``PARAM_MODELS``, ``NAME_VALUES``) and, last, a plain word. Sampling uses one
``random.Random(13)``: the walk is the same on every run and every database.
"""

import itertools
import random
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.utils.html import escape

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------
# Hostile values. Path values are inserted as they are (already percent-encoded where needed);
# query values are inserted raw into the query string, so "%ZZ" and "%C3" stay invalid.
# ---------------------------------------------------------------------------------------------
LONG = "a" * 5000
HOSTILE_INT = ["0", "-1", "2147483648", "9223372036854775808", "99999999999999999999999999", "987654321", "007"]
HOSTILE_TEXT = [
    "%27",  # '
    "atelier%22",  # atelier"
    "%00",
    LONG,
    "%ZZ",
    "%C3",  # a lone UTF-8 lead byte
    "-1",
    "99999999999999999999999999",
    "2021-02-30",
    "0000-00-00",
    "9999-99-99",
    "inconnu-slug-13",
    "%3Cscript%3E",
    "..",
    "%E2%80%AE",
]
HOSTILE_QUERY = [
    "'",
    "atelier%22",
    "%22",
    "%00",
    "a%00b",
    LONG,
    "%ZZ",
    "%C3",
    "-1",
    "0",
    "99999999999999999999999999",
    "9999",
    "2021-02-30",
    "9999-12-31",
    "0000-00-00",
    "abc",
    "inconnu-slug-13",
    "%5B%5D",
    "%3Cscript%3E",
    "1e309",
]
JUNK_FIELDS = ["title", "name", "q", "pk", "id", "structure", "programme", "date", "email", "csrfmiddlewaretoken"]


def hostile_path_values(kind):
    if kind == "int":
        return HOSTILE_INT
    return HOSTILE_TEXT + HOSTILE_INT[:3]


# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------
@dataclass
class Param:
    name: str
    kind: str  # int, slug, str, path, uuid, regex
    regex: str = ""


@dataclass
class Route:
    key: str  # the whole pattern, for messages and tables
    name: str
    pieces: list  # str literals and Param
    callback: object
    model: object = None
    params: list = field(default_factory=list)

    def build(self, values):
        return "/" + "".join(p if isinstance(p, str) else str(values[p.name]) for p in self.pieces)

    @property
    def module(self):
        return getattr(self.callback, "__module__", "") or ""


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_CONVERTER_KINDS = {
    IntConverter: "int",
    SlugConverter: "slug",
    StringConverter: "str",
    PathConverter: "path",
    UUIDConverter: "uuid",
}


def _route_pieces(pattern):
    route = pattern._route
    pieces, pos = [], 0
    for match in _ROUTE_PARAM.finditer(route):
        pieces.append(route[pos : match.start()])
        name = match["name"]
        converter = pattern.converters.get(name)
        pieces.append(Param(name, _CONVERTER_KINDS.get(type(converter), "str")))
        pos = match.end()
    pieces.append(route[pos:])
    return [p for p in pieces if p != ""]


def _regex_pieces(regex, counter):
    """Literal text and groups of a URL regex (Wagtail's API, revisions compare, documents, serve)."""
    body = regex
    if body.startswith("^"):
        body = body[1:]
    if body.endswith("$"):
        body = body[:-1]
    pieces, literal, i = [], "", 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            literal += body[i + 1]
            i += 2
        elif char == "(":
            depth, j = 0, i
            while True:
                if body[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(body[j], 0)
                if depth == 0:
                    break
                j += 1
            group = body[i + 1 : j]
            named = re.match(r"\?P<(\w+)>", group)
            if named:
                name, inner = named[1], group[named.end() :]
            else:
                name, inner = f"_group{next(counter)}", group
            if literal:
                pieces.append(literal)
                literal = ""
            pieces.append(Param(name, "regex", inner))
            i = j + 1
        elif body.startswith(".*", i):
            if literal:
                pieces.append(literal)
                literal = ""
            pieces.append(Param(f"_any{next(counter)}", "regex", ".*"))
            i += 2
        else:
            literal += char
            i += 1
    if literal:
        pieces.append(literal)
    return pieces


def _model_of(callback):
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    if isinstance(model, str):
        model = apps.get_model(model)
    return model


def all_routes():
    """Every URL pattern of the project, in resolver order."""
    counter = itertools.count()
    routes = []

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            if hasattr(pattern, "_route"):
                pieces = _route_pieces(pattern)
                text = pattern._route
            else:
                pieces = _regex_pieces(pattern._regex, counter)
                text = pattern._regex
            if isinstance(entry, URLResolver):
                walk(entry, prefix + [(text, pieces)])
            elif isinstance(entry, URLPattern):
                chain = prefix + [(text, pieces)]
                all_pieces = [p for _text, ps in chain for p in ps]
                routes.append(
                    Route(
                        key="".join(t for t, _ps in chain),
                        name=entry.name or "",
                        pieces=all_pieces,
                        callback=entry.callback,
                        model=_model_of(entry.callback),
                        params=[p for p in all_pieces if isinstance(p, Param)],
                    )
                )

    walk(get_resolver(), [])
    return routes


# ---------------------------------------------------------------------------------------------
# Query parameters the views read (grep request.GET in the apps), by pattern.
# ---------------------------------------------------------------------------------------------
WAGTAIL_LIST_QUERY = {"q": "test", "p": "2", "ordering": "-pk", "export": "csv"}
QUERY_PARAMS = [
    (r"^recherche/$", {"q": "atelier", "page": "2"}),
    (
        r"^commun/$",
        {
            "q": "atelier",
            "page": "2",
            "tri": "date",
            "territoire": "lille",
            "thematique": "numerique",
            "stade": "prototype",
            "type": "prototype",
            "programme": "croissant-sud-2020",
            "mot-cle": "sms",
            "licence": "cc-by-sa",
        },
    ),
    (r"^commun/flux", {"q": "atelier", "type": "prototype"}),
    (r"^structures/$", {"q": "centre", "page": "2", "territoire": "lille", "type": "ccas"}),
    (r"^territoires/$", {"page": "2"}),
    (
        r"^api/v2/",
        {"search": "atelier", "limit": "5", "offset": "1", "order": "title", "fields": "*", "type": "home.HomePage"},
    ),
    (r"feuille-emargement\.pdf$", {"session": "1"}),
    (r"/planning/$", {"annee": "2021", "mois": "5"}),
    (
        r"^admin/projets_pilotage/",
        {"programme": "1", "status": "active", "theme": "1", "stage": "prototype", "only_problems": "on"},
    ),
    (r"^alertes/adherents/$", {"q": "06", "groupe": "1", "consentement": "oui", "inactif": "1", "page": "2"}),
    (r"^alertes/(campagnes|rappels)/$", {"page": "2"}),
    (r"^alertes/reponses/$", {"etat": "a-traiter", "page": "2"}),
    (r"^alertes/rappels/nouveau/$", {"adherent": "1"}),
    (r"^alertes/structure/$", {"next": "/alertes/adherents/"}),
    (r"^admin/livrables/exports/", {"debut": "2021-01-01", "fin": "2021-12-31"}),
    (r"^admin/livrables/", {"debut": "2021-01-01", "fin": "2021-12-31"}),
    (r"^admin/compte/deux-facteurs/", {"next": "/admin/"}),
    (r"^admin/(login|password_reset)/", {"next": "/admin/"}),
    (r"^admin/snippets/[^/]+/[^/]+/(results/)?$", WAGTAIL_LIST_QUERY),
    (r"^admin/snippets/choose/", {"q": "test", "p": "2"}),
    (
        r"^admin/(projets_[a-z_]+|users|groups|sites|workflows/list|forms|redirects|documents|images)/(results/)?$",
        WAGTAIL_LIST_QUERY,
    ),
    (r"^admin/pages/(search/|.*results/)?", {"q": "test", "p": "2", "ordering": "title"}),
    (r"^admin/choose-page/", {"q": "test", "p": "2", "page_type": "home.HomePage"}),
    (r"^admin/reports/", {"p": "2", "export": "csv", "q": "test"}),
    (r"^admin/(images|documents)/chooser/", {"q": "test", "p": "2", "collection_id": "1", "tag": "x"}),
    (r"^admin/tag-autocomplete/", {"term": "a"}),
    (r"^\^\(\(", {"page": "2", "q": "atelier"}),  # Wagtail's page serving
]


def query_params(route):
    for regex, params in QUERY_PARAMS:
        if re.search(regex, route.key):
            return params
    return {}


def encode_query(params):
    """``params`` as a query string; values are put in as they are (hostile ones are pre-encoded)."""
    return "&".join(f"{quote(k)}={v}" for k, v in params.items())


# ---------------------------------------------------------------------------------------------
# Outcome
# ---------------------------------------------------------------------------------------------
@dataclass
class Problem:
    kind: str  # "5xx", "exception", "leak"
    method: str
    url: str
    role: str
    detail: str
    where: str = ""

    def line(self):
        url = self.url if len(self.url) <= 160 else self.url[:150] + f"…({len(self.url)} chars)"
        text = f"[{self.kind}] {self.role} {self.method} {url} -> {self.detail}"
        return text + (f" @ {self.where}" if self.where else "")


def _short(filename):
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    try:
        return str(Path(filename).relative_to(REPO))
    except ValueError:
        return filename


def _frames(error):
    """The traceback's last frame (file:line), and the project's last frame when it is another."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    where = f"{_short(last.filename)}:{last.lineno}"
    own = [
        f
        for f in frames
        if "site-packages" not in f.filename and f.filename.startswith(str(REPO)) and "/tests/" not in f.filename
    ]
    if own and own[-1] is not last:
        where += f" (project: {_short(own[-1].filename)}:{own[-1].lineno})"
    return where


@dataclass
class Walker:
    client: object
    role: str
    problems: list = field(default_factory=list)
    count: int = 0
    slow: list = field(default_factory=list)
    timings: dict = field(default_factory=dict)

    def request(self, method, url, data=None, marker=None):
        """One request in a savepoint that is rolled back: nothing it changes outlives it."""
        self.count += 1
        started = time.monotonic()
        response = None
        try:
            with transaction.atomic():
                try:
                    if method == "GET":
                        response = self.client.get(url)
                    else:
                        response = self.client.post(url, data or {})
                    content = _content(response)
                finally:
                    transaction.set_rollback(True)
        except Exception as error:  # the test client re-raises what the view raised: a 500
            message = str(error).replace("\n", " ")[:160]
            self.problems.append(
                Problem("exception", method, url, self.role, f"{type(error).__name__}: {message}", _frames(error))
            )
            return None
        finally:
            elapsed = time.monotonic() - started
            key = (method, re.sub(r"/[^/?]*\d[^/?]*", "/N", url.split("?")[0])[:90])
            self.timings[key] = self.timings.get(key, 0) + elapsed
            if elapsed > 2:
                self.slow.append((round(elapsed, 1), method, url[:120]))
        if response.status_code >= 500:
            self.problems.append(Problem("5xx", method, url, self.role, f"status {response.status_code}"))
        elif marker and response.status_code == 200:
            kind = response.get("Content-Type", "")
            text = content.decode(errors="replace")
            if marker in text or escape(marker) in text:
                self.problems.append(
                    Problem("leak", method, url, self.role, f"200 shows another scope's object « {marker} »")
                )
            elif not kind.startswith(("text/html", "application/json")):
                self.problems.append(
                    Problem("leak", method, url, self.role, f"200 {kind} for another scope's object « {marker} »")
                )
        return response


def _content(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def junk_post_data(rng):
    names = rng.sample(JUNK_FIELDS, 4)
    return {name: rng.choice(["x" * rng.randint(1, 40), "'", "-1", "9999-99-99", "\x00", LONG[:300]]) for name in names}


def sample(rng, pool, count):
    if len(pool) <= count:
        return list(pool)
    return rng.sample(pool, count)


# ---------------------------------------------------------------------------------------------
# Real values: an id the role may see and one it may not
# ---------------------------------------------------------------------------------------------
#: (pattern regex, parameter) -> model label, for the project's own views and Wagtail's by name.
PARAM_MODELS = [
    (r"^admin/ateliers/atelier/", "pk", "ateliers.Workshop"),
    (r"^admin/ateliers/programme/", "pk", "lab.ProgrammePage"),
    (r"^admin/ateliers/lot/", "pk", "ateliers.CertificateBatch"),
    (r"^admin/ateliers/questionnaire/", "pk", "ateliers.QuestionnairePage"),
    (r"", "person_pk", "lab.Person"),
    (r"", "structure_pk", "lab.Structure"),
    (r"^admin/livrables/<int:pk>/", "pk", "livrables.Deliverable"),
    (r"^admin/livrables/storytelling/", "pk", "livrables.Story"),
    (r"^admin/livrables/depenses/<int:pk>/", "pk", "livrables.Expense"),
    (r"", "programme_id", "lab.ProgrammePage"),
    (r"", "job_id", "livrables.ExportJob"),
    (r"^admin/participants/", "pk", "lab.Person"),
    (r"^admin/projets_pilotage/feuille-de-route/", "pk", "projets.Roadmap"),
    (r"^admin/projets_suivi/<int:pk>/piece-jointe/", "pk", "projets.FollowUpEntry"),
    (r"^alertes/adherents/", "pk", "alertes.Member"),
    (r"^alertes/groupes/", "pk", "alertes.Group"),
    (r"^alertes/import/", "pk", "alertes.MemberImport"),
    (r"^alertes/campagnes/", "pk", "alertes.Campaign"),
    (r"^alertes/rappels/", "pk", "alertes.Reminder"),
    (r"^alertes/reponses/", "pk", "alertes.InboundReply"),
    (r"^api/v2/\^commun/", "pk", "home.CommonsEntry"),
    (r"^api/v2/\^pages/", "pk", "wagtailcore.Page"),
    (r"^projets/prototypes/", "pk", "projets.PrototypePage"),
    (r"", "page_id", "wagtailcore.Page"),
    (r"", "parent_page_id", "wagtailcore.Page"),
    (r"", "page_to_move_id", "wagtailcore.Page"),
    (r"", "destination_id", "wagtailcore.Page"),
    (r"", "page_pk", "wagtailcore.Page"),
    (r"^admin/(api/main/\^)?pages/", "pk", "wagtailcore.Page"),
    (r"", "image_id", "wagtailimages.Image"),
    (r"", "document_id", "wagtaildocs.Document"),
    (r"", "doc_id", "wagtaildocs.Document"),
    (r"^admin/api/main/\^documents/", "pk", "wagtaildocs.Document"),
    (r"^admin/api/main/\^images/", "pk", "wagtailimages.Image"),
    (r"", "redirect_id", "wagtailredirects.Redirect"),
    (r"", "collection_id", "wagtailcore.Collection"),
    (r"^admin/collections/", "pk", "wagtailcore.Collection"),
    (r"^admin/workflows/tasks/", "pk", "wagtailcore.Task"),
    (r"^admin/workflows/", "pk", "wagtailcore.Workflow"),
    (r"", "workflow_pk", "wagtailcore.Workflow"),
    (r"", "task_id", "wagtailcore.Task"),
    (r"", "revision_id", "wagtailcore.Revision"),
    (r"", "task_state_id", "wagtailcore.TaskState"),
    (r"", "workflow_state_id", "wagtailcore.WorkflowState"),
    (r"", "page_view_restriction_id", "wagtailcore.PageViewRestriction"),
    (r"", "restriction_id", "wagtailcore.CollectionViewRestriction"),
    (r"", "uploaded_file_id", "wagtailcore.UploadedFile"),
    (r"", "session_id", "wagtailadmin.EditingSession"),
]

#: Parameters that are words, not ids: every value listed is tried (the first in the main request).
NAME_VALUES = {
    "fmt": ["csv", "xlsx"],
    "kind": ["bilan", "livret", "fiches-structures", "justificatifs"],
    "action_name": ["approve", "reject"],
    "action": ["publish"],
    "filter_spec": ["fill-100x100"],
    "backend": ["console", "http"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
    "app_label": ["lab"],
    "model_name": ["programmepage"],
    "content_type_app_name": ["lab"],
    "content_type_model_name": ["programmepage"],
    "app_name": ["wagtaildocs"],
    "object_id": ["1"],
}

#: Patterns whose parameters go together (listed in the pattern's order).
ROUTE_VALUES = [
    (r"^admin/bulk/", lambda v, user: [["wagtailcore", "page", "publish"], ["lab", "person", "delete"]]),
    (r"^admin/pages/add/", lambda v, user: [["lab", "programmepage", v.own("wagtailcore.Page", user)]]),
    (r"^admin/workflows/tasks/add/", lambda v, user: [["wagtailcore", "groupapprovaltask"]]),
    (r"^admin/tag-autocomplete/<", lambda v, user: [["wagtaildocs", "document"]]),
    (r"^admin/settings/", lambda v, user: [["lab", "inconnu", 1][: len(v.route.params)]]),
    (
        r"^admin/editing-sessions/ping/",
        lambda v, user: [["wagtailcore", "page", v.own("wagtailcore.Page", user), 1]],
    ),
    (r"revisions/compare/", lambda v, user: [[v.own("wagtailcore.Page", user), "earliest", "live"]]),
    (r"^documents/\^\(", lambda v, user: v.document_path()),
    (r"^admin/\^\.\*", lambda v, user: [["inexistant"]]),
    (r"^\^\(\(", lambda v, user: [[path] for path in v.page_paths(user)]),
    (r"^projets/prototypes/", lambda v, user: [v.prototype()]),
    (r"^structures/<slug:slug>/", lambda v, user: [[v.slug("lab.Structure")]]),
    (r"^programmes/<slug:slug>/", lambda v, user: [[v.slug("lab.ProgrammePage", live=True)]]),
    (r"^verifier/", lambda v, user: [[v.certificate_code()]]),
    (r"^agenda/<id:pk>/", lambda v, user: [[pk] for pk in v.public_events()]),
    (r"^agenda/programme/", lambda v, user: [[v.own("lab.ProgrammePage", user)]]),
    (r"^agenda/annuler/", lambda v, user: [[v.cancel_token()]]),
    (r"^alertes/adherents/export", lambda v, user: [["csv"], ["xlsx"]]),
]


class DemoValues:
    """Ids and slugs of the loaded demo, per role; computed once per module and cached."""

    def __init__(self, users, rng):
        self.users = users
        self.rng = rng
        self.route = None
        self._cache = {}

    def model(self, label):
        if not isinstance(label, str):
            return label
        if label == "wagtailimages.Image":
            from wagtail.images import get_image_model

            return get_image_model()
        if label == "wagtaildocs.Document":
            from wagtail.documents import get_document_model

            return get_document_model()
        return apps.get_model(label)

    def model_for(self, route, param):
        for regex, name, label in PARAM_MODELS:
            if name == param.name and re.search(regex, route.key):
                return self.model(label)
        if param.name in ("pk", "object_id") and route.model is not None:
            return self.model(route.model)
        return None

    def pair(self, label, user):
        """(own pk, other pk, marker) of ``label`` for ``user``; other is None when nothing is out of reach."""
        model = self.model(label)
        key = (model, getattr(user, "pk", None))
        if key not in self._cache:
            self._cache[key] = self._pair(model, user)
        return self._cache[key]

    def _pair(self, model, user):
        from wagtail.models import Page

        from lab.scope import VIEW, is_scoped, rule_for, scope_for

        queryset = model._default_manager.order_by("pk")
        first = queryset.first()
        if first is None:
            return None, None, None
        if is_scoped(model) and not rule_for(model).reference:
            if user is None:
                return first.pk, first.pk, _marker(first, set())
            visible = scope_for(user).filter(queryset, VIEW)
            own = visible.first()
            seen = {str(obj) for obj in visible[:500]}
            other = None
            for candidate in queryset.exclude(pk__in=visible.values("pk"))[:50]:
                if _marker(candidate, seen):
                    other = candidate
                    break
            return (own or first).pk, (other.pk if other else None), (_marker(other, seen) if other else None)
        if issubclass(model, Page):
            pages = list(model._default_manager.filter(depth__gte=2).order_by("depth", "pk")[:200])
            if user is None:
                return (pages[0].pk if pages else first.pk), None, None
            own = next((p for p in pages if p.permissions_for_user(user).can_edit()), None)
            other = next((p for p in pages if not p.permissions_for_user(user).can_edit()), None)
            return (own or first).pk, (other.pk if other else None), None
        return first.pk, None, None

    def own(self, label, user):
        return self.pair(label, user)[0] or 1

    def slug(self, label, live=False):
        queryset = self.model(label)._default_manager.order_by("pk")
        if live:
            queryset = queryset.live().public()
        obj = queryset.first()
        return obj.slug if obj else "inconnu"

    def prototype(self):
        from projets.models import PrototypePage

        page = PrototypePage.objects.live().public().order_by("pk").first()
        return [page.pk, page.slug] if page else [1, "inconnu"]

    def public_events(self):
        from ateliers.services.agenda import public_events

        return list(public_events().values_list("pk", flat=True)[:2]) or [1]

    def cancel_token(self):
        from ateliers.models import Registration
        from ateliers.services.signup_tokens import cancel_token

        registration = Registration.objects.filter(source="en_ligne").order_by("pk").first()
        return cancel_token(registration) if registration else "inconnu"

    def certificate_code(self):
        from ateliers.models import Certificate

        certificate = Certificate.objects.order_by("pk").first()
        return certificate.code if certificate else "INCONNU"

    def document_path(self):
        from wagtail.documents import get_document_model

        documents = get_document_model().objects.order_by("pk")[:2]
        return [[doc.pk, quote(doc.filename)] for doc in documents] or [[1, "inconnu.pdf"]]

    def page_paths(self, user):
        """Every live page's path; each role is given a different handful (fixed seed)."""
        if "paths" not in self._cache:
            from wagtail.models import Page

            paths = []
            for page in Page.objects.live().filter(depth__gte=2).order_by("pk").specific(defer=True):
                url = page.get_url()
                if url and url.startswith("/"):
                    paths.append(url.lstrip("/"))
            self._cache["paths"] = paths
        paths = self._cache["paths"]
        index = list(self.users).index(getattr(user, "username", "anonyme") if user else "anonyme")
        chosen = paths[index * 4 : index * 4 + 4] or paths[:4]
        return chosen + [""]

    def variants(self, route, user):
        """The legitimate URLs of ``route`` for ``user`` and those with an object out of reach.

        Returns (legit, others): lists of value dicts; others as (values, marker).
        """
        self.route = route
        for regex, build in ROUTE_VALUES:
            if re.search(regex, route.key):
                rows = build(self, user)
                legit = [dict(zip((p.name for p in route.params), row, strict=False)) for row in rows]
                return [row for row in legit if len(row) == len(route.params)], []
        base, alternatives, others = {}, [], []
        for param in route.params:
            model = self.model_for(route, param)
            if model is not None:
                own, other, marker = self.pair(model, user)
                base[param.name] = own if own is not None else 987654321
                if other is not None:
                    others.append((param.name, other, marker))
            elif param.name in NAME_VALUES:
                values = NAME_VALUES[param.name]
                base[param.name] = values[0]
                alternatives += [(param.name, value) for value in values[1:]]
            elif param.kind == "int":
                base[param.name] = 1
            else:
                base[param.name] = "inconnu"
        legit = [base] + [{**base, name: value} for name, value in alternatives]
        check = route.key.startswith(("admin/", "alertes/"))
        other_rows = [({**base, name: pk}, marker if check else None) for name, pk, marker in others]
        return legit, other_rows


def _marker(obj, seen):
    text = str(obj).strip()
    if len(text) < 5 or text in seen or text.isdigit():
        return None
    return text


__all__ = [
    "DemoValues",
    "HOSTILE_QUERY",
    "Param",
    "Problem",
    "Route",
    "Walker",
    "all_routes",
    "encode_query",
    "hostile_path_values",
    "junk_post_data",
    "query_params",
    "random",
    "sample",
]
