"""The projets demo: Mayotte projects, Alertes SMS with its phases, Lille prototypes, replications."""

import io

import pytest
from django.core.management.base import OutputWrapper

from lab import demo as lab_demo
from projets import demo
from projets.models import FollowUpEntry, Project, PrototypePage, Replication, StageChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(db):
    context = lab_demo.DemoContext(stdout=OutputWrapper(io.StringIO()))
    lab_demo.load(context)
    return context


def _counts():
    return [m.objects.count() for m in (Project, PrototypePage, Replication, FollowUpEntry, StageChange)]


def test_the_demo_loads_twice_without_duplicating_anything(context, client):
    demo.load(context)
    first = _counts()
    demo.load(context)
    assert _counts() == first
    assert Project.objects.filter(programme__slug="design-palas-labo-2021").count() >= 5
    alertes = PrototypePage.objects.get(slug="alertes-sms")
    assert alertes.structure.slug == "chemin-rouge"
    assert [it.title for it in alertes.iterations.order_by("number")] == [
        "Phase 1 : la plateforme",
        "Phase 2 : les améliorations",
    ]
    assert alertes.spec_functions.count() == 11
    replicated = PrototypePage.objects.get(stage="replicated")
    assert Replication.objects.filter(prototype=replicated, is_approved=True).count() == 4
    response = client.get(alertes.url)
    assert response.status_code == 200
    assert "Phase 2 : les améliorations" in response.text
    assert "cofinancé" in response.text
    assert alertes.software == "alertes" and "Le guide d&#x27;installation" in response.text
    page = client.get(replicated.url).text
    assert "Valenciennes : " in page


def test_the_demo_resets(context):
    demo.load(context)
    demo.reset()
    assert _counts() == [0, 0, 0, 0, 0]
