"""A facilitator starts a certificate batch and watches its bar move as a worker runs the parts.

The queue is the database backend (as in production); the test is the worker, running the queued
tasks one at a time (`db_worker --batch --max-tasks 1`) while the page polls. Saving rows also
queues Wagtail's own tasks (its reference index): those are run too, and one step of the batch is
one task of ``ateliers.tasks``.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from ateliers.choices import AttendanceStatus
from ateliers.services.attendance import mark_attendance
from tests.browser.test_facilitator import labo  # noqa: F401 — the fixture: six people of three CCAS

pytestmark = pytest.mark.django_db(transaction=True)


def run_one_task():
    """Run queued tasks until one of the batch's steps (a task of ``ateliers.tasks``) has run."""
    from django_tasks_db.models import DBTaskResult

    steps = DBTaskResult.objects.filter(task_path__startswith="ateliers.tasks.", finished_at__isnull=False)
    before = steps.count()
    for _ in range(50):
        assert DBTaskResult.objects.ready().exists(), "nothing left in the queue"
        call_command(
            "db_worker", "--batch", "--max-tasks", "1", "--queue-name", "*", "--no-startup-delay",
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
        if steps.count() > before:
            return
    raise AssertionError("no step of the batch ran")


def test_the_progress_bar_moves_as_the_parts_are_rendered(labo, live_server, page, admin_login, settings, axe_check):  # noqa: F811
    workshop, people = labo
    for person in people:
        registration = workshop.registrations.get(person=person)
        for session in workshop.sessions.all()[:2]:
            mark_attendance(registration, session, AttendanceStatus.PRESENT)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.PDF_BATCH_PART = 12  # 6 people + 3 CCAS: three parts of three (a quarter of 12 at least)
    admin_login(page, "facilitation")
    page.goto(live_server.url + reverse("ateliers_admin:workshop", args=[workshop.pk]))
    page.get_by_role("button", name="Produire tous les certificats (un seul PDF)").click()
    status = page.locator("#batch-text")
    bar = page.locator("#batch-progress")
    expect(status).to_contain_text("En attente")

    run_one_task()  # the preparation: certificates issued, three parts queued
    expect(status).to_contain_text("En cours — 0 / 9 certificats (0 / 3 parts)")
    axe_check(page)
    run_one_task()
    expect(status).to_contain_text("3 / 9 certificats (1 / 3 parts)")
    expect(bar).to_have_attribute("value", "3")
    run_one_task()
    expect(status).to_contain_text("6 / 9 certificats (2 / 3 parts)")
    expect(bar).to_have_attribute("value", "6")
    run_one_task()  # the last part
    run_one_task()  # the join
    expect(page.get_by_role("link", name="Télécharger le PDF des certificats")).to_be_visible()
    expect(status).to_contain_text("Terminé — 9 / 9")
