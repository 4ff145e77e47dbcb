"""« Nous voulons essaimer ce prototype »: the public form, its anti-spam, and its moderation."""

import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from projets.forms import make_form_token
from projets.models import Replication
from tests.factories import StructureFactory
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def prototype(world):
    return make_prototype(world.programme_a, title="Alertes SMS", structure=world.structure_a)


def _data(**overrides):
    data = {
        "structure_name": "Centre social du Faubourg",
        "city": "Valenciennes",
        "contact_name": "Camille Exemple",
        "email": "camille@exemple.invalid",
        "message": "Nous aimerions le tester à la rentrée.",
        "website": "",
        "token": make_form_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def _send(client, prototype, **overrides):
    return client.post(prototype.url + "essaimer/", _data(**overrides), REMOTE_ADDR="203.0.113.7")


def test_a_request_is_stored_and_waits_for_moderation(client, prototype):
    response = _send(client, prototype)
    assert response.status_code == 302
    replication = Replication.objects.get()
    assert replication.structure_name == "Centre social du Faubourg"
    assert replication.from_public_form and not replication.is_approved
    page = client.get(response["Location"]).text
    assert "Merci" in page
    assert "Centre social du Faubourg" not in page  # shown only once approved
    replication.is_approved = True
    replication.save()
    assert "Centre social du Faubourg" in client.get(prototype.url).text


def test_it_refuses_a_robot_that_fills_the_hidden_field(client, prototype):
    response = _send(client, prototype, website="http://spam.invalid")
    assert response.status_code == 400
    assert not Replication.objects.exists()


def test_it_refuses_a_form_sent_too_fast_and_keeps_the_answers(client, prototype):
    response = _send(client, prototype, token=make_form_token(time.time()))
    assert response.status_code == 400
    assert "envoyé trop vite" in response.text
    assert "Nous aimerions le tester à la rentrée." in response.text
    assert not Replication.objects.exists()


def test_it_refuses_a_forged_token(client, prototype):
    response = _send(client, prototype, token="forged")
    assert response.status_code == 400
    assert not Replication.objects.exists()


def test_it_limits_the_requests_per_address(client, prototype, settings):
    for n in range(5):
        assert _send(client, prototype, structure_name=f"Centre {n}").status_code == 302
    response = _send(client, prototype, structure_name="Centre de trop")
    assert response.status_code == 400
    assert "Trop de demandes" in response.text
    assert Replication.objects.count() == 5


def test_it_refuses_a_replication_by_the_prototypes_own_structure(client, world, prototype):
    response = _send(client, prototype, structure_name="centre social a")
    assert response.status_code == 400
    assert "structure d&#x27;origine" in response.text or "structure d'origine" in response.text
    with pytest.raises(ValidationError, match="ne peut pas l'essaimer"):
        Replication(prototype=prototype, structure=world.structure_a).full_clean()


def test_the_origin_structure_moderates_and_an_outsider_cannot(world, login, prototype):
    from django.urls import reverse

    replication = Replication.objects.create(prototype=prototype, structure_name="Centre X", city="Denain")
    assert login(world.owner).get(reverse("projets_essaimages:edit", args=[replication.pk])).status_code == 200
    assert login(world.outsider).get(reverse("projets_essaimages:edit", args=[replication.pk])).status_code == 404


def test_replications_are_counted_per_territory(prototype):
    from projets import services
    from tests.factories import TerritoryFactory

    valenciennes = TerritoryFactory(name="Valenciennes Métropole")
    for _n in range(2):
        Replication.objects.create(
            prototype=prototype, structure=StructureFactory(territory=valenciennes), is_approved=True
        )
    Replication.objects.create(prototype=prototype, structure_name="Centre de Douai", city="Douai", is_approved=True)
    replications = services.approved_replications(prototype)
    assert services.replications_by_territory(replications) == [("Valenciennes Métropole", 2), ("Douai", 1)]


def test_the_form_has_a_page_of_its_own_with_the_programmes_mention(client, prototype):
    fiche = client.get(prototype.url).text
    assert "Proposer d'essaimer ce prototype" in fiche and "csrfmiddlewaretoken" not in fiche
    response = client.get(prototype.url + "essaimer/")
    assert response.status_code == 200
    page = response.text
    assert "Essaimer « Alertes SMS »" in page
    assert "Envoyer la demande" in page and "csrfmiddlewaretoken" in page
    assert 'aria-label="Mention obligatoire de publicité"' in page
