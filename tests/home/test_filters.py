"""The public FilterSets (``home.filters``): built once per class, copied per request, and still one
FilterSet's values never reach another's."""

import pytest

from home import builders
from home.filters import CommonsFilterSet, StructureDirectoryFilterSet
from home.models import CommonsEntry
from lab.choices import TerritoryLevel
from tests.factories import TerritoryFactory, make_programme

pytestmark = pytest.mark.django_db


def test_each_request_filters_with_its_own_filterset_and_its_own_values(home):
    nord = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT)
    faches = TerritoryFactory(name="Faches-Thumesnil", parent=nord)
    sada = TerritoryFactory(name="Sada")
    programme = make_programme("Centres sociaux connectés")
    builders.add_tool(programme, title="Rappels par SMS", summary="SMS.", territory=faches)
    builders.add_tool(programme, title="Format d'un labo", summary="Labo.", territory=sada)
    in_faches, in_sada = (CommonsEntry.objects.get(title=title) for title in ("Rappels par SMS", "Format d'un labo"))

    first, second = CommonsFilterSet({"territoire": nord.slug}), CommonsFilterSet({"territoire": sada.slug})
    # Interleaved, as two requests of two threads: each method filter calls its own FilterSet.
    first_values, second_values = first.given(), second.given()
    assert first.filters["territoire"] is not second.filters["territoire"]
    assert first.filters["territoire"].parent is first and second.filters["territoire"].parent is second
    found = {
        name: set(filterset.apply(CommonsEntry.objects.all(), "territoire", values["territoire"][1]))
        for name, filterset, values in (("first", first, first_values), ("second", second, second_values))
    }
    assert found == {"first": {in_faches}, "second": {in_sada}}


def test_the_form_is_built_once_but_each_request_is_validated_on_its_own(db):
    sada = TerritoryFactory(name="Sada")
    wrong, right = CommonsFilterSet({"territoire": "atlantide"}), CommonsFilterSet({"territoire": sada.slug})
    assert wrong.get_form_class() is right.get_form_class()
    assert wrong.given() == {"territoire": ("atlantide", None)}
    assert right.given() == {"territoire": (sada.slug, sada)}
    # Another class has a form of its own.
    directory = StructureDirectoryFilterSet({"territoire": sada.slug, "q": "ccas"})
    assert directory.get_form_class() is not right.get_form_class()
    assert directory.query == "ccas"
