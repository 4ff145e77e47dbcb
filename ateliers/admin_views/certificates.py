"""Certificates of attendance: one person's or one structure's PDF, and batches on the task queue
with their progress page and download."""

import logging

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ateliers.admin_views.common import _errors, _programme, _workshop
from ateliers.choices import BatchKind, BatchStatus
from ateliers.models import Certificate, CertificateBatch, Workshop
from ateliers.services import batches
from ateliers.services.certificate_files import certificate_download, store_certificate_file
from ateliers.services.certificates import (
    issue_person_certificate,
    issue_structure_certificate,
    issued_certificate,
)
from ateliers.tasks import enqueue_steps
from lab.infra.storage import private_download
from lab.models import Person, ProgrammePage, Structure
from lab.scope import CHANGE, VIEW, scope_for

logger = logging.getLogger(__name__)


def _back(request, default):
    """Where to go after a refused or impossible issue: the referring admin page, else ``default``."""
    back = request.META.get("HTTP_REFERER", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(default)


def _certificate_view(request, *, target, name, issue, issued, back):
    """GET serves the certificate already issued; POST issues it (facilitation and coordination only).

    ``target`` is the workshop or programme the user must be allowed to change to issue; ``issue``
    and ``issued`` build and look up the certificate; ``back`` is the page holding the button.
    """
    if request.method == "POST":
        if not scope_for(request.user).can(CHANGE, target):
            raise PermissionDenied
        try:
            certificate = issue()
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return _back(request, back)
        if not _stored(request, certificate):  # frozen: rendered, signed and kept once, at issue
            return _back(request, back)
        return redirect(request.path)  # the download, by GET
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    certificate = issued()
    if certificate is None:
        messages.error(
            request,
            _(
                "Le certificat de %(name)s n'a pas encore été émis : l'équipe d'animation du programme "
                "l'émet avec le bouton « Émettre le certificat »."
            )
            % {"name": name},
        )
        return redirect(back)
    if not _stored(request, certificate):
        return redirect(back)
    return _download(certificate, name)


def _stored(request, certificate):
    """Store ``certificate``'s signed document; without the instance's signing key, say so (and log why)."""
    try:
        store_certificate_file(certificate)
    except ImproperlyConfigured:
        logger.exception("Certificate %s could not be signed", certificate.code)
        messages.error(
            request,
            _(
                "Le certificat %(code)s est enregistré, mais son document n'a pas pu être signé : la clé de "
                "signature de l'instance n'est pas installée. Prévenez l'administrateur du site, puis "
                "téléchargez-le à nouveau."
            )
            % {"code": certificate.code},
        )
        return False
    return True


def _frozen_download(request, *, registered=False, **lookup):
    """A GET of a certificate already issued and stored, served from one query: the checks that the
    user may see its workshop (or programme) and its person (or structure) are part of it, given as
    ``lookup``'s relations. ``None`` sends the request through the full view (issuing by POST, the
    message when none is issued yet, 404s, a certificate still to be stored)."""
    if request.method not in ("GET", "HEAD"):
        return None
    relations = {"workshop": Workshop, "programme": ProgrammePage, "person": Person, "structure": Structure}
    certificates = Certificate.objects.filter(superseded_by__isnull=True, file__gt="", **lookup)
    if registered:  # a person's certificate for a workshop they are still registered to (one at most)
        certificates = certificates.filter(person__registrations__workshop_id=F("workshop_id"))
    certificates = scope_for(request.user).narrow(
        certificates, in_sql=True, **{name: model for name, model in relations.items() if f"{name}_id" in lookup}
    )
    # Only what the download needs, as values: the stored file and the name it is given.
    row = (
        certificates.order_by("-issued_at", "-pk")
        .values_list("code", "file", "person_id", "person__first_name", "person__last_name", "structure__name")
        .first()
    )
    if row is None:
        return None
    code, file, person_id, first_name, last_name, structure_name = row
    # (``from_db`` takes the values in the model's field order: « code » comes before « file ».)
    certificate = Certificate.from_db(certificates.db, ["code", "file"], [code, file])
    return _download(certificate, f"{first_name} {last_name}" if person_id else structure_name)


def _download(certificate, name):
    """The certificate's stored document, named after its person or structure and its code."""
    return certificate_download(certificate, f"certificat-{slugify(name)[:60]}-{certificate.code}.pdf")


def _person(request, person_pk):
    return get_object_or_404(scope_for(request.user).filter(Person.objects.all(), VIEW), pk=person_pk)


def _structure(request, structure_pk):
    return get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_pk)


