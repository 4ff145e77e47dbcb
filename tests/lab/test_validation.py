"""Bad input to the core domain is refused with a clear French message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lab.choices import TerritoryLevel
from lab.models import ProgrammePage, Structure, Theme
from tests.factories import StructureFactory, TerritoryFactory, make_programme

pytestmark = pytest.mark.django_db


def test_it_refuses_a_territory_made_its_own_ancestor():
    region = TerritoryFactory(name="Hauts-de-France", level=TerritoryLevel.REGION)
    departement = TerritoryFactory(name="Nord", level=TerritoryLevel.DEPARTEMENT, parent=region)
    commune = TerritoryFactory(name="Lille", level=TerritoryLevel.COMMUNE, parent=departement)
    region.parent = commune
    region.level = TerritoryLevel.QUARTIER  # even with a level that would fit below
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "ne peut pas être placé sous lui-même" in str(error.value)


def test_it_refuses_a_territory_placed_under_itself():
    commune = TerritoryFactory(name="Roubaix")
    commune.parent = commune
    with pytest.raises(ValidationError) as error:
        commune.full_clean()
    assert "ne peut pas être placé sous lui-même" in str(error.value)


def test_it_refuses_a_region_under_a_commune():
    commune = TerritoryFactory(name="Tourcoing")
    region = TerritoryFactory.build(name="Région", level=TerritoryLevel.REGION, parent=commune)
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "ne peut pas être placé sous « Tourcoing »" in str(error.value)


def test_it_refuses_a_duplicate_structure_in_the_same_city():
    StructureFactory(name="Centre social Dutemple", city="Valenciennes")
    duplicate = Structure(name="centre social DUTEMPLE", kind="centre_social", city="valenciennes")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Une structure de ce nom existe déjà dans cette ville." in str(error.value)


def test_it_accepts_the_same_name_in_another_city():
    StructureFactory(name="CCAS", city="Acoua")
    Structure(name="CCAS", kind="ccas", city="Sada").full_clean()


def test_it_refuses_an_invalid_structure_phone():
    structure = StructureFactory.build(phone="03 27 45")
    with pytest.raises(ValidationError) as error:
        structure.full_clean()
    assert "n'est pas un numéro de téléphone valide" in str(error.value.message_dict["phone"][0])


def test_it_stores_a_structure_phone_in_e164():
    structure = StructureFactory(phone="03 27 46 92 23")
    structure.refresh_from_db()
    assert structure.phone == "+33327469223"
    assert structure.phone_display == "03 27 46 92 23"


def test_it_refuses_a_programme_ending_before_it_starts(home):
    programme = ProgrammePage(
        title="À l'envers",
        short_name="Envers",
        start_date=datetime.date(2021, 6, 1),
        end_date=datetime.date(2021, 1, 1),
        publicity_sentence="Mention.",
    )
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=programme)
    assert "La fin du programme ne peut pas précéder son début." in str(error.value)


def test_it_refuses_a_ttc_budget_below_the_ht_budget(home):
    programme = make_programme("Budget")
    programme.budget_ht = 1000
    programme.budget_ttc = 900
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "Le budget TTC ne peut pas être inférieur au budget HT." in str(error.value)


def test_it_refuses_a_duplicate_theme():
    Theme.objects.create(name="Parentalité")
    with pytest.raises(ValidationError) as error:
        Theme(name="parentalité").full_clean()
    assert "Une thématique porte déjà ce nom." in str(error.value)
