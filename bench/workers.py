"""Real task workers for the benches: `manage.py db_worker` subprocesses on the bench's database.

Not a bench itself (listed in ``harness.NOT_BENCHES``): ``bench.certificates`` runs certificate
batches through 1 and 2 of them, and kills one mid-batch; ``weasyprint_alone`` measures their ceiling,
WeasyPrint alone in as many processes at once.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Workers:
    """``count`` database-queue workers, started now, stopped (or killed) by ``stop``/``kill``."""

    def __init__(self, count, log_dir):
        self.processes = []
        for number in range(count):
            log = open(Path(log_dir) / f"worker-{len(self.processes)}-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
            self.processes.append(
                subprocess.Popen(  # noqa: S603 — our own manage.py, fixed arguments
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--queue-name",
                        "*",
                        "--interval",
                        "0.1",
                        "--no-reload",
                        "--no-startup-delay",
                        "--worker-id",
                        f"bench-{os.getpid()}-{number}-{time.monotonic_ns() % 100000}",
                    ],
                    cwd=ROOT,
                    env=os.environ.copy(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )

    def kill(self, index=0):
        """``kill -9`` one worker: it dies mid-task, leaving its part « en cours »."""
        process = self.processes.pop(index)
        process.send_signal(signal.SIGKILL)
        process.wait()

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []


def wait_for(predicate, *, timeout=900, every=0.05):
    """Poll ``predicate()`` until it returns a true value (returned), or raise after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError("les workers n'ont pas terminé le lot à temps")


def _render_alone(html, warm_up, ready, go):
    """In a process of its own: WeasyPrint warmed up on one certificate, then, once every process is
    ready, the whole HTML. Returns when it started and ended (a clock shared by the processes)."""
    import weasyprint

    from lab.infra import pdf as pdf_path

    resources = pdf_path._resources.get()

    def render(text):
        weasyprint.HTML(string=text, base_url=pdf_path.BASE_URL, url_fetcher=resources.fetcher).write_pdf(
            stylesheets=[resources.stylesheet], font_config=resources.font_config, pdf_tags=False
        )

    render(warm_up)  # the fonts, images and layout caches of a worker that has already rendered a part
    ready.release()
    go.wait()
    start = time.monotonic()
    render(html)
    return start, time.monotonic()


def weasyprint_alone(html, warm_up, processes):
    """Documents per second of WeasyPrint alone on ``html``, rendered by ``processes`` processes at
    once (each renders it whole): that many renderings side by side on this machine."""
    import multiprocessing

    context = multiprocessing.get_context("fork")  # a bench's measuring processes, not the product's
    with context.Manager() as manager:
        ready, go = manager.Semaphore(0), manager.Event()
        with context.Pool(processes) as pool:
            results = [pool.apply_async(_render_alone, (html, warm_up, ready, go)) for _ in range(processes)]
            for _ in range(processes):
                ready.acquire()
            go.set()
            spans = [result.get(timeout=600) for result in results]
    wall = max(end for _start, end in spans) - min(start for start, _end in spans)
    return processes / wall
