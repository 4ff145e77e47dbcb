"""Deliverables: submitted by the programme team, validated or sent back by the funder, with history."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrables import services
from livrables.choices import DeliverableAction, DeliverableStatus
from livrables.models import Deliverable
from tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliverables(world):
    for user in (world.coordinator, world.funder):
        user.email = f"{user.username}@exemple.invalid"
        user.save()
    make = Deliverable.objects.create
    return (
        make(programme=world.programme_a, title="Storytelling du projet", kind="storytelling"),
        make(programme=world.programme_a, title="Bilan partagé", kind="bilan"),
        make(programme=world.programme_b, title="Livrable de B", kind="autre"),
    )


def upload(name="storytelling.pdf"):
    return SimpleUploadedFile(name, files.pdf(), content_type="application/pdf")


def test_a_funder_validates_one_deliverable_and_sends_another_back(
    world, deliverables, login, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://labo.example.org"
    storytelling, review, _other = deliverables
    coordinator = login(world.coordinator)
    detail = reverse("livrables_deliverable", args=[storytelling.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(detail, {"submit-comment": "Version 1", "submit-file": upload()})
        coordinator.post(
            reverse("livrables_deliverable", args=[review.pk]),
            {"submit-comment": "Bilan v1", "submit-file": upload("bilan.pdf")},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["funder@exemple.invalid"], ["funder@exemple.invalid"]]
    # The link in the e-mail opens the instance where it is served (the canonical base URL).
    assert f"https://labo.example.org/admin/livrables/{storytelling.pk}/" in mail.outbox[0].body

    funder = login(world.funder)
    with django_capture_on_commit_callbacks(execute=True):
        funder.post(detail, {"review-decision": "validate", "review-comment": "Très bien"})
        funder.post(
            reverse("livrables_deliverable", args=[review.pk]),
            {"review-decision": "send_back", "review-comment": "Ajoutez les indicateurs de genre."},
        )
    storytelling.refresh_from_db()
    review.refresh_from_db()
    assert storytelling.status == DeliverableStatus.VALIDATED
    assert review.status == DeliverableStatus.SENT_BACK
    assert "coordinator@exemple.invalid" in mail.outbox[-1].to

    page = funder.get(reverse("livrables_deliverable", args=[review.pk])).content.decode()
    assert "Soumis pour validation" in page and "Renvoyé pour reprise" in page
    assert "Ajoutez les indicateurs de genre." in page
    assert list(review.events.values_list("action", flat=True)) == [
        DeliverableAction.SUBMITTED,
        DeliverableAction.SENT_BACK,
    ]


def test_sending_back_needs_a_comment(world, deliverables):
    storytelling = deliverables[0]
    storytelling.document = None
    services.submit(storytelling, world.coordinator, document=_document())
    with pytest.raises(ValidationError, match="commentaire est obligatoire"):
        services.review(storytelling, world.funder, approve=False, comment="  ")


def test_a_deliverable_needs_a_file_or_page_to_be_submitted(world, deliverables):
    with pytest.raises(ValidationError, match="Joignez un fichier ou liez une page"):
        services.submit(deliverables[0], world.coordinator)


def test_a_funder_cannot_submit_and_a_coordinator_cannot_validate(world, deliverables):
    with pytest.raises(PermissionDenied):
        services.submit(deliverables[0], world.funder, document=_document())
    services.submit(deliverables[0], world.coordinator, document=_document())
    with pytest.raises(PermissionDenied):
        services.review(deliverables[0], world.coordinator, approve=True)


def test_a_validated_deliverable_cannot_be_submitted_again(world, deliverables):
    services.submit(deliverables[0], world.coordinator, document=_document())
    services.review(deliverables[0], world.funder, approve=True)
    with pytest.raises(ValidationError, match="ne peut pas être soumis à nouveau"):
        services.submit(deliverables[0], world.coordinator, document=_document())


@pytest.mark.parametrize("username", ["outsider", "owner"])
def test_it_refuses_another_programmes_deliverable(world, deliverables, login, username):
    response = login(getattr(world, username)).get(reverse("livrables_deliverable", args=[deliverables[0].pk]))
    assert response.status_code == 404


def test_the_funder_list_shows_only_their_programmes(world, deliverables, login):
    content = login(world.funder).get(reverse("wagtailsnippets_livrables_deliverable:list")).content.decode()
    assert "Storytelling du projet" in content
    assert "Livrable de B" not in content


def test_a_forged_post_by_an_outsider_changes_nothing(world, deliverables, login):
    services.submit(deliverables[0], world.coordinator, document=_document())
    response = login(world.outsider).post(
        reverse("livrables_deliverable", args=[deliverables[0].pk]), {"review-decision": "validate"}
    )
    assert response.status_code == 404
    deliverables[0].refresh_from_db()
    assert deliverables[0].status == DeliverableStatus.SUBMITTED


def _document():
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(title="Fichier", file=upload())
