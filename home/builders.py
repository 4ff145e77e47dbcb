"""Builders of the home app's pages (the home page, tool pages), shared by the demo, the bench and
the tests. ``home_page`` is also registered in ``lab.builders`` (see ``HomeConfig.ready()``), so that
the core's demo can put its programmes under the home page without importing this app."""

from wagtail.models import Page, Site

from home.models import HomePage, ToolPage
from lab.builders import add_page, ensure_wagtail_base
from lab.infra.base_url import site_address

HOME_TITLE = "Labo commun"


def home_page(*, intro="", publish=False, site_name="", replace_welcome=False):
    """The site's home page, created (and made the default site's root) on first use.

    On creation it gets ``intro`` and, when ``publish``, a first published revision. The default
    site is then pointed at it (renamed ``site_name`` when given); with ``replace_welcome``,
    Wagtail's empty welcome page that the site pointed at before is deleted.
    """
    home = HomePage.objects.first()
    if home is None:
        ensure_wagtail_base()
        home = add_page(
            Page.get_first_root_node(), HomePage(title=HOME_TITLE, slug="accueil", intro=intro), publish=publish
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = site_address()  # the canonical base URL (WAGTAILADMIN_BASE_URL)
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=site_name)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        if site_name:
            site.site_name = site_name
        site.save()
        if replace_welcome and welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return home


def add_tool(parent, *, themes=(), tags=(), publish=True, **fields):
    """A methodological tool page under ``parent`` (a programme), with its themes and tags,
    published unless ``publish`` is false."""
    tool = ToolPage(**fields)
    parent.add_child(instance=tool)
    if themes:
        tool.themes = list(themes)
    tool.tags.add(*tags)
    if publish:
        tool.save_revision().publish()
    return tool
