"""Public views of a prototype fiche: replication request, Markdown and PDF exports.

The replication form is a route of the page (``PrototypePage`` is routable); the exports live
under ``/projets/prototypes/<id>-<slug>/`` and only ever serve a live, public page.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lab.infra.pdf import pdf_response
from projets import notifications, services
from projets.forms import ContactForm, ReplicationRequestForm
from projets.models import PrototypePage


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def markdown_response(text, filename):
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def public_prototype(pk):
    """A live, public prototype fiche, or a 404 (drafts and private pages are never exported)."""
    return get_object_or_404(PrototypePage.objects.live().public().select_related("programme", "structure"), pk=pk)


def prototype_markdown(request, pk, slug):
    page = public_prototype(pk)
    return markdown_response(services.prototype_markdown(page), f"{page.slug}.md")


def specification_markdown(request, pk, slug):
    page = public_prototype(pk)
    return markdown_response(services.specification_markdown(page), f"cahier-des-charges-{page.slug}.md")


def specification_pdf(request, pk, slug):
    page = public_prototype(pk)
    return pdf_response(services.specification_pdf(page), f"cahier-des-charges-{slugify(page.title)}.pdf")


def economic_note_pdf(request, pk, slug):
    """The economic-model note of a live, public prototype fiche, as PDF (404 when it has none)."""
    from projets.economics import economic_note_filename
    from projets.economics import economic_note_pdf as render

    page = public_prototype(pk)
    note = getattr(page, "economic_note", None)
    if note is None:
        raise Http404
    return pdf_response(render(note), economic_note_filename(note))


def replicate(request, page):
    """« Nous voulons essaimer ce prototype »: the form on a page of its own; a request is stored for
    moderation, or the form comes back saying what is wrong, with the answers kept."""
    if request.method != "POST":
        return _replication_page(request, page, ReplicationRequestForm(prototype=page))
    form = ReplicationRequestForm(request.POST, prototype=page)
    if services.replication_rate_limited(client_ip(request)):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Trop de demandes ont été envoyées depuis votre connexion : réessayez dans une heure. Vos réponses sont conservées ci-dessous."
            ),
        )
    elif form.is_valid():
        replication = services.create_replication_request(page, form.cleaned_data)
        notifications.notify_replication_request(replication)
        messages.success(
            request,
            _("Merci ! Votre demande d'essaimage est enregistrée : elle apparaîtra sur la fiche une fois validée."),
        )
        return redirect(page.url + page.reverse_subpage("replicate"))
    return _replication_page(request, page, form, status=400)


def _replication_page(request, page, form, status=200):
    context = {"page": page, "self": page, "replication_form": form}
    return TemplateResponse(request, "projets/prototype_replicate.html", context, status=status)


def contact(request, page):
    """« Contacter l'équipe »: a message to the fiche's named contact, with the same protection from spam
    as the « essaimer » form; the contact's address is never shown. A fiche without a contact has no form."""
    if not page.can_be_contacted():
        raise Http404
    if request.method != "POST":
        return _contact_page(request, page, ContactForm(prototype=page))
    form = ContactForm(request.POST, prototype=page)
    if services.replication_rate_limited(client_ip(request)):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Trop de demandes ont été envoyées depuis votre connexion : réessayez dans une heure. Votre message est conservé ci-dessous."
            ),
        )
    elif form.is_valid():
        if notifications.send_contact_message(page, form.cleaned_data):
            messages.success(request, _("Merci ! Votre message a été envoyé : l'équipe vous répondra par courriel."))
            return redirect(page.url + page.reverse_subpage("contact"))
        form.add_error(
            None,
            _("Votre message n'a pas pu être envoyé pour le moment : réessayez plus tard, il est conservé ci-dessous."),
        )
    return _contact_page(request, page, form, status=400)


def _contact_page(request, page, form, status=200):
    context = {"page": page, "self": page, "contact_form": form}
    return TemplateResponse(request, "projets/prototype_contact.html", context, status=status)
