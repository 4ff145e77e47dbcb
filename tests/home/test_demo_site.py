"""The public site of the demo built from the seeds: programmes, publicity blocks, directory, reloads.

The demo is loaded once for the module (``module_demo``); each test runs in a savepoint of it.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from lab.models import ProgrammePage, Structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(module_demo, db):
    """The demo of the module, as it was loaded."""


def test_the_home_page_lists_the_five_programmes_of_the_seeds(demo, client):
    content = client.get("/").content.decode()
    for title in ProgrammePage.objects.values_list("title", flat=True):
        assert title in content
    assert ProgrammePage.objects.count() == 5
    assert "Centres sociaux connectés 2.0 du Croissant Sud" in content


def test_the_croissant_sud_page_shows_its_feder_sentence_and_logos(demo, client):
    programme = ProgrammePage.objects.get(reference="FEDER-2020-PN.3")
    content = client.get(programme.url).content.decode()
    assert (
        "L'opération « Centres sociaux connectés 2.0 du Croissant Sud » est cofinancée par le FEDER "
        "dans le cadre du programme opérationnel FEDER 2014-2020 pour la Région Hauts-de-France."
    ) in content.replace("&#x27;", "'")
    assert 'class="publicity-logos"' in content
    assert 'alt="Union européenne' in content


def test_the_directory_lists_the_19_valenciennes_centres_with_their_phones(demo, client):
    response = client.get(reverse("structure_directory"), {"territoire": "valenciennes-metropole"})
    valenciennes = Structure.objects.filter(programmes__reference="FEDER-2020-PN.6").exclude(slug="acsrv")
    assert valenciennes.count() == 19
    from lab.models import Territory

    area = Territory.objects.filter(slug="valenciennes-metropole").with_descendants()
    in_area = valenciennes.filter(territory__in=area)
    assert in_area.count() >= 10
    content = response.content.decode().replace("&#x27;", "'")
    for structure in in_area:
        assert structure.name in content
        assert structure.phone_display in content
    for structure in valenciennes.exclude(territory__in=area):
        assert structure.name not in content


def test_the_19_centres_of_seed_001_are_all_in_the_directory_with_phones(demo, client):
    centres = Structure.objects.filter(programmes__reference="FEDER-2020-PN.6").exclude(slug="acsrv")
    content = "".join(client.get(reverse("structure_directory"), {"page": n}).content.decode() for n in (1, 2)).replace(
        "&#x27;", "'"
    )
    for centre in centres:
        assert centre.name in content
        assert centre.phone and centre.phone_display in content


def test_the_demo_loads_twice_without_duplicating_anything(demo):
    from lab.models import Funder, Person, Territory

    counts = [model.objects.count() for model in (ProgrammePage, Structure, Person, Territory, Funder)]
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [model.objects.count() for model in (ProgrammePage, Structure, Person, Territory, Funder)] == counts


def test_the_demo_copies_no_personal_contact_from_the_seeds(demo):
    from lab.models import Person

    assert not Person.objects.exclude(email__endswith="@exemple.invalid").exists()
    assert not Person.objects.exclude(phone="").exists()


def test_the_demo_reset_starts_over(demo):
    Structure.objects.filter(slug="chemin-rouge").update(name="Renommé")
    call_command("load_demo", "--reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Structure.objects.get(slug="chemin-rouge").name != "Renommé"
    assert ProgrammePage.objects.count() == 5
