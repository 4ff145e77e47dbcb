"""« Réponses reçues »: the SMS replies of the structure's members, newest first, and what the team does with them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alertes import replies
from alertes.models import InboundReply
from alertes.views.base import PAGE_SIZE, module_view, scoped

#: ``?etat=`` values of the list: every reply, or only those still to handle.
TO_HANDLE = "a-traiter"


@module_view
def reply_list(request, structure):
    only_open = request.GET.get("etat") == TO_HANDLE
    found = scoped(request, InboundReply, structure).select_related("member", "handled_by")
    if only_open:
        found = found.filter(handled=False)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "alertes/reply_list.html",
        {
            "page": page,
            "only_open": only_open,
            "open_count": scoped(request, InboundReply, structure).filter(handled=False).count(),
            "querystring": f"etat={TO_HANDLE}&" if only_open else "",
        },
    )


def _back(request):
    """Back to the list the user came from (filter and page kept), never elsewhere."""
    etat = request.POST.get("etat") == TO_HANDLE
    page = request.POST.get("page", "")
    query = "&".join(
        part for part in (f"etat={TO_HANDLE}" if etat else "", f"page={page}" if page.isdigit() else "") if part
    )
    return redirect(f"{reverse('alertes:reply_list')}?{query}" if query else reverse("alertes:reply_list"))


@module_view
@require_POST
def reply_withdraw(request, structure, pk):
    reply = get_object_or_404(scoped(request, InboundReply, structure).select_related("member"), pk=pk)
    if replies.withdraw_from_reply(reply, request.user):
        messages.success(
            request, _("Accord retiré pour %(name)s : plus rien ne lui sera envoyé.") % {"name": reply.member}
        )
    else:
        messages.info(
            request, _("%(name)s n'avait déjà plus d'accord ; la réponse est marquée traitée.") % {"name": reply.member}
        )
    return _back(request)


@module_view
@require_POST
def reply_handled(request, structure, pk):
    reply = get_object_or_404(scoped(request, InboundReply, structure), pk=pk)
    handled = request.POST.get("traitee", "1") != "0"
    replies.mark_handled(reply, request.user, handled=handled)
    messages.success(request, _("Réponse marquée traitée.") if handled else _("Réponse remise à traiter."))
    return _back(request)
