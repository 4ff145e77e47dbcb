"""`manage.py alertes_sweep [--loop SECONDS] [--stale-minutes N]`: run it every minute (cron, timer).

Puts back messages left « en cours d'envoi » by a dead worker, queues due pending messages, dispatches
due campaigns and reminders, and closes finished campaigns.
"""

import time

from django.core.management.base import BaseCommand

from alertes.sending import sweep


class Command(BaseCommand):
    help = "Relance les envois en souffrance et démarre les campagnes et rappels arrivés à échéance."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="Recommence toutes les N secondes (0 : une fois).")
        parser.add_argument(
            "--stale-minutes", type=float, default=None, help="Âge d'un envoi bloqué (ALERTES_STALE_MINUTES)."
        )

    def handle(self, *args, loop=0, stale_minutes=None, **options):
        while True:
            result = sweep(stale_minutes=stale_minutes)
            self.stdout.write(
                "relancés: {revived}, campagnes: {campaigns}, rappels: {reminders}, mis en file: {queued}".format(
                    **result
                )
            )
            if not loop:
                return
            time.sleep(loop)
