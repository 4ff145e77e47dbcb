"""The project's structure, checked from the source (no database, no import of the code).

Every ``.py`` file of the apps (migrations aside) is parsed with ``ast``; each import naming one of
the project's modules, at module level or inside a function, absolute or relative, is an edge of
the import graph. The rules (docs/DEVELOPING.md, « Layout »):

- layers: a module imports only from its own app or a lower layer; only the root URLconf
  (``lab.urls``) imports upward, and the settings, which name higher apps in dotted strings only;
- no import cycle between modules (a package's ``__init__`` importing its own submodules is an
  edge like any other; an import moved into a function to dodge a cycle still counts);
- no ``apps.is_installed("<one of our apps>")``: an app that needs a higher one registers into a
  lower layer's registry from its ``AppConfig.ready()`` instead;
- no module over ``MAX_LINES`` lines (data belongs in data files);
- within an app, ``models`` import no ``services``, ``forms``, ``views`` or ``admin_views``, and
  ``services`` import no ``forms`` or ``views``.
"""

import ast
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The apps, lowest layer first: a module may import its own app or a lower one.
LAYERS = {"lab": 0, "home": 1, "ateliers": 2, "projets": 3, "alertes": 4, "livrables": 5, "bench": 6}

#: Modules allowed to import upward: the root URLconf mounts every app's URLs.
UPWARD_ALLOWED = ("lab.urls",)
#: Packages allowed to import upward (the settings only name apps in dotted strings).
UPWARD_ALLOWED_PACKAGES = ("lab.settings",)

MAX_LINES = 400
#: Modules allowed over ``MAX_LINES``, each with its reason. Keep it short; each entry is a decision.
LONG_MODULES = {}

#: Within an app: the kind of module (first component after the app) and the kinds it must not import.
FORBIDDEN_WITHIN_APP = {
    "models": {"services", "forms", "views", "admin_views"},
    "services": {"forms", "views"},
}


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported project module
    line: int
    text: str  # the import as written, e.g. "from ..models import Person"

    def __str__(self):
        return f"{self.source} (line {self.line}: {self.text}) -> {self.target}"


@cache
def modules():
    """Dotted module name -> path, for every .py of the apps except migrations."""
    found = {}
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(name):
    """The project module that ``name`` (a module, or an attribute of one) lives in, or None."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _absolute(module, path, node):
    """The absolute module an ``ImportFrom`` names, relative levels resolved."""
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")
    if node.level > 1:
        parts = parts[: len(parts) - node.level + 1]
    return ".".join(parts + ([node.module] if node.module else []))


def _targets(module, path, node):
    """The project modules one import statement reaches."""
    if isinstance(node, ast.Import):
        return {_resolve(alias.name) for alias in node.names} - {None}
    base = _absolute(module, path, node)
    targets = set()
    for alias in node.names:
        # ``from pkg import sub`` imports the submodule ``pkg.sub``; ``from mod import name`` the module.
        submodule = f"{base}.{alias.name}"
        targets.add(submodule if submodule in modules() else _resolve(base))
    return targets - {None}


@cache
def parsed():
    return {module: ast.parse(path.read_text(encoding="utf-8"), str(path)) for module, path in modules().items()}


@cache
def imports():
    """Every import of a project module by a project module (module level or not)."""
    found = []
    for module, tree in parsed().items():
        path = modules()[module]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in sorted(_targets(module, path, node)):
                if target != module:
                    found.append(Import(module, target, node.lineno, ast.unparse(node)))
    return found


def app_of(module):
    return module.split(".")[0]


def kind_of(module):
    """``services`` for ``ateliers.services`` and ``ateliers.services.planning``; None for the app itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _cycles(graph):
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def _fail_if(problems, title):
    """Fail with one line per problem, without pytest's repr of the list."""
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n  " + "\n  ".join(str(p) for p in problems), pytrace=False)


def test_the_source_is_found():
    """Guard against a test that passes because it parsed nothing."""
    assert {"lab.models", "lab.scope", "lab.urls", "ateliers.models", "alertes.models"} <= modules().keys()
    assert any(i.source == "lab.urls" for i in imports())


def test_no_module_imports_a_higher_layer():
    problems = [
        i
        for i in imports()
        if LAYERS[app_of(i.target)] > LAYERS[app_of(i.source)]
        and i.source not in UPWARD_ALLOWED
        and not any(i.source == p or i.source.startswith(p + ".") for p in UPWARD_ALLOWED_PACKAGES)
    ]
    _fail_if(
        problems,
        "Upward imports (order: " + " < ".join(LAYERS) + "; register into a lower layer from AppConfig.ready())",
    )


def test_no_import_cycle():
    graph = defaultdict(set)
    for i in imports():
        graph[i.source].add(i.target)
    cycles = _cycles(graph)
    if not cycles:
        return
    described = []
    for component in cycles:
        members = set(component)
        closing = [f"\n      {i}" for i in imports() if i.source in members and i.target in members]
        described.append("between " + ", ".join(component) + ":" + "".join(closing))
    _fail_if(described, "Import cycles, each with the imports that close it")


def test_no_is_installed_check_on_our_own_apps():
    problems = []
    for module, tree in parsed().items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", None)) == "is_installed"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value.split(".")[0] in LAYERS
            ):
                problems.append(f"{module} (line {node.lineno}): {ast.unparse(node)}")
    _fail_if(
        problems, "apps.is_installed() on one of the project's apps (register from the app's AppConfig.ready() instead)"
    )


def test_no_long_module():
    problems = []
    for module, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and module not in LONG_MODULES:
            problems.append(f"{path.relative_to(ROOT)}: {lines} lines")
    _fail_if(problems, f"Modules over {MAX_LINES} lines (split them, or move data to data files)")


def test_long_module_exceptions_are_still_needed():
    for module, reason in LONG_MODULES.items():
        assert reason, f"{module}: an exception needs its reason"
        assert module in modules(), f"{module} is listed in LONG_MODULES but no longer exists"


def test_models_and_services_import_no_upper_kind_of_their_app():
    problems = [
        i
        for i in imports()
        if app_of(i.source) == app_of(i.target) and kind_of(i.target) in FORBIDDEN_WITHIN_APP.get(kind_of(i.source), ())
    ]
    _fail_if(problems, "Within an app, models import no services/forms/views/admin_views, services no forms/views")
