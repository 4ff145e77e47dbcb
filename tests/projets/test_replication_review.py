"""Replication requests open from their list, and are approved or declined there, by who may."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projets.models import Replication
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_a(world):
    prototype = make_prototype(world.programme_a, title="Alertes SMS", structure=world.structure_a)
    return Replication.objects.create(
        prototype=prototype,
        structure_name="Centre social de Douai",
        city="Douai",
        contact_name="Camille",
        email="camille@exemple.invalid",
        message="Nous voulons essayer les rappels par SMS.",
        from_public_form=True,
    )


def test_each_row_of_the_list_opens_the_request(world, login, request_a):
    page = login(world.coordinator).get(reverse("projets_essaimages:index")).content.decode()
    inspect = reverse("projets_essaimages:inspect", args=[request_a.pk])
    assert f'href="{inspect}"' in page
    assert "À examiner" in page
    opened = login(world.coordinator).get(inspect).content.decode()
    assert "Nous voulons essayer les rappels par SMS." in opened
    assert "Valider la demande" in opened and "Refuser la demande" in opened
    assert not re.search(r">\s*None\s*<", opened)  # an empty field reads « — », not None


def test_the_coordinator_approves_then_the_fiche_shows_it(world, login, client, request_a):
    response = login(world.coordinator).post(reverse("projets_essaimages:approve", args=[request_a.pk]))
    assert response["Location"] == reverse("projets_essaimages:inspect", args=[request_a.pk])
    request_a.refresh_from_db()
    assert request_a.is_approved and request_a.declined_on is None
    client.logout()
    assert "Centre social de Douai" in client.get(request_a.prototype.url).content.decode()


def test_declining_keeps_the_request_in_the_list(world, login, request_a):
    client = login(world.owner)  # the prototype's structure
    client.post(reverse("projets_essaimages:decline", args=[request_a.pk]), follow=True)
    request_a.refresh_from_db()
    assert not request_a.is_approved and request_a.declined_on is not None
    page = client.get(reverse("projets_essaimages:index")).content.decode()
    assert "Centre social de Douai" in page and "Refusé le" in page


def test_a_get_changes_nothing(world, login, request_a):
    response = login(world.coordinator).get(reverse("projets_essaimages:approve", args=[request_a.pk]))
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert not request_a.is_approved


def test_it_refuses_another_programmes_user_and_a_reader(world, login, request_a):
    outsider = login(world.outsider)
    assert outsider.get(reverse("projets_essaimages:inspect", args=[request_a.pk])).status_code == 404
    assert outsider.post(reverse("projets_essaimages:approve", args=[request_a.pk])).status_code == 404
    funder = login(world.funder)
    opened = funder.get(reverse("projets_essaimages:inspect", args=[request_a.pk]))
    if opened.status_code == 200:
        assert "Valider la demande" not in opened.content.decode()
    funder.post(reverse("projets_essaimages:approve", args=[request_a.pk]))
    request_a.refresh_from_db()
    assert not request_a.is_approved
    assert login(world.coordinator).post("/admin/projets_essaimages/junk/valider/").status_code == 404


def test_the_list_runs_the_same_queries_for_few_and_many_requests(world, login, request_a):
    client = login(world.coordinator)
    url = reverse("projets_essaimages:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(15):
        Replication.objects.create(prototype=request_a.prototype, structure_name=f"Centre {n}", city="Lens")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
