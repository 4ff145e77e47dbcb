"""The read-only JSON API (Wagtail API v2): published pages, and the commons' resources.

``/api/v2/commun/`` takes the filters of /commun/ under the same names (``territoire`` with the
territories below it, ``thematique``, ``programme``, ``licence``, ``stade``, ``type``, ``mot-cle``), read by
the same FilterSet; a value that does not exist is answered 400 with its name. Every link is absolute
on the canonical base URL (``WAGTAILAPI_BASE_URL`` follows ``lab.infra.base_url``).
"""

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from home.filters import CommonsFilterSet
from home.models import CommonsEntry
from lab.infra.base_url import absolute_url

RESOURCE_FIELDS = [
    "title",
    "kind",
    "summary",
    "url",
    "programme_title",
    "territory_name",
    "theme_names",
    "tag_names",
    "stage",
    "licence",
    "licence_name",
    "licence_url",
    "published_at",
    "updated_at",
]
FILTER_PARAMS = tuple(CommonsFilterSet.base_filters)


class CommonsFilter(BaseFilterBackend):
    """The filters of /commun/, by the same names."""

    def filter_queryset(self, request, queryset, view):
        filterset = CommonsFilterSet(request.GET)
        for param, (value, cleaned) in filterset.given().items():
            if cleaned is None:
                raise BadRequestError(f"Le filtre « {param} » n'a pas de valeur « {value[:60]} ».")
            queryset = filterset.apply(queryset, param, cleaned)
        return queryset


class CommonsEntryAPIViewSet(BaseAPIViewSet):
    """`/api/v2/commun/`: every published resource with its licence, tags and themes."""

    model = CommonsEntry
    name = "commun"
    filter_backends = [FieldsFilter, CommonsFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(FILTER_PARAMS)
    body_fields = [*BaseAPIViewSet.body_fields, *RESOURCE_FIELDS]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, *RESOURCE_FIELDS]

    def get_queryset(self):
        return (
            CommonsEntry.objects.select_related("programme", "territory")
            .prefetch_related("themes", "tags")
            .order_by("-published_at", "pk")
        )


class CanonicalHtmlUrlField(PageHtmlUrlField):
    """A page's ``html_url`` on the canonical base URL, whatever the Site record says."""

    def to_representation(self, page):
        url = page.get_url()
        return absolute_url(url) if url else None


class CanonicalPageSerializer(PageSerializer):
    html_url = CanonicalHtmlUrlField(read_only=True)


class CanonicalPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = CanonicalPageSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CanonicalPagesAPIViewSet)
api_router.register_endpoint("commun", CommonsEntryAPIViewSet)
