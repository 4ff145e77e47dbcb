"""The admin list of workshops: the markup built in Python (lab/infra/admin_cells.py, admin_filters.py)
is the page Wagtail's and Django's templates would render: same rows, links, buttons, menus, filters."""

import re
from unittest import mock

import pytest
from django.forms import Widget
from django.test.html import parse_html
from django.urls import reverse
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Table, TitleColumn

from ateliers.services.registrations import register
from lab.infra import admin_cells, admin_filters
from tests.ateliers.conftest import make_workshop
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"CSRF_TOKEN": "|nonce=")[^"]*"')


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(TOKENS.sub("", response.content.decode()))


def _with_templates():
    """Wagtail's and Django's template rendering in place of the Python-built markup."""
    return [
        mock.patch.object(admin_cells.PlainTable, "render_html", Table.render_html),
        mock.patch.object(admin_cells.PlainTitleColumn, "render_cell_html", TitleColumn.render_cell_html),
        mock.patch.object(
            admin_cells.PlainBulkActionsCheckboxColumn, "render_cell_html", BulkActionsCheckboxColumn.render_cell_html
        ),
        mock.patch.object(admin_filters.PlainChoiceWidgetMixin, "_render", Widget._render),
    ]


@pytest.mark.parametrize("query", ["", "?kind=labo&published=false&signup_open=false", "?q=labo&ordering=-start_date"])
def test_the_workshop_list_is_the_page_the_templates_render(world, labo, login, query):
    labo.title = "Labo <« l'inclusion » & co>"
    labo.save()
    make_workshop(world.programme_a, title="Deuxième atelier")
    client = login(world.coordinator)
    url = reverse("wagtailsnippets_ateliers_workshop:list") + query
    built = _page(client, url)
    patches = _with_templates()
    for patch in patches:
        patch.start()
    try:
        templated = _page(client, url)
    finally:
        for patch in patches:
            patch.stop()
    assert built == templated
    html = str(built)
    for text in ("Tableau de bord", "Émargement", "Modifier", "Copier", "Supprimer", "Labo &lt;« l&#x27;inclusion"):
        assert text in html


def test_the_workshop_list_runs_the_same_queries_with_one_workshop_or_several_pages(world, labo, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.coordinator)
    url = reverse("wagtailsnippets_ateliers_workshop:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(30):
        workshop = make_workshop(world.programme_a, title=f"Atelier {n}")
        register(workshop, PersonFactory(structure=world.structure_a))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("data-bulk-action-checkbox class") == 20
    assert len(many) == len(few)


def test_every_icon_of_the_list_and_the_dashboard_exists_in_wagtails_sprite(world, login):
    """A button whose icon Wagtail does not have shows an empty square (« Émargement » had « tick »,
    an icon of older Wagtail releases)."""
    from wagtail.admin.icons import get_icons

    workshop = make_workshop(world.programme_a, title="Atelier aux icônes")
    sprite = get_icons()
    coordinator = login(world.coordinator)
    for url in (
        reverse("wagtailsnippets_ateliers_workshop:list"),
        reverse("ateliers_admin:workshop", args=[workshop.pk]),
        reverse("wagtailsnippets_ateliers_attendance:list"),
    ):
        content = coordinator.get(url).content.decode()
        used = set(re.findall(r'href="#icon-([a-z0-9-]+)"', content))
        assert used, url
        assert not {name for name in used if f'id="icon-{name}"' not in sprite}, url