def person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the workshop."""
    if response := _frozen_download(request, workshop_id=pk, person_id=person_pk, registered=True):
        return response
    workshop = _workshop(request, pk)
    person = _person(request, person_pk)
    if not workshop.registrations.filter(person=person).exists():
        raise Http404
    programme = workshop.programme
    return _certificate_view(
        request,
        target=workshop,
        name=str(person),
        issue=lambda: issue_person_certificate(programme, person, workshop=workshop, user=request.user),
        issued=lambda: issued_certificate(programme, workshop=workshop, person=person),
        back=reverse("ateliers_admin:workshop", args=[workshop.pk]),
    )


def structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the workshop: each of its people and its total."""
    if response := _frozen_download(request, workshop_id=pk, structure_id=structure_pk, person=None):
        return response
    workshop = _workshop(request, pk)
    structure = _structure(request, structure_pk)
    programme = workshop.programme
    return _certificate_view(
        request,
        target=workshop,
        name=structure.name,
        issue=lambda: issue_structure_certificate(programme, structure, workshop=workshop, user=request.user),
        issued=lambda: issued_certificate(programme, workshop=workshop, structure=structure),
        back=reverse("ateliers_admin:workshop", args=[workshop.pk]),
    )


def programme_person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the whole programme (every workshop they were registered to)."""
    if response := _frozen_download(request, programme_id=pk, workshop=None, person_id=person_pk):
        return response
    programme = _programme(request, pk)
    person = _person(request, person_pk)
    return _certificate_view(
        request,
        target=programme,
        name=str(person),
        issue=lambda: issue_person_certificate(programme, person, user=request.user),
        issued=lambda: issued_certificate(programme, person=person),
        back=reverse("ateliers_admin:planning", args=[programme.pk]),
    )


def programme_structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the whole programme (« un certificat d'assiduité pour chacun des CCAS »)."""
    if response := _frozen_download(request, programme_id=pk, workshop=None, structure_id=structure_pk, person=None):
        return response
    programme = _programme(request, pk)
    structure = _structure(request, structure_pk)
    return _certificate_view(
        request,
        target=programme,
        name=structure.name,
        issue=lambda: issue_structure_certificate(programme, structure, user=request.user),
        issued=lambda: issued_certificate(programme, structure=structure),
        back=reverse("ateliers_admin:planning", args=[programme.pk]),
    )


def _start_batch(request, programme, workshop):
    """A new batch (every certificate, or with ``contenu=structures`` one per structure), queued."""
    kind = BatchKind.STRUCTURES if request.POST.get("contenu") == BatchKind.STRUCTURES else BatchKind.ALL
    batch = CertificateBatch.objects.create(
        programme=programme, workshop=workshop, kind=kind, requested_by=request.user, heartbeat_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue_steps("prepare", [batch.pk]))
    return batch


@require_POST
def workshop_batch(request, pk):
    """Start the batch of every certificate of the workshop, in the background."""
    workshop = _workshop(request, pk, CHANGE)
    batch = _start_batch(request, workshop.programme, workshop)
    return redirect("ateliers_admin:batch", batch.pk)


@require_POST
def programme_batch(request, pk):
    """Start the batch of every certificate of the programme (all workshops together)."""
    programme = _programme(request, pk)
    if not scope_for(request.user).can(CHANGE, programme):
        raise PermissionDenied
    batch = _start_batch(request, programme, None)
    return redirect("ateliers_admin:batch", batch.pk)


def _batch(request, pk):
    return get_object_or_404(
        scope_for(request.user).filter(CertificateBatch.objects.select_related("workshop", "programme"), VIEW), pk=pk
    )


def batch_detail(request, pk):
    """The batch's progress bar (polled by a small script), then its download link."""
    batch = _batch(request, pk)
    return TemplateResponse(
        request,
        "ateliers/admin/batch.html",
        {
            "batch": batch,
            "progress": batches.progress(batch),
            "page_title": batches.batch_title(batch),
            "finished": batch.status in (BatchStatus.DONE, BatchStatus.FAILED),
            "can_retry": batch.status == BatchStatus.FAILED and scope_for(request.user).can(CHANGE, batch.programme),
        },
    )


def batch_status(request, pk):
    """JSON progress of a batch: certificates and parts done, state, and the download URL when ready."""
    batch = _batch(request, pk)
    ready = batch.status == BatchStatus.DONE and bool(batch.file)
    return JsonResponse(
        {
            "status": batch.status,
            "label": batch.get_status_display(),
            **batches.progress(batch),
            "error": batch.error,
            "download": reverse("ateliers_admin:batch_download", args=[batch.pk]) if ready else None,
        }
    )


@require_POST
def batch_retry(request, pk):
    """« Relancer » a failed batch: only its failed parts (or its failed step) run again."""
    batch = _batch(request, pk)
    if not scope_for(request.user).can(CHANGE, batch.programme):
        raise PermissionDenied
    step, ids = batches.retry(batch)
    if step is None:
        messages.warning(request, _("Ce lot n'est pas en échec : il n'y a rien à relancer."))
    else:
        transaction.on_commit(lambda: enqueue_steps(step, ids))
        messages.success(request, _("Le lot est relancé : seules les parts en échec sont produites à nouveau."))
    return redirect("ateliers_admin:batch", batch.pk)


def batch_download(request, pk):
    batch = _batch(request, pk)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise Http404
    return private_download(batch.file)
