"""The task queue's settings, from two environment variables: ``TASKS_BACKEND`` and ``REDIS_URL``.

``TASKS_BACKEND`` is ``db`` (the default: django-tasks-db, the queue is a table of the database, run
by ``manage.py db_worker``), ``rq`` (django-tasks-rq: the queue is in Redis at ``REDIS_URL``, run by
``manage.py rqworker --with-scheduler``), or the dotted path of another django-tasks backend.
Reads no setting: base settings and the tests build the same dictionaries from it.
"""

from django.core.exceptions import ImproperlyConfigured

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
#: RQ, with the database backend's transactional enqueue (see ``lab.infra.task_backends``).
RQ_BACKEND = "lab.infra.task_backends.TransactionalRQBackend"
ALIASES = {"db": DATABASE_BACKEND, "database": DATABASE_BACKEND, "rq": RQ_BACKEND}
#: Queues the project's and Wagtail's tasks use (all of them use Django's default queue).
QUEUES = ["default"]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
#: RQ stops a job after this many seconds (its own default, 180 s, is shorter than a programme's
#: certificate batch or a proofs pack); the database backend has no limit.
DEFAULT_JOB_TIMEOUT = 3600


def uses_rq(backend_path):
    return backend_path == RQ_BACKEND or backend_path.startswith("django_tasks_rq.")


def task_settings(backend="db", redis_url=None, job_timeout=None):
    """The ``TASKS`` setting, plus django-rq's ``RQ_QUEUES`` and ``RQ`` when the backend is RQ."""
    backend = (backend or "db").strip()
    path = ALIASES.get(backend.lower(), backend)
    if "." not in path:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND={backend!r}: expected 'db', 'rq' or the dotted path of a django-tasks backend."
        )
    values = {"TASKS": {"default": {"BACKEND": path, "QUEUES": QUEUES}}}
    if uses_rq(path):
        url = redis_url or DEFAULT_REDIS_URL
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured(f"REDIS_URL={url!r}: expected redis://host:6379/0 (or rediss://, unix://).")
        timeout = int(job_timeout or DEFAULT_JOB_TIMEOUT)
        values["RQ_QUEUES"] = {name: {"URL": url, "DEFAULT_TIMEOUT": timeout} for name in QUEUES}
        # `manage.py rqworker` then builds django-tasks' jobs without `--job-class`.
        values["RQ"] = {"JOB_CLASS": "django_tasks_rq.Job"}
    return values
