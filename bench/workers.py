"""Real task workers for the benches: `manage.py db_worker` subprocesses on the bench's database.

Not a bench itself (listed in ``harness.NOT_BENCHES``): ``bench.certificates`` runs certificate
batches through 1 and 2 of them, and kills one mid-batch.
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
