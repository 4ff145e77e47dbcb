"""Public directory of structures and territories, and the site search."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from lab.choices import StructureKind, TerritoryLevel
from lab.models import Structure, Territory

DIRECTORY_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200


def _page_number(request):
    """The requested page number; anything unreadable means the first page."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def structure_directory(request):
    """Every structure, filtered by territory (with the territories below it) and kind."""
    structures = Structure.objects.select_related("territory").order_by("name")
    territory = None
    territory_slug = request.GET.get("territoire", "")
    if territory_slug:
        territory = Territory.objects.filter(slug=territory_slug).first()
        if territory is None:
            structures = structures.none()
        else:
            structures = structures.filter(territory__in=Territory.objects.filter(pk=territory.pk).with_descendants())
    kind = request.GET.get("type", "")
    if kind in StructureKind.values:
        structures = structures.filter(kind=kind)
    elif kind:
        structures = structures.none()
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if query:
        structures = structures.filter(name__icontains=query) | structures.filter(city__icontains=query)
    page = Paginator(structures, DIRECTORY_PAGE_SIZE).get_page(_page_number(request))
    return render(
        request,
        "home/structure_directory.html",
        {
            "page_obj": page,
            "territory": territory,
            "unknown_territory": bool(territory_slug) and territory is None,
            # Every territory down to the communes, and the quartiers where a structure is.
            "territories": Territory.objects.filter(
                Q(
                    level__in=[
                        TerritoryLevel.REGION,
                        TerritoryLevel.DEPARTEMENT,
                        TerritoryLevel.EPCI,
                        TerritoryLevel.COMMUNE,
                    ]
                )
                | Q(structures__isnull=False)
            )
            .distinct()
            .order_by("name")
            .only("name", "slug", "level"),
            "kinds": StructureKind.choices,
            "selected_kind": kind,
            "query": query,
        },
    )


def structure_detail(request, slug):
    """A structure's public card: address, phone, territory and the programmes it takes part in."""
    structure = get_object_or_404(Structure.objects.select_related("territory__parent__parent"), slug=slug)
    programmes = structure.programmes.live().public().order_by("-start_date")
    return render(request, "home/structure_detail.html", {"structure": structure, "programmes": programmes})


def territory_list(request):
    """The territory tree, each node linking to the directory filtered on it."""
    territories = list(Territory.objects.order_by("name").only("name", "slug", "level", "parent_id", "is_qpv"))
    children = {}
    for territory in territories:
        children.setdefault(territory.parent_id, []).append(territory)
    for territory in territories:
        territory.kids = children.get(territory.pk, [])
    return render(request, "home/territory_list.html", {"roots": children.get(None, [])})


def search(request):
    """The former site search: its links now open the commons, which searches every resource."""
    target = reverse("commons_index")
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target, permanent=True)
