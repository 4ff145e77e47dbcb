"""django-tasks-rq's RQ backend, enqueuing when the database transaction commits.

With the database backend a task enqueued inside a transaction is a row of that transaction: a
worker sees it only once the rows the task needs are committed, and never if the transaction rolls
back. django-tasks-rq pushes the job to Redis at once, so a worker could run it before the commit
(and miss the rows) or run it for rows that were rolled back. Wagtail enqueues its reference-index
task from ``post_save``, inside the transaction that saves a page; the project's own code enqueues
in ``transaction.on_commit``. This backend keeps the database backend's behaviour for all of them.
"""

from django.db import transaction
from django_tasks.base import TASK_MAX_PRIORITY, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq.backend import Job, RQBackend, failed_callback, success_callback
from rq.job import Callback, JobStatus


class TransactionalRQBackend(RQBackend):
    """RQ backend whose ``enqueue`` inside an atomic block reaches Redis on commit (never on rollback)."""

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        task_result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        # Outside a transaction on_commit runs the push now, as RQBackend.enqueue would.
        transaction.on_commit(lambda: self._push(task_result))
        return task_result

    def _push(self, task_result):
        """RQBackend.enqueue's part that writes to Redis, for an already built ``task_result``."""
        import django_rq

        task = task_result.task
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=task_result.args,
            kwargs=task_result.kwargs,
            job_id=task_result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        object.__setattr__(task_result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=task_result)
