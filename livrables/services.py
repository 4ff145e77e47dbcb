"""Deliverables: submission by the programme team, validation or send-back by the funder.

Each step is recorded in the deliverable's history (who, when, comment) and notifies the people
concerned by e-mail through Django's e-mail backend, once the transaction has committed.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lab.choices import ProgrammeRoleKind
from lab.infra.base_url import base_url
from lab.scope import PROGRAMME_EDITORS, scope_for
from lab.services import programme_editor_group, programme_funder_group
from livrables.choices import DeliverableAction, DeliverableStatus
from livrables.models import Deliverable, DeliverableEvent

SUBMITTABLE = {DeliverableStatus.TO_DO, DeliverableStatus.IN_PROGRESS, DeliverableStatus.SENT_BACK}


def may_submit(user, deliverable):
    """The programme's coordinators and facilitators, the deliverable's responsible, administrators."""
    scope = scope_for(user)
    return (
        scope.is_admin
        or deliverable.programme_id in scope.programme_ids(PROGRAMME_EDITORS)
        or (deliverable.responsible_id is not None and deliverable.responsible_id == user.pk)
    )


def may_review(user, deliverable):
    """The programme's funder reviewers (financeurs, pilotes) and administrators."""
    scope = scope_for(user)
    return scope.is_admin or deliverable.programme_id in scope.programme_ids({ProgrammeRoleKind.FUNDER})


#: The parent collection of every programme's deliverable files (anonymous visitors refused).
DELIVERABLES_COLLECTION = "Livrables"


def deliverable_collection(programme):
    """The collection « Livrables — <programme> » that holds the programme's deliverable files.

    Wagtail's document serve view applies its ``CollectionViewRestriction``: only the programme's
    editors (coordinators, facilitators) and funders, and site administrators, get the files; anyone
    else is sent to the login page. Created on first use, and its restriction kept in step.
    """
    from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=DELIVERABLES_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=DELIVERABLES_COLLECTION)
    CollectionViewRestriction.objects.get_or_create(
        collection=parent, defaults={"restriction_type": BaseViewRestriction.LOGIN}
    )
    name = f"{DELIVERABLES_COLLECTION} — {programme.short_name or programme.title}"[:255]
    collection = parent.get_children().filter(name=name).first()
    if collection is None:
        collection = parent.add_child(name=name)
    restriction, _created = CollectionViewRestriction.objects.update_or_create(
        collection=collection, defaults={"restriction_type": BaseViewRestriction.GROUPS}
    )
    restriction.groups.set([programme_editor_group(programme), programme_funder_group(programme)])
    return collection


def hidden_deliverable_collections(user):
    """The deliverables' collections whose documents ``user`` may not get (for the chooser)."""
    from wagtail.models import Collection, CollectionViewRestriction

    parent = Collection.get_first_root_node().get_children().filter(name=DELIVERABLES_COLLECTION).first()
    if parent is None or user.is_superuser:
        return Collection.objects.none()
    allowed = CollectionViewRestriction.objects.filter(groups__in=user.groups.all()).values("collection")
    return parent.get_descendants().exclude(pk__in=allowed)


def protect_document(programme, document):
    """Move a deliverable's document into the programme's restricted collection (if elsewhere)."""
    if document is None:
        return
    collection = deliverable_collection(programme)
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])


def protect_deliverable_documents(deliverables=None):
    """Put the documents of ``deliverables`` (default: all) and of their history in their
    programme's restricted collection; return how many documents were looked at."""
    deliverables = Deliverable.objects.all() if deliverables is None else deliverables
    count = 0
    for deliverable in deliverables.select_related("programme", "document"):
        documents = [deliverable.document] + [
            event.document for event in deliverable.events.select_related("document").exclude(document=None)
        ]
        for document in documents:
            if document is not None:
                protect_document(deliverable.programme, document)
                count += 1
    return count


