"""Factories for the core domain. Pages are created under the test site's home page, by the builders
that the demo and the bench share (`lab.builders`, `home.builders`), re-exported here for the tests."""

import factory
from django.contrib.auth import get_user_model

from home.builders import home_page
from lab.builders import add_programme, ensure_wagtail_base
from lab.choices import PersonRole, StructureKind, TerritoryLevel
from lab.models import Funder, Person, Structure, Territory, Theme

__all__ = [
    "FunderFactory",
    "PersonFactory",
    "StructureFactory",
    "TerritoryFactory",
    "ThemeFactory",
    "UserFactory",
    "ensure_wagtail_base",
    "home_page",
    "make_programme",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@exemple.invalid")
    password = factory.django.Password("motdepasse")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thématique {n}")


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Cofinanceur {n}")
    short_name = factory.Sequence(lambda n: f"CF{n}")
    kind = "other"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Commune {n}")
    level = TerritoryLevel.COMMUNE


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Centre social {n}")
    kind = StructureKind.CENTRE_SOCIAL
    city = "Valenciennes"
    postcode = "59300"
    phone = factory.Sequence(lambda n: f"03 27 {10 + n % 90:02d} {n // 90 % 100:02d} 00")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Camille{n}")
    last_name = "Exemple"
    structure = factory.SubFactory(StructureFactory)
    role = PersonRole.AGENT


def make_programme(title="Programme test", **fields):
    """A published programme page under the home page."""
    return add_programme(home_page(), title, **fields)
