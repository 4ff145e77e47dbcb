"""Runs the benchmark modules and prints one table of figures, baselines and ratios."""

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


@dataclass
class Row:
    bench: str
    figure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    bar: str = ""

    @property
    def ratio(self):
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline


class Report:
    def __init__(self):
        self.rows = []
        self.current = ""

    def row(self, figure, value, unit, *, baseline=None, baseline_label="", bar=""):
        row = Row(self.current, figure, value, unit, baseline, baseline_label, bar)
        self.rows.append(row)
        print(
            f"  {figure}: {value:.3f} {unit}" + (f" (référence {baseline:.3f} {unit})" if baseline else ""), flush=True
        )
        return row

    def table(self):
        header = ("banc", "mesure", "valeur", "référence", "ratio", "seuil")
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
                )
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for n, line in enumerate(lines):
            out.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)))
            if n == 0:
                out.append("-+-".join("-" * w for w in widths))
        return "\n".join(out)


def timed(function, *args, repeat=1, **kwargs):
    """Best wall-clock time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


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

    call_command("migrate", verbosity=0, interactive=False)


def main(argv):
    names = argv or sorted(
        m.name for m in pkgutil.iter_modules([str(BENCH_DIR)]) if m.name not in {"harness", "__main__"}
    )
    setup_django()
    report = Report()
    for name in names:
        print(f"== {name}", flush=True)
        report.current = name
        importlib.import_module(f"bench.{name}").run(report)
    print()
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
