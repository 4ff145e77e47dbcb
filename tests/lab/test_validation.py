"""Validation per programme: who publishes at once, who approves, and nobody approves their own
submission (seed 003: « Tous les contenus devront avoir obtenu la validation de l'UNCCAS avant toute
diffusion »)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from ateliers.builders import add_report
from lab.choices import DirectPublishers, ProgrammeRoleKind, Validators
from lab.models import OWN_SUBMISSION_MESSAGE, ProgrammeRole
from lab.validation import approve_step, submit_for_validation
from tests.factories import UserFactory, make_programme


@pytest.fixture
def palas(home):
    """A programme run like Design PALAS: the provider submits, the pilot (coordination) approves."""
    programme = make_programme(
        "Design PALAS", direct_publishers=DirectPublishers.COORDINATION, validators=Validators.COORDINATION
    )

    def user(username, role):
        account = UserFactory(username=username)
        ProgrammeRole.objects.create(user=account, programme=programme, role=role)
        return account

    return {
        "programme": programme,
        "facilitation": user("facilitation", ProgrammeRoleKind.FACILITATOR),
        "coordination": user("coordination", ProgrammeRoleKind.COORDINATOR),
        "coordination2": user("coordination2", ProgrammeRoleKind.COORDINATOR),
        "funder": user("financeur", ProgrammeRoleKind.FUNDER),
    }


def report_form(report, **extra):
    return nested_form_data(
        {"title": report.title, "slug": report.slug, "summary": "Synthèse.", "body": streamfield([]), **extra}
    )


def draft_report(programme):
    return add_report(programme, title="Compte-rendu du labo n°1", slug="cr-labo-1", publish=False, live=False)


def test_facilitation_cannot_publish_a_design_palas_page_from_the_editor(palas, login):
    report = draft_report(palas["programme"])
    client = login(palas["facilitation"])
    url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    page = client.get(url).content.decode()
    assert 'name="action-publish"' not in page
    assert 'name="action-submit"' in page
    client.post(url, {**report_form(report), "action-publish": "action-publish"})
    report.refresh_from_db()
    assert not report.live
    assert report.current_workflow_state is None


def test_coordination_publishes_a_design_palas_page_at_once(palas, login):
    report = draft_report(palas["programme"])
    client = login(palas["coordination"])
    url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    assert 'name="action-publish"' in client.get(url).content.decode()
    client.post(url, {**report_form(report), "action-publish": "action-publish"})
    report.refresh_from_db()
    assert report.live


def test_facilitation_submits_and_coordination_approves(palas, login):
    report = draft_report(palas["programme"])
    client = login(palas["facilitation"])
    url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    client.post(url, {**report_form(report), "action-submit": "action-submit"})
    report.refresh_from_db()
    state = report.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == palas["facilitation"]
    task_state = report.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    # The submitter is not a validator of Design PALAS: refused, the page still waits.
    assert client.post(approve, {"comment": ""})["Location"] == reverse("wagtailadmin_home")
    report.refresh_from_db()
    assert not report.live and report.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    client = login(palas["coordination"])
    assert client.post(approve, {"comment": "Validé par l'UNCCAS."}).status_code in (200, 302)
    report.refresh_from_db()
    assert report.live
    actions = list(PageLogEntry.objects.filter(page=report).order_by("pk").values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "facilitation") in actions
    assert ("wagtail.workflow.approve", "coordination") in actions
    assert ("wagtail.publish", "coordination") in actions


def test_nobody_approves_their_own_submission(palas, login):
    report = draft_report(palas["programme"])
    report.save_revision(user=palas["coordination"])
    submit_for_validation(report, palas["coordination"])
    client = login(palas["coordination"])
    task_state = report.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""})["Location"] == reverse("wagtailadmin_home")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    assert str(OWN_SUBMISSION_MESSAGE) in edit.replace("&#x27;", "'")
    assert "workflow-action-name" not in edit or 'value="approve"' not in edit
    with pytest.raises(PermissionDenied, match="personne ne valide"):
        approve_step(report, palas["coordination"])
    report.refresh_from_db()
    assert not report.live
    # Another member of the coordination approves.
    approve_step(report, palas["coordination2"])
    report.refresh_from_db()
    assert report.live


def test_the_dashboard_does_not_ask_the_submitter_to_review(palas, login):
    report = draft_report(palas["programme"])
    report.save_revision(user=palas["coordination"])
    submit_for_validation(report, palas["coordination"])
    task = report.current_workflow_task_state.task.specific
    assert not task.get_task_states_user_can_moderate(palas["coordination"]).exists()
    assert task.get_task_states_user_can_moderate(palas["coordination2"]).exists()


def test_a_feder_programme_ends_with_the_funders_approval(home, login):
    programme = make_programme("Croissant Sud", validators=Validators.FUNDERS)
    facilitation = UserFactory(username="facilitation")
    funder = UserFactory(username="financeur")
    ProgrammeRole.objects.create(user=facilitation, programme=programme, role=ProgrammeRoleKind.FACILITATOR)
    ProgrammeRole.objects.create(user=funder, programme=programme, role=ProgrammeRoleKind.FUNDER)
    report = draft_report(programme)
    report.save_revision(user=facilitation)
    submit_for_validation(report, facilitation)
    with pytest.raises(PermissionDenied, match="personne ne valide"):
        approve_step(report, facilitation)
    approve_step(report, funder)
    report.refresh_from_db()
    assert report.live


def test_changing_the_programme_changes_who_publishes(palas, login):
    programme = palas["programme"]
    assert not palas["facilitation"].has_perm("wagtailcore.publish_page")
    report = draft_report(programme)
    facilitation = login(palas["facilitation"])
    url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    assert 'name="action-publish"' not in facilitation.get(url).content.decode()
    programme.direct_publishers = DirectPublishers.COORDINATION_FACILITATION
    programme.validators = Validators.COORDINATION_FUNDERS
    programme.save_revision().publish()
    assert 'name="action-publish"' in facilitation.get(url).content.decode()
    steps = [link.task.specific for link in programme.get_workflow().workflow_tasks.order_by("sort_order")]
    assert [step.groups.get().user_set.count() for step in steps] == [2, 1]
    programme.direct_publishers = DirectPublishers.NOBODY
    programme.save_revision().publish()
    coordination = login(palas["coordination"])
    assert 'name="action-publish"' not in coordination.get(url).content.decode()


def test_only_a_superuser_changes_who_validates(palas, login, world):
    url = reverse("wagtailadmin_pages:edit", args=[palas["programme"].pk])
    assert 'name="validators"' not in login(palas["coordination"]).get(url).content.decode()
    assert 'name="validators"' in login(world.admin).get(url).content.decode()
