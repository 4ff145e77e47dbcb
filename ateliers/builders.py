"""Builders of the ateliers' pages (reports, questionnaires) and of the report validation workflow,
shared by the demo, the bench and the tests."""

import json

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from ateliers.models import QuestionField, QuestionnairePage, ReportPage
from lab.builders import add_page

REPORT_WORKFLOW = "Validation du compte-rendu"
REPORT_VALIDATORS = "Validation des comptes-rendus"


def report_workflow(programme):
    """The « Validation du compte-rendu » workflow, one approval by the validators' group, made
    once and assigned to ``programme`` (so that its reports wait for validation)."""
    group, _created = Group.objects.get_or_create(name=REPORT_VALIDATORS)
    workflow, _created = Workflow.objects.get_or_create(name=REPORT_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(name="Relecture par la coordination")
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=programme, defaults={"workflow": workflow})
    return workflow


def add_report(parent, *, body=(), publish=True, user=None, **fields):
    """A workshop report under ``parent`` (a programme); ``body`` is the list of its blocks
    (``{"type": …, "value": …}``). Published by ``user`` unless ``publish`` is false."""
    return add_page(parent, ReportPage(body=json.dumps(list(body)), **fields), publish=publish, user=user)


def add_questionnaire(parent, *, questions=(), publish=True, **fields):
    """A questionnaire under ``parent`` (a programme) with one field per dict of ``questions``
    (``QuestionField`` fields, in order), published unless ``publish`` is false; returned fresh
    from the database so that its fields have their ``clean_name``."""
    page = QuestionnairePage(**fields)
    page.form_fields = [QuestionField(**{"sort_order": order, **question}) for order, question in enumerate(questions)]
    add_page(parent, page, publish=publish)
    return QuestionnairePage.objects.get(pk=page.pk)
