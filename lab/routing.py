"""How a public page is found: Wagtail's routing, in fewer queries.

Wagtail walks a URL one level at a time (per level: the child by its slug, then its specific row).
The mixin below gives the same answers with one query for the walk and one for the served page's
row (docs/DEVELOPING.md, « Routing »).
"""

from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult

#: The levels of a URL read by the one query: deeper than any page of the site; a longer path (a URL of
#: a thousand « a/ ») is walked beyond them by Wagtail, which stops at its first unknown slug, instead
#: of growing the query by the square of its length.
MAX_LEVELS = 8


class PrefixRoutingMixin:
    """For the site's root page class: every page of the URL is read in one query, by its ``url_path``.

    The walk then follows Wagtail's ``Page.route`` level by level, in memory: a page whose class has
    its own ``route`` (a ``RoutablePageMixin`` page) takes over with the rest of the path, so its
    sub-routes keep priority over its children; intermediate pages need not be live, the last one
    must be. A level the query did not find (a missing slug, or a ``url_path`` out of step with the
    tree) is left to Wagtail's own walk from its parent, which answers 404 or finds it the slow way.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        levels = path_components[:MAX_LEVELS]
        prefixes, url_path = [], self.url_path
        for component in levels:
            url_path += f"{component}/"
            prefixes.append(url_path)
        # The slug narrows the query to its index (``url_path`` has none); pages are then found by
        # parent and slug, which is Wagtail's own ``get_children().get(slug=…)``.
        found = {
            (page.path[: -page.steplen], page.slug): page
            for page in Page.objects.filter(slug__in=set(levels), url_path__in=prefixes).order_by()
        }
        parent = self
        for index, slug in enumerate(path_components):
            page = found.get((parent.path, slug))
            if page is None:
                return Page.route(parent, request, path_components[index:])
            page._cached_parent_obj = parent  # as Wagtail does: get_parent() costs no query
            if overrides_route(page.specific_class):
                return served_page(page).route(request, path_components[index + 1 :])
            parent = page
        if not parent.live:
            raise Http404
        return RouteResult(served_page(parent))


def overrides_route(page_class):
    """Whether pages of this class route their own sub-paths (no query: content types are cached)."""
    if page_class is None:  # a page type no longer in the code: Wagtail routes it as a plain page
        return False
    return page_class.route not in (Page.route, PrefixRoutingMixin.route)


def served_page(page):
    """The page in its specific class, read in one query with the relations its class lists in
    ``served_select_related`` (what its template shows: its structure, its programme…)."""
    page_class = page.specific_class
    related = getattr(page_class, "served_select_related", ())
    if not related:
        return page.specific
    specific = page_class._default_manager.select_related(*related).get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    return specific
