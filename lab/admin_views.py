"""Admin views of the core domain: a participant's RGPD export and erasure."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lab.models import Person
from lab.privacy import erase_person, export_person
from lab.scope import CHANGE, scope_for


def admin_chrome(title, parent_label, parent_url):
    """Title and breadcrumbs of a custom Wagtail admin page: dashboard › parent › title."""
    return {
        "header_title": title,
        "page_title": title,
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Tableau de bord")},
            {"url": parent_url, "label": parent_label},
            {"url": "", "label": title},
        ],
    }


def _changeable_person(request, pk):
    """The person, if this user may change them; anyone else gets a 404."""
    return get_object_or_404(scope_for(request.user).filter(Person.objects.select_related("structure"), CHANGE), pk=pk)


def person_export(request, pk):
    person = _changeable_person(request, pk)
    response = HttpResponse(export_person(person, request.user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participant-{person.pk}-donnees.json"'
    return response


def person_erase(request, pk):
    person = _changeable_person(request, pk)
    if request.method == "POST":
        erase_person(person, request.user)
        messages.success(request, _("Les données personnelles du participant ont été effacées."))
        return redirect("wagtailsnippets_lab_person:list")
    title = _("Effacer les données de %(name)s") % {"name": person.full_name}
    return TemplateResponse(
        request,
        "lab/admin/person_erase.html",
        {"person": person, **admin_chrome(title, _("Participants"), reverse("wagtailsnippets_lab_person:list"))},
    )
