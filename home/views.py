"""Public directory of structures and territories, and the site search."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from home.filters import MAX_QUERY_LENGTH, StructureDirectoryFilterSet
from lab.choices import StructureKind, TerritoryLevel
from lab.models import Structure, Territory
from lab.territory_names import with_labels

DIRECTORY_PAGE_SIZE = 50


def structure_directory(request):
    """Every structure, filtered by territory (with the territories below it) and kind."""
    filterset = StructureDirectoryFilterSet(
        request.GET, queryset=Structure.objects.select_related("territory").order_by("name")
    )
    structures = filterset.structures
    territory = filterset.form.cleaned_data.get("territoire")
    page = Paginator(structures, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/structure_directory.html",
        {
            "page_obj": page,
            "territory": territory,
            "unknown_territory": "territoire" in filterset.form.errors,
            # Every territory down to the communes, and the quartiers where a structure is.
            "territories": with_labels(
                Territory.objects.filter(
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
                .only("name", "slug", "level")
            ),
            "kinds": StructureKind.choices,
            "selected_kind": request.GET.get("type", ""),
            "query": filterset.query,
        },
    )


def structure_detail(request, slug):
    """A structure's public card: address, phone, territory and the programmes it takes part in."""
    structure = get_object_or_404(Structure.objects.select_related("territory__parent__parent"), slug=slug)
    programmes = structure.programmes.live().public().order_by("-start_date")
    return render(request, "home/structure_detail.html", {"structure": structure, "programmes": programmes})


def territory_list(request):
    """The territory tree, each node linking to the directory filtered on it."""
    territories = with_labels(Territory.objects.order_by("name").only("name", "slug", "level", "parent_id", "is_qpv"))
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
