"""Factories for the core domain. Pages are created under the test site's home page."""

import datetime

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from home.models import HomePage
from lab.choices import PersonRole, StructureKind, TerritoryLevel
from lab.models import Funder, Person, ProgrammePage, Structure, Territory, Theme


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


def ensure_wagtail_base():
    """Wagtail's base rows (locale, root collection, root page) that its migrations create and a
    transactional test's flush removes: recreated when missing, so test order does not matter."""
    from wagtail.models import Collection, Locale

    locale, _created = Locale.objects.get_or_create(language_code="fr")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def home_page():
    """The site's home page, created (and made the default site's root) on first use."""
    home = HomePage.objects.first()
    if home is None:
        ensure_wagtail_base()
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Labo commun", slug="accueil"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
        )
    return home


def make_programme(title="Programme test", **fields):
    """A published programme page under the home page."""
    defaults = {
        "short_name": title[:40],
        "start_date": datetime.date(2021, 1, 1),
        "end_date": datetime.date(2021, 12, 31),
        "publicity_sentence": f"L'opération « {title} » est cofinancée par l'Union européenne (FEDER).",
    }
    defaults.update(fields)
    programme = ProgrammePage(title=title, **defaults)
    home_page().add_child(instance=programme)
    programme.save_revision().publish()
    return programme
