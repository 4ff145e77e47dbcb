"""Validation before publication, programme by programme.

A programme says who publishes its pages at once (``ProgrammePage.direct_publishers``) and who
approves the others (``ProgrammePage.validators``). `apply_validation_policy` turns that into
Wagtail's own machinery: the right to publish (``publish_page`` on the programme's page, given to the
coordination's or the facilitation's group) and the programme's workflow, attached to the programme
page, hence to every page under it (compte-rendus, questionnaires, prototype fiches, tools). Its steps
are `ProgrammeApprovalTask`s: nobody approves a step of their own submission.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from lab.choices import DirectPublishers, ProgrammeRoleKind, Validators
from lab.models import ProgrammeApprovalTask
from lab.services import programme_editor_group, programme_funder_group, programme_role_group

#: The roles that publish directly under each choice of ``direct_publishers``.
PUBLISHING_ROLES = {
    DirectPublishers.COORDINATION: {ProgrammeRoleKind.COORDINATOR},
    DirectPublishers.COORDINATION_FACILITATION: {ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FACILITATOR},
    DirectPublishers.NOBODY: set(),
}


@transaction.atomic
def apply_validation_policy(programme):
    """Give the right to publish to the roles the programme names, take it from the others, and
    bring its workflow in line with its validators. Called when a programme page is published."""
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    # Before validation per programme, every editor published: that right now goes per role.
    GroupPagePermission.objects.filter(
        group=programme_editor_group(programme), page=programme, permission=publish
    ).delete()
    publishing_roles = PUBLISHING_ROLES.get(programme.direct_publishers, set())
    for role in (ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FACILITATOR):
        group = programme_role_group(programme, role)
        if role in publishing_roles:
            GroupPagePermission.objects.get_or_create(group=group, page=programme, permission=publish)
        else:
            GroupPagePermission.objects.filter(group=group, page=programme, permission=publish).delete()
    return programme_workflow(programme)


def validation_steps(programme):
    """The programme's steps, in order, as (name, group) pairs."""
    label = programme.short_name or programme.title
    steps = []
    if programme.validators in (Validators.COORDINATION, Validators.COORDINATION_FUNDERS):
        steps.append(
            (
                _("Validation par la coordination (%(programme)s)") % {"programme": label},
                programme_role_group(programme, ProgrammeRoleKind.COORDINATOR),
            )
        )
    if programme.validators in (Validators.FUNDERS, Validators.COORDINATION_FUNDERS):
        steps.append(
            (
                _("Validation par les financeurs (%(programme)s)") % {"programme": label},
                programme_funder_group(programme),
            )
        )
    return steps


def programme_workflow(programme):
    """The programme's validation workflow, attached to its page (and so to every page under it),
    with one `ProgrammeApprovalTask` per step of `validation_steps`. Steps that are no longer wanted
    are deactivated, which sends the pages waiting at them back to their authors."""
    attached = WorkflowPage.objects.filter(page=programme).select_related("workflow").first()
    workflow = attached.workflow if attached else None
    if workflow is None:
        name = _("Validation — %(programme)s") % {"programme": programme.short_name or programme.title}
        workflow, _created = Workflow.objects.get_or_create(name=name[:255])
    links = list(WorkflowTask.objects.filter(workflow=workflow).select_related("task").order_by("sort_order"))
    by_groups = {}
    for link in links:
        task = link.task.specific
        if isinstance(task, ProgrammeApprovalTask):
            by_groups[frozenset(task.groups.values_list("pk", flat=True))] = task
    wanted = []
    for name, group in validation_steps(programme):
        task = by_groups.pop(frozenset({group.pk}), None)
        if task is None:
            task = ProgrammeApprovalTask.objects.create(name=name[:255])
            task.groups.set([group])
        elif task.name != name[:255] or not task.active:
            task.name, task.active = name[:255], True
            task.save(update_fields=["name", "active"])
        wanted.append(task)
    if [link.task_id for link in links] != [task.pk for task in wanted]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(wanted):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        for link in links:
            if link.task_id not in {task.pk for task in wanted}:
                link.task.specific.deactivate()
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.update_or_create(page=programme, defaults={"workflow": workflow})
    return workflow


def submit_for_validation(page, user):
    """Submit ``page``'s latest revision to its workflow, as ``user`` would with « Soumettre »."""
    return page.get_workflow().start(page, user)


def approve_step(page, user, comment=""):
    """Approve the step ``page`` waits at, as ``user`` would (refused for the page's submitter)."""
    task_state = page.current_workflow_task_state
    return task_state.task.specific.on_action(task_state, user, "approve", comment=comment)
