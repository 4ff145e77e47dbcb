"""Certificates of attendance: one person's or one structure's PDF, and batches on the task queue
with their progress page and download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

#: The questionnaire synthesis' charts of choices: narrow, bars of one colour.
from ateliers.admin_views.common import _errors, _programme, _workshop
from ateliers.choices import BatchStatus
from ateliers.models import CertificateBatch
from ateliers.services.certificates import issue_person_certificate, issue_structure_certificate, render_certificates
from ateliers.tasks import render_certificate_batch
from lab.infra.pdf import pdf_response
from lab.infra.storage import private_download
from lab.models import Person, Structure
from lab.scope import CHANGE, VIEW, scope_for


def _certificate_response(request, build, name):
    try:
        certificate = build()
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("wagtailadmin_home")
        return redirect(back)
    pdf = render_certificates([certificate], title=_("Certificat d'assiduité"))
    return pdf_response(pdf, f"certificat-{slugify(name)[:60]}-{certificate.code}.pdf")


def person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the workshop."""
    workshop = _workshop(request, pk)
    person = get_object_or_404(scope_for(request.user).filter(Person.objects.all(), VIEW), pk=person_pk)
    if not workshop.registrations.filter(person=person).exists():
        raise Http404
    return _certificate_response(
        request,
        lambda: issue_person_certificate(workshop.programme, person, workshop=workshop, user=request.user),
        str(person),
    )


def structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the workshop: each of its people and its total."""
    workshop = _workshop(request, pk)
    structure = get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_pk)
    return _certificate_response(
        request,
        lambda: issue_structure_certificate(workshop.programme, structure, workshop=workshop, user=request.user),
        structure.name,
    )


def programme_person_certificate_pdf(request, pk, person_pk):
    """One person's certificate for the whole programme (every workshop they were registered to)."""
    programme = _programme(request, pk)
    person = get_object_or_404(scope_for(request.user).filter(Person.objects.all(), VIEW), pk=person_pk)
    return _certificate_response(
        request, lambda: issue_person_certificate(programme, person, user=request.user), str(person)
    )


def programme_structure_certificate_pdf(request, pk, structure_pk):
    """A structure's certificate for the whole programme (« un certificat d'assiduité pour chacun des CCAS »)."""
    programme = _programme(request, pk)
    structure = get_object_or_404(scope_for(request.user).filter(Structure.objects.all(), VIEW), pk=structure_pk)
    return _certificate_response(
        request, lambda: issue_structure_certificate(programme, structure, user=request.user), structure.name
    )


def _start_batch(request, programme, workshop):
    batch = CertificateBatch.objects.create(programme=programme, workshop=workshop, requested_by=request.user)
    transaction.on_commit(lambda: render_certificate_batch.enqueue(batch.pk))
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
            "page_title": _("Lot de certificats"),
            "finished": batch.status in (BatchStatus.DONE, BatchStatus.FAILED),
        },
    )


def batch_status(request, pk):
    """JSON progress of a batch: done / total, state and the download URL when ready."""
    batch = _batch(request, pk)
    return JsonResponse(
        {
            "status": batch.status,
            "label": batch.get_status_display(),
            "done": batch.done,
            "total": batch.total,
            "error": batch.error,
            "download": reverse("ateliers_admin:batch_download", args=[batch.pk])
            if batch.status == BatchStatus.DONE
            else None,
        }
    )


def batch_download(request, pk):
    batch = _batch(request, pk)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise Http404
    return private_download(batch.file)
