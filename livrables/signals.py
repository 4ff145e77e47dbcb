"""A deliverable's files always end up in its programme's restricted collection, however they were
attached (submission, the deliverable's admin form, a script)."""

from django.db.models.signals import post_save


def _protect_deliverable(sender, instance, raw=False, **kwargs):
    if raw or instance.document_id is None:  # raw: a backup being restored keeps its collections
        return
    from livrables.services import protect_document

    protect_document(instance.programme, instance.document)


def _protect_event(sender, instance, raw=False, **kwargs):
    if raw or instance.document_id is None:
        return
    from livrables.services import protect_document

    protect_document(instance.deliverable.programme, instance.document)


def connect():
    from livrables.models import Deliverable, DeliverableEvent

    post_save.connect(_protect_deliverable, sender=Deliverable, dispatch_uid="livrables_protect_deliverable")
    post_save.connect(_protect_event, sender=DeliverableEvent, dispatch_uid="livrables_protect_event")
