"""Runs the benchmark modules and prints one table of figures, baselines and ratios."""

import contextlib
import importlib
import os
import pkgutil
import re
import sys
import tempfile
import time
import types
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
#: Modules that are not benches; the data set is built first and the load test runs last.
NOT_BENCHES = {"harness", "__main__", "server_settings", "floors", "urls", "workers"}
FIRST, LAST = ["dataset"], ["loadtest"]


@dataclass
class Row:
    bench: str
    figure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    bar: str = ""
    met: bool | None = None

    @property
    def ratio(self):
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    @property
    def verdict(self):
        """True (met), False (missed) or None (no bar that a number can be checked against)."""
        return self.met if self.met is not None else evaluate(self.bar, self.value, self.ratio, self.baseline)


_BAR = re.compile(r"^\s*(<|≤|<=|>|≥|>=|=)\s*([0-9]+(?:[.,][0-9]+)?)\s*(×)?")


def evaluate(bar, value, ratio, baseline):
    """Check a bar written as the table shows it: « < 5 s », « ≥ 100 pages/s », « ≤ 1,3× » (a ratio
    to the baseline), « = 0 », « même nombre » (equal to the baseline). Anything else: None."""
    if not bar:
        return None
    if bar.startswith("même nombre"):
        return None if baseline is None else value == baseline
    match = _BAR.match(bar)
    if match is None:
        return None
    operator, number, times = match.groups()
    limit = float(number.replace(",", "."))
    measured = ratio if times else value
    if measured is None:
        return None
    return {
        "<": measured < limit,
        "<=": measured <= limit,
        "≤": measured <= limit,
        ">": measured > limit,
        ">=": measured >= limit,
        "≥": measured >= limit,
        "=": measured == limit,
    }[operator]


class Report:
    def __init__(self):
        self.rows = []
        self.notes = []
        self.current = ""

    def note(self, text):
        """A remark printed under the verdicts (what a figure must be read against)."""
        self.notes.append(f"{self.current} : {text}")

    def row(self, figure, value, unit, *, baseline=None, baseline_label="", bar="", met=None):
        row = Row(self.current, figure, value, unit, baseline, baseline_label, bar, met)
        self.rows.append(row)
        print(
            f"  {figure}: {value:.3f} {unit}" + (f" (référence {baseline:.3f} {unit})" if baseline else ""), flush=True
        )
        return row

    def table(self):
        header = ("banc", "mesure", "valeur", "référence", "ratio", "seuil", "verdict")
        lines = [header]
        for r in self.rows:
            lines.append(
                (
                    r.bench,
                    r.figure,
                    f"{r.value:.3f} {r.unit}",
                    f"{r.baseline:.3f} {r.unit} ({r.baseline_label})" if r.baseline is not None else "—",
                    f"{r.ratio:.2f}×" if r.ratio is not None else "—",
                    r.bar or "—",
                    {True: "atteint", False: "MANQUÉ", None: "—"}[r.verdict],
                )
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for n, line in enumerate(lines):
            out.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)))
            if n == 0:
                out.append("-+-".join("-" * w for w in widths))
        return "\n".join(out)

    def verdicts(self):
        """One line per bar: met or missed."""
        lines = []
        for r in self.rows:
            if r.verdict is None:
                continue
            shown = (
                f"{r.ratio:.2f}×" if r.bar.rstrip().endswith("×") and r.ratio is not None else f"{r.value:.4g} {r.unit}"
            )
            lines.append(f"{'atteint' if r.verdict else 'MANQUÉ '} — {r.bench} : {r.figure} = {shown} (seuil {r.bar})")
        return "\n".join(lines)


def timed(function, *args, repeat=1, **kwargs):
    """Best wall-clock time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def interleaved(repeat, **functions):
    """Best wall-clock time of each function (no arguments), called in turn ``repeat`` times: on a
    shared machine a page and its floor then see the same load, so their ratio is what counts."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def get_ok(client, url, *args, **kwargs):
    """A GET that must answer 200 (a floor or a page that fails would give a meaningless ratio)."""
    response = client.get(url, *args, **kwargs)
    if response.status_code != 200:
        raise AssertionError(f"{url}: HTTP {response.status_code}")
    return response


def admin_chrome_url():
    """The empty page in the Wagtail admin layout (``bench/floors.py``): the chrome floor."""
    from django.urls import reverse

    return reverse("bench_admin_chrome")


def admin_page_row(report, figure, seconds, *, chrome, plain, plain_label, bar="≤ 2×"):
    """An admin page against « chrome floor + plain rows » (times in seconds), with the two parts of
    its floor in the label; the bar is a ratio to that sum."""
    return report.row(
        figure,
        seconds * 1000,
        "ms",
        baseline=(chrome + plain) * 1000,
        baseline_label=f"plancher : admin vide {chrome * 1000:.1f} + {plain_label} {plain * 1000:.1f}",
        bar=bar,
    )


def query_count(client, url):
    """SQL queries of a warm GET of ``url`` (the first request fills the caches of the process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url}: HTTP {response.status_code}")
    return len(queries)


@contextlib.contextmanager
def floor_urls(*patterns):
    """Serve ``patterns`` (a bench's floor views) beside the site's URLs, so that a floor goes through
    the same middleware stack as the page it is compared with (paths under a private prefix such as
    ``/alertes/`` are never served from the public page cache)."""
    from django.conf import settings
    from django.test import override_settings
    from django.urls import include, path

    module = types.ModuleType("bench_floor_urls")
    module.urlpatterns = [*patterns, path("", include(settings.ROOT_URLCONF))]
    with override_settings(ROOT_URLCONF=module):
        yield


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lab.settings.dev")
    # The benchmarks call views through Django's test client, whose host is "testserver".
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="labo-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("MEDIA_ROOT", f"{folder}/media")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # The product's URLs and the floors of bench/floors.py (routed nowhere else).
    override_settings(ROOT_URLCONF="bench.urls").enable()

    call_command("migrate", verbosity=0, interactive=False)


def main(argv):
    if not argv:
        found = sorted(m.name for m in pkgutil.iter_modules([str(BENCH_DIR)]) if m.name not in NOT_BENCHES)
        argv = [n for n in FIRST if n in found] + [n for n in found if n not in FIRST + LAST] + LAST
    names = argv
    setup_django()
    started = time.perf_counter()
    report = Report()
    for name in names:
        print(f"== {name}", flush=True)
        report.current = name
        importlib.import_module(f"bench.{name}").run(report)
    print()
    print(report.table())
    print()
    print(report.verdicts())
    for note in report.notes:
        print(f"note    — {note}")
    missed = sum(r.verdict is False for r in report.rows)
    met = sum(r.verdict is True for r in report.rows)
    print(f"\n{met} seuils atteints, {missed} manqués. Durée totale : {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
