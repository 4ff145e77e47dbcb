"""The commons' counts kept ahead (``home.facet_counts``): with no filter or one, the index reads them
instead of counting the matches, and after every change an editor can make they are still what
counting gives, value by value, and what counting everything again gives, row by row."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page

from home import builders, facet_counts
from home.commons_views import FACETS, CommonsSearch, counted_counts, stored_counts
from home.models import CommonsEntry, FacetCount
from lab.choices import TerritoryLevel
from lab.models import Theme
from projets.choices import Stage
from tests.factories import TerritoryFactory, make_programme
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture
def commons(home):
    nord = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT)
    faches = TerritoryFactory(name="Faches-Thumesnil", parent=nord)
    mayotte = TerritoryFactory(name="Mayotte", level=TerritoryLevel.DEPARTEMENT)
    sada = TerritoryFactory(name="Sada", parent=mayotte)
    access, parents = Theme.objects.create(name="Accès aux droits"), Theme.objects.create(name="Parentalité")
    lille, mamoudzou = make_programme("Centres sociaux connectés"), make_programme("Laboratoire d'innovation")
    tools = {
        "sms": builders.add_tool(
            lille, title="Rappels par SMS", summary="SMS.", territory=faches, tags=["sms"], themes=[access]
        ),
        "labo": builders.add_tool(
            mamoudzou, title="Format d'un labo", summary="Labo.", territory=sada, tags=["labo", "sms"]
        ),
        "cafe": builders.add_tool(
            lille, title="Café des parents", summary="Café.", territory=nord, themes=[access, parents]
        ),
    }
    prototype = make_prototype(mamoudzou, title="Bus numérique", stage=Stage.PROTOTYPE, territory=sada)
    prototype.themes = [parents]
    prototype.save_revision().publish()
    return {"territories": (nord, faches, mayotte, sada), "themes": (access, parents), "tools": tools}


def assert_kept_in_step():
    """Every single filter the index offers, and none: the counts read are the counts counted; and the
    rows kept entry by entry are the rows counted again from scratch."""
    searches = [QueryDict("")]
    every, _total = counted_counts(CommonsSearch(QueryDict("")))
    for facet in FACETS:
        for option in every[facet.param]:
            searches.append(QueryDict(mutable=True))
            searches[-1][facet.param] = option["value"]
    assert len(searches) > 5  # not an empty commons: every facet offers values
    for params in searches:
        search = CommonsSearch(params)
        options, total = counted_counts(search)
        assert stored_counts(search) == (options, search.filtered().count() if total is None else total), params
    kept = set(FacetCount.objects.values_list("filter_param", "filter_value", "param", "value", "count"))
    facet_counts.rebuild()
    assert kept == set(FacetCount.objects.values_list("filter_param", "filter_value", "param", "value", "count"))


def test_published_resources_are_counted_for_every_filter(commons, client):
    assert_kept_in_step()
    nord = commons["territories"][0]
    # A visitor filtering on the département counts its communes' resources too.
    content = client.get(reverse("commons_index"), {"territoire": nord.slug}).content.decode()
    assert "2 ressources" in content
    assert "sms (1)" in content  # the tag, among the resources of the Nord only


def test_publishing_again_with_other_values_moves_the_counts(commons, client):
    sms = commons["tools"]["sms"].specific
    sms.territory = commons["territories"][3]
    sms.tags.set(["rappels"])
    sms.themes = []
    sms.save_revision().publish()
    assert_kept_in_step()
    content = client.get(reverse("commons_index"), {"mot-cle": "sms"}).content.decode()
    # Only « Format d'un labo » still carries « sms »; the tag list offers the other tags among everything.
    assert "1 ressource" in content and ">sms (1)<" in content and ">rappels (1)<" in content


def test_a_resource_moved_to_another_programme_is_counted_and_linked_there(commons, client):
    sms = Page.objects.get(pk=commons["tools"]["sms"].pk)
    mamoudzou = Page.objects.get(title="Laboratoire d'innovation")
    sms.move(mamoudzou, pos="last-child")
    entry = CommonsEntry.objects.get(page_id=sms.pk)
    assert entry.programme_id == mamoudzou.pk and entry.url_path == Page.objects.get(pk=sms.pk).url
    assert_kept_in_step()
    content = client.get(reverse("commons_index"), {"programme": mamoudzou.slug}).content.decode()
    assert "Rappels par SMS" in content and f'href="{entry.url_path}"' in content


def test_unpublishing_and_deleting_take_the_resource_out_of_the_counts(commons):
    commons["tools"]["labo"].unpublish()
    assert_kept_in_step()
    Page.objects.get(pk=commons["tools"]["cafe"].pk).delete()
    assert_kept_in_step()
    assert FacetCount.objects.get(filter_param="", param="").count == CommonsEntry.objects.count() == 4


@pytest.mark.parametrize("change", ["theme deleted", "tag deleted", "territory moved", "territory deleted"])
def test_a_change_to_many_entries_at_once_counts_everything_again(commons, change, django_capture_on_commit_callbacks):
    nord, faches, mayotte, sada = commons["territories"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        if change == "theme deleted":
            commons["themes"][1].delete()
        elif change == "tag deleted":
            Tag.objects.filter(name__in=["labo", "sms"]).delete()  # two at once: counted again once
        elif change == "territory moved":
            faches.parent = mayotte
            faches.save()
        else:
            sada.delete()
    assert sum(callback is facet_counts.rebuild for callback in callbacks) == 1
    assert_kept_in_step()


def test_a_deleted_programme_takes_its_resources_out_of_the_counts(commons, django_capture_on_commit_callbacks):
    programme = Page.objects.get(title="Laboratoire d'innovation")
    with django_capture_on_commit_callbacks(execute=True):
        programme.delete()
    assert_kept_in_step()
    assert not FacetCount.objects.filter(filter_param="programme", filter_value=str(programme.pk)).exists()


def test_every_facet_of_the_index_is_kept_ahead_from_its_own_field():
    assert {**facet_counts.SINGLE, **facet_counts.MANY}.keys() == {facet.param for facet in FACETS}
    for facet in FACETS:
        if facet.many:
            assert facet_counts.MANY[facet.param] == facet.field
        else:
            assert facet_counts.SINGLE[facet.param] == CommonsEntry._meta.get_field(facet.field).attname


def test_search_words_or_two_filters_are_counted_among_the_matches(commons):
    access = commons["themes"][0]
    assert stored_counts(CommonsSearch(QueryDict("q=sms"))) is None
    assert stored_counts(CommonsSearch(QueryDict(f"thematique={access.slug}&type=outil"))) is None
    # A filter whose value does not exist is ignored (and said so): the counts of everything are read.
    search = CommonsSearch(QueryDict("thematique=inexistante"))
    assert search.notices and stored_counts(search) == counted_counts(search)
