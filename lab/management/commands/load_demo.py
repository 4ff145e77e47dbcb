"""Load the demo built from the seeds: `manage.py load_demo [--reset]`. Safe to run twice."""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string, module_has_submodule

from lab.demo import PROJECT_APPS, DemoContext, reset_demo


class Command(BaseCommand):
    help = "Charge la démonstration issue des appels d'offres (idempotent ; --reset pour repartir de zéro)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Efface les données de démonstration avant de les recharger."
        )

    def handle(self, *args, reset=False, **options):
        if reset:
            reset_demo()
            self.stdout.write("Données de démonstration effacées.")
        context = DemoContext(stdout=self.stdout)
        # Each app of the project contributes its part through `<app>.demo.load(context)`, in the
        # order of INSTALLED_APPS: the core domain first, then the apps that build on it.
        for app_config in apps.get_app_configs():
            if app_config.name in PROJECT_APPS and module_has_submodule(app_config.module, "demo"):
                with transaction.atomic():
                    import_string(f"{app_config.name}.demo.load")(context)
        # Files of deliverables, exports, receipts… never stay public (idempotent).
        call_command("move_private_files", stdout=self.stdout)
        if settings.DOCUMENT_SIGNING_SELF_SIGNED:  # the demo's key signing certificates, under var/signing/
            call_command("signing_identity", stdout=self.stdout)
        context.report_admin()
