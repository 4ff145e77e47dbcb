"""The read-only JSON API (Wagtail API v2): published pages, and the commons' resources."""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from home.models import CommonsEntry

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


class CommonsEntryAPIViewSet(BaseAPIViewSet):
    """`/api/v2/commun/`: every published resource with its licence, tags and themes."""

    model = CommonsEntry
    name = "commun"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [*BaseAPIViewSet.body_fields, *RESOURCE_FIELDS]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, *RESOURCE_FIELDS]

    def get_queryset(self):
        return (
            CommonsEntry.objects.select_related("programme", "territory")
            .prefetch_related("themes", "tags")
            .order_by("-published_at", "pk")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("commun", CommonsEntryAPIViewSet)
