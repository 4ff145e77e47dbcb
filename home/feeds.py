"""RSS and Atom feeds of the commons' resources: every new resource, or those of any search with its
filters (``/commun/flux.atom?q=sms&territoire=nord`` follows what ``/commun/?q=sms&territoire=nord`` shows).

Every link is absolute on the canonical base URL (``lab.infra.base_url``).
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from home.commons_views import CommonsSearch
from home.models import CommonsEntry
from lab.infra.base_url import absolute_url

FEED_SIZE = 50
#: The parameters of /commun/ a feed follows (not the page nor the sort: a feed is by date).
FEED_PARAMS = ("q", "territoire", "thematique", "stade", "type", "programme", "mot-cle", "licence")


class CommonsFeed(Feed):
    title = _("Le commun — nouvelles ressources")
    description = _("Les prototypes, comptes-rendus et outils publiés sous licence libre par les laboratoires.")

    def get_object(self, request, *args, **kwargs):
        """The search's parameters (empty: every resource)."""
        return {param: request.GET.get(param, "")[:200] for param in FEED_PARAMS if request.GET.get(param, "").strip()}

    def link(self, params):
        return absolute_url("/commun/" + (f"?{urlencode(params)}" if params else ""))

    def items(self, params):
        if not params:
            return CommonsEntry.objects.select_related("programme").order_by("-published_at")[:FEED_SIZE]
        ids = CommonsSearch(params).ordered_ids("date")[:FEED_SIZE]
        by_pk = CommonsEntry.objects.select_related("programme").in_bulk(ids)
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(item.url_path)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class CommonsAtomFeed(CommonsFeed):
    feed_type = Atom1Feed
    subtitle = CommonsFeed.description
