from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivrablesConfig(AppConfig):
    name = "livrables"
    verbose_name = _("Livrables")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lab import scope
        from livrables import signals
        from livrables.models import (
            Deliverable,
            DeliverableEvent,
            Expense,
            ExportJob,
            ExportPart,
            ReviewNarrative,
            ReviewStructureParagraph,
            Story,
        )

        scope.register(Deliverable, programme="programme")
        scope.register(DeliverableEvent, programme="deliverable__programme")
        scope.register(Expense, programme="programme")
        scope.register(ExportJob, programme="programme")
        scope.register(ExportPart, programme="batch__programme")
        scope.register(ReviewNarrative, programme="programme")
        scope.register(ReviewStructureParagraph, programme="narrative__programme")
        scope.register(Story, structure="project__structure", programme="project__programme")
        signals.connect()

        from lab.services import register_structure_section
        from livrables.structure_sheet import structure_sheet_section

        register_structure_section(structure_sheet_section)

        from lab.infra.storage import register_private_file_field, register_private_files_task
        from livrables.services import protect_deliverable_documents

        register_private_file_field("livrables.ExportJob", "file")
        register_private_file_field("livrables.ExportPart", "file")
        register_private_file_field("livrables.Expense", "receipt")
        register_private_files_task(
            protect_deliverable_documents,
            "Livrables : {count} document(s) dans les collections restreintes des programmes.",
        )

        from lab.infra.batches import register_sweep
        from livrables.tasks import sweep

        register_sweep(sweep)
