"""`manage.py batches_sweep [--loop SECONDS]`: run it beside the workers (make run, make worker, the
production process list).

Queues again the parts of batches (certificates, exports) whose worker died mid-way, and the
preparation or join of a batch that nobody ran; fails a batch whose part was tried too often, with
the reason. Each app registers its sweep with ``lab.infra.batches.register_sweep``.
"""

import time

from django.core.management.base import BaseCommand

from lab.infra.batches import run_sweeps


class Command(BaseCommand):
    help = "Relance les parts de lots (certificats, exports) dont le processus s'est arrêté."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="Recommence toutes les N secondes (0 : une fois).")

    def handle(self, *args, loop=0, **options):
        while True:
            for name, counts in run_sweeps().items():
                self.stdout.write(f"{name}: " + ", ".join(f"{step} {count}" for step, count in counts.items()))
            if not loop:
                return
            time.sleep(loop)
