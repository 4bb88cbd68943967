"""One interface for background work (fits, evaluations, reports, emails).

`enqueue("nairl.scaling.tasks.run_fit", fit_id)` asks for the function to run in the
background, never in the request. Where it runs is `NAIRL_TASK_BACKEND`:

- `database` (the default): a `TaskRecord` row written in the caller's transaction; the worker
  beside the web server (`nairl worker`, started by `make run`) runs it. Nothing else to install.
- `celery`: sent to Celery workers on `NAIRL_BROKER_URL` once the transaction commits, when one
  machine is not enough.
- `inline`: run in this process once the transaction commits (the test suite's choice).

Arguments must be JSON-serialisable: ids, not objects, so a worker reads fresh rows.
"""

import importlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

logger = logging.getLogger(__name__)
BACKENDS = ("database", "celery", "inline")


def resolve(path: str):
    module_name, _, attribute = path.rpartition(".")
    if not module_name.startswith("nairl."):
        raise ValueError(f"Only the hub's own tasks can run: {path!r}")
    return getattr(importlib.import_module(module_name), attribute)


def run(path: str, args: list, kwargs: dict):
    return resolve(path)(*args, **kwargs)


def enqueue(path: str, *args, for_job=None, **kwargs) -> None:
    """Runs `path(*args, **kwargs)` in the background; `for_job` (a BackgroundJob) is the job
    the task works on, so that a worker that dies with it leaves the job marked interrupted."""
    resolve(path)  # fail now, in the caller, on a wrong name
    backend = settings.TASK_BACKEND
    if backend == "database":
        from .models import TaskRecord

        TaskRecord.objects.create(
            path=path,
            args=list(args),
            kwargs=kwargs,
            job_type=ContentType.objects.get_for_model(for_job) if for_job else None,
            job_id=for_job.pk if for_job else None,
        )
    elif backend == "celery":
        from .celery_app import app

        transaction.on_commit(lambda: app.send_task("nairl.run", args=[path, list(args), kwargs]))
    elif backend == "inline":
        transaction.on_commit(lambda: run(path, list(args), kwargs))
    else:
        raise ValueError(f"NAIRL_TASK_BACKEND must be one of {', '.join(BACKENDS)}")