def _record(deliverable, action, user, comment="", document=None):
    DeliverableEvent.objects.create(
        deliverable=deliverable,
        action=action,
        actor=user,
        comment=comment,
        status_after=deliverable.status,
        document=document,
    )


@transaction.atomic
def start(deliverable, user):
    """Mark a deliverable as being produced."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not may_submit(user, deliverable):
        raise PermissionDenied
    if deliverable.status not in (DeliverableStatus.TO_DO, DeliverableStatus.SENT_BACK):
        raise ValidationError(_("Ce livrable est déjà en production ou soumis."))
    deliverable.status = DeliverableStatus.IN_PROGRESS
    deliverable.save(update_fields=["status"])
    _record(deliverable, DeliverableAction.STARTED, user)
    return deliverable


@transaction.atomic
def submit(deliverable, user, comment="", document=None):
    """Submit a deliverable for validation; it needs a file or a linked page to review."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not may_submit(user, deliverable):
        raise PermissionDenied
    if deliverable.status not in SUBMITTABLE:
        raise ValidationError(
            _("Ce livrable est « %(status)s » : il ne peut pas être soumis à nouveau.")
            % {"status": deliverable.get_status_display()}
        )
    if document is not None:
        protect_document(deliverable.programme, document)
        deliverable.document = document
    if deliverable.document_id is None and deliverable.page_id is None:
        raise ValidationError(_("Joignez un fichier ou liez une page avant de soumettre ce livrable."))
    deliverable.status = DeliverableStatus.SUBMITTED
    deliverable.save(update_fields=["status", "document"])
    _record(deliverable, DeliverableAction.SUBMITTED, user, comment, deliverable.document)
    _notify(deliverable, DeliverableAction.SUBMITTED, user, comment, _reviewers(deliverable))
    return deliverable


@transaction.atomic
def review(deliverable, user, *, approve, comment=""):
    """Validate a submitted deliverable, or send it back with a comment saying what to change."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not may_review(user, deliverable):
        raise PermissionDenied
    if deliverable.status != DeliverableStatus.SUBMITTED:
        raise ValidationError(_("Seul un livrable soumis peut être validé ou renvoyé."))
    if not approve and not comment.strip():
        raise ValidationError(_("Dites ce qui est à reprendre : le commentaire est obligatoire pour renvoyer."))
    deliverable.status = DeliverableStatus.VALIDATED if approve else DeliverableStatus.SENT_BACK
    deliverable.save(update_fields=["status"])
    action = DeliverableAction.VALIDATED if approve else DeliverableAction.SENT_BACK
    _record(deliverable, action, user, comment)
    _notify(deliverable, action, user, comment, _team(deliverable))
    return deliverable


def _reviewers(deliverable):
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(
            programme_roles__programme_id=deliverable.programme_id,
            programme_roles__role=ProgrammeRoleKind.FUNDER,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _team(deliverable):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = set(
        users.filter(
            programme_roles__programme_id=deliverable.programme_id, programme_roles__role__in=PROGRAMME_EDITORS
        ).values_list("email", flat=True)
    )
    if deliverable.responsible_id and deliverable.responsible.email:
        emails.add(deliverable.responsible.email)
    emails.update(
        deliverable.events.filter(action=DeliverableAction.SUBMITTED, actor__is_active=True)
        .exclude(actor__email="")
        .values_list("actor__email", flat=True)
    )
    return sorted(emails)


def _notify(deliverable, action, actor, comment, recipients):
    if not recipients:
        return
    context = {
        "deliverable": deliverable,
        "action": DeliverableAction(action).label,
        "actor": actor.get_full_name() or actor.get_username(),
        "comment": comment,
        "base_url": base_url(),
    }
    subject = _("[Labo commun] %(title)s : %(action)s") % {"title": deliverable.title, "action": context["action"]}
    body = render_to_string("livrables/email/deliverable_event.txt", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
