"""RSS and Atom feeds of the commons' new resources."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from home.models import CommonsEntry

FEED_SIZE = 50


class CommonsFeed(Feed):
    title = _("Le commun — nouvelles ressources")
    link = "/commun/"
    description = _("Les prototypes, comptes-rendus et outils publiés sous licence libre par les laboratoires.")

    def items(self):
        return CommonsEntry.objects.select_related("programme").order_by("-published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url_path

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class CommonsAtomFeed(CommonsFeed):
    feed_type = Atom1Feed
    subtitle = CommonsFeed.description
