"""Public URLs routed in one query from the site's root (``lab.routing``), with Wagtail's answers.

Each case is checked two ways: what a visitor gets, and that ``PrefixRoutingMixin.route`` returns
what Wagtail's own walk (``Page.route`` from the same root, level by level) returns for that path.
"""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from lab.builders import add_page
from projets.models import PrototypePage
from tests.factories import make_programme
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(world):
    """Programme A with a live prototype that has a contact, a plain page under a routable page
    (no page type allows it in the admin, the tree does), and a draft prototype."""
    programme = world.programme_a
    prototype = make_prototype(
        programme, title="Alertes SMS", contact_name="Claire Exemple", contact_email="claire@exemple.invalid"
    )
    child = add_page(prototype, Page(title="Sous-page", slug="sous-page"))
    draft = make_prototype(programme, title="Brouillon", publish=False)
    draft.unpublish()
    return programme, prototype, child, draft


@pytest.fixture
def root(tree, home):
    """The site's root as a request reads it (the ``home`` fixture's object predates its children)."""
    return Page.objects.get(pk=home.pk).specific


def components(path):
    return [part for part in path.split("/") if part]


def route(root, path, *, wagtail=False):
    """What routing ``path`` from ``root`` returns: (page id, page class, view name, args, kwargs),
    or 404. With ``wagtail``, Wagtail's own walk from the same root."""
    request = RequestFactory().get(path)
    try:
        result = Page.route(root, request, components(path)) if wagtail else root.route(request, components(path))
    except Http404:
        return 404
    view, args, kwargs = (result.args[0].__name__, *result.args[1:]) if result.args else (None, (), {})
    return result.page.pk, type(result.page), view, args, kwargs


def paths_of(programme, prototype, child, draft):
    base = f"/{programme.slug}/{prototype.slug}/"
    return [
        "/",
        f"/{programme.slug}/",
        base,
        f"{base}essaimer/",
        f"{base}contacter/",
        f"{base}{child.slug}/",
        f"{base}{child.slug}/plus-loin/",
        f"{base}inconnu/",
        f"{base}essaimer/en-trop/",
        f"/{programme.slug}/{draft.slug}/",
        f"/{programme.slug}/inconnu/",
        "/inconnu/",
        "/inconnu/alertes-sms/",
    ]


def test_the_fiche_is_found_in_one_query_then_read_in_one(root, tree, django_assert_num_queries):
    programme, prototype, _child, _draft = tree
    with django_assert_num_queries(2):  # every page of the path by its url_path, then the fiche's row
        found = route(root, f"/{programme.slug}/{prototype.slug}/")
    assert found == (prototype.pk, PrototypePage, "fiche", (), {})


def test_every_path_gets_wagtails_answer(root, tree):
    for path in paths_of(*tree):
        assert route(root, path) == route(root, path, wagtail=True), path


def test_the_visitor_gets_the_fiche_and_its_sub_routes(client, tree):
    _programme, prototype, _child, _draft = tree
    assert client.get(prototype.url).status_code == 200
    assert 'class="replication-form"' in client.get(f"{prototype.url}essaimer/").text
    assert "Contacter l'équipe de « Alertes SMS »" in client.get(f"{prototype.url}contacter/").text


def test_a_missing_slug_a_draft_and_a_path_past_the_fiche_are_not_found(client, tree):
    programme, prototype, _child, draft = tree
    assert client.get(f"/{programme.slug}/inconnu/").status_code == 404
    assert client.get(f"/inconnu/{prototype.slug}/").status_code == 404
    assert client.get(f"/{programme.slug}/{draft.slug}/").status_code == 404
    assert client.get(f"{prototype.url}essaimer/en-trop/").status_code == 404


def test_a_routable_pages_sub_routes_come_before_its_children(root, tree):
    programme, prototype, _child, _draft = tree
    add_page(prototype, Page(title="Essaimer", slug="essaimer"))
    path = f"/{programme.slug}/{prototype.slug}/essaimer/"
    assert route(root, path)[:3] == (prototype.pk, PrototypePage, "replicate")
    assert route(root, path) == route(root, path, wagtail=True)


def test_a_child_of_a_routable_page_is_found_when_no_sub_route_matches(root, tree):
    programme, prototype, child, _draft = tree
    assert route(root, f"/{programme.slug}/{prototype.slug}/{child.slug}/") == (child.pk, Page, None, (), {})


def test_a_live_page_under_a_draft_parent_is_served_as_wagtail_does(client, root, tree):
    programme, prototype, _child, _draft = tree
    programme.unpublish()
    assert client.get(f"/{programme.slug}/").status_code == 404
    assert client.get(prototype.url).status_code == 200  # Wagtail checks the last page only
    for path in paths_of(*tree):
        assert route(root, path) == route(root, path, wagtail=True), path


def test_a_url_path_out_of_step_with_the_tree_falls_back_to_wagtails_walk(root, tree):
    programme, prototype, _child, _draft = tree
    Page.objects.filter(pk=programme.pk).update(url_path="/ailleurs/")
    path = f"/{programme.slug}/{prototype.slug}/"
    assert route(root, path) == route(root, path, wagtail=True) == (prototype.pk, PrototypePage, "fiche", (), {})


def test_a_page_with_the_same_slug_under_another_parent_is_not_taken(home, tree):
    programme, prototype, _child, _draft = tree
    twin = make_prototype(make_programme("Programme C"), title="Alertes SMS")
    assert twin.slug == prototype.slug
    root = Page.objects.get(pk=home.pk).specific
    assert route(root, twin.url) == route(root, twin.url, wagtail=True) == (twin.pk, PrototypePage, "fiche", (), {})
    assert route(root, prototype.url)[0] == prototype.pk


def test_a_path_of_a_thousand_levels_is_a_small_query_and_a_404(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/" + "a'/" * 1000).status_code == 404
    assert len(queries) <= 4
    assert max(len(query["sql"]) for query in queries) < 5_000  # not the thousand prefixes of the path


# --- View restrictions, through the router ----------------------------------------------------------


def test_a_restricted_programme_asks_a_visitor_to_log_in_on_its_fiches(client, tree):
    programme, prototype, _child, _draft = tree
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(prototype.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_aliases_are_routed_and_answer_with_their_source_pages_restrictions(client, world, tree):
    """An alias of a restricted programme (with its prototype's alias) asks to log in; an alias of the
    prototype under an open programme is served (Wagtail: the source page's own restrictions only)."""
    programme, prototype, _child, _draft = tree
    home = Page.objects.get(pk=programme.get_parent().pk)
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    alias = programme.create_alias(parent=home, update_slug="programme-alias", recursive=True)
    prototype_alias = prototype.create_alias(parent=world.programme_b, update_slug="fiche-alias")
    alias_fiche = Page.objects.get(alias_of=prototype, url_path__startswith=alias.url_path).specific
    assert client.get(alias_fiche.url).status_code == 302
    response = client.get(prototype_alias.url)
    assert response.status_code == 200 and prototype.title in response.text
