"""One interface for background work (fits, evaluations, reports, emails).

`enqueue("nairl.scaling.tasks.run_fit", fit_id)` runs the function once the current transaction
commits: in this process by default (`NAIRL_TASK_BACKEND=inline`, nothing else to start), or on
Celery workers (`NAIRL_TASK_BACKEND=celery`, broker `NAIRL_BROKER_URL`). Arguments must be
JSON-serialisable: ids, not objects, so a worker reads fresh rows.
"""

import importlib
import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def resolve(path: str):
    module_name, _, attribute = path.rpartition(".")
    if not module_name.startswith("nairl."):
        raise ValueError(f"Only the hub's own tasks can run: {path!r}")
    return getattr(importlib.import_module(module_name), attribute)


def run(path: str, args: list, kwargs: dict):
    return resolve(path)(*args, **kwargs)


def enqueue(path: str, *args, **kwargs) -> None:
    resolve(path)  # fail now, in the caller, on a wrong name
    if settings.TASK_BACKEND == "celery":
        from .celery_app import app

        transaction.on_commit(lambda: app.send_task("nairl.run", args=[path, list(args), kwargs]))
    else:
        transaction.on_commit(lambda: run(path, list(args), kwargs))
