"""Builders of the ateliers' pages (reports, questionnaires), shared by the demo, the bench and the
tests. Their validation is the programme's workflow (`lab.validation`)."""

import json

from ateliers.models import QuestionField, QuestionnairePage, ReportPage
from lab.builders import add_page


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
