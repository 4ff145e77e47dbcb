"""The public addresses home serves outside Wagtail's pages, for the sitemap (``home.sitemaps``)."""

from django.urls import reverse


def core_entries():
    """The commons' index, the structure directory with each structure's card, the territory tree."""
    from lab.models import Structure

    yield reverse("commons_index"), None
    yield reverse("structure_directory"), None
    yield reverse("territory_list"), None
    for slug in Structure.objects.order_by("slug").values_list("slug", flat=True):
        if slug:
            yield reverse("structure_detail", args=[slug]), None
