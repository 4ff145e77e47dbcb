"""The floors the benches measure the product's pages against, routed only by the bench's URLconf
(``bench/urls.py``, installed by ``bench.harness.setup_django`` and by the load test's settings).

- ``admin_chrome``: an empty page in the Wagtail admin layout (sidebar menus, header, breadcrumbs,
  the admin's CSS and scripts), through the same middleware and the same admin access check as any
  admin page. An admin page is judged against « this chrome + the plain Django view of its rows »:
  what the admin layout costs is not something a page can remove.
- ``plain_json_save``: a plain JSON view that saves one attendance row (the floor of a tap on the
  attendance grid): read the row, set its status, ``save()``, answer JSON.
- ``plain_prototype``: the plain Django view of a prototype fiche for the load test: the page's row
  read by one query, its text fields rendered in a bare template.
- ``plain_commons``: the plain Django view of the commons index: its template and 20 rows, with no
  filter, facet or count, served through the same URL resolver and middleware as the index.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access

EMPTY_ADMIN_PAGE = """{% extends "wagtailadmin/generic/base.html" %}
{% block titletag %}{{ page_title }}{% endblock %}
{% block main_content %}{% endblock %}"""

PLAIN_PROTOTYPE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><main><h1>{{ page.title }}</h1><p>{{ page.summary }}</p>{{ page.need|linebreaks }}{{ page.audience|linebreaks }}
{{ page.solution|linebreaks }}<p>{{ page.get_stage_display }}</p>{{ page.team|linebreaks }}
{{ page.resources_costs|linebreaks }}{{ page.economic_model|linebreaks }}<p>{{ page.get_licence_display }}</p></main>
</body></html>"""


@require_admin_access
def admin_chrome(request):
    """An admin page with nothing in it but the admin's own layout."""
    from lab.admin_views import admin_chrome as chrome

    template = engines["django"].from_string(EMPTY_ADMIN_PAGE)
    return TemplateResponse(request, template, chrome("Plancher", "Banc", "/admin/"))


@login_required
@require_POST
def plain_json_save(request):
    """One attendance row saved and answered in JSON, nothing else."""
    from ateliers.models import Attendance

    mark = get_object_or_404(Attendance, pk=request.POST.get("pk", "0"))
    mark.status = request.POST.get("status", mark.status)
    mark.save()
    return JsonResponse({"ok": True, "status": mark.status, "recorded_at": mark.recorded_at.isoformat()})


def plain_prototype(request, pk):
    """The prototype's row and its body, in a bare page (no Wagtail page serving, no site chrome)."""
    from projets.models import PrototypePage

    page = get_object_or_404(PrototypePage.objects.live().public(), pk=pk)
    return HttpResponse(engines["django"].from_string(PLAIN_PROTOTYPE).render({"page": page}))


def plain_commons(request):
    """The commons index's template with the 20 latest rows: no filter, facet, count or search."""
    from django.shortcuts import render

    from home.models import CommonsEntry

    results = list(CommonsEntry.objects.select_related("programme", "territory").order_by("-published_at")[:20])
    return render(
        request, "home/commons_index.html", {"results": results, "facets": [], "total": len(results), "sorts": {}}
    )
