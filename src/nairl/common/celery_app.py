"""The hub's one Celery app: ``celery -A nairl.common.celery_app worker -Q nairl,nairl-robotics``.

Its broker, also the result backend, is ``NAIRL_BROKER_URL``. Importing this module sets up
nothing else, so the robot harness (plain Python, no Django) queues its episodes here too:
hub tasks (``nairl.run``, queued by `nairl.common.tasks.enqueue`) travel on the queue
``nairl`` and set Django up when they run; evaluation episodes
(``nairl.robotics.run_episode``) travel on their own queue ``nairl-robotics`` and never need it.
"""

import os

from celery import Celery

BROKER_URL = os.environ.get("NAIRL_BROKER_URL", "redis://127.0.0.1:6379/0")
HUB_QUEUE = "nairl"
EPISODE_QUEUE = "nairl-robotics"

# No fixups: Celery's Django fixup would set Django up in every process that imports the app.
app = Celery(
    "nairl",
    broker=BROKER_URL,
    backend=BROKER_URL,
    fixups=[],
    include=["nairl.robotics.harness.distributed"],
)
app.conf.update(
    task_default_queue=HUB_QUEUE,
    task_routes={"nairl.robotics.run_episode": {"queue": EPISODE_QUEUE}},
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    worker_prefetch_multiplier=1,  # episodes and fits are long; don't let one worker hoard them
    task_acks_late=True,
    broker_connection_retry_on_startup=True,
    result_expires=24 * 3600,
)


@app.task(name="nairl.run")
def run_hub_task(path: str, args: list, kwargs: dict):
    """Run a hub task (``nairl.common.tasks``) with Django set up and fresh connections."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nairl.settings")
    if not apps.ready:
        django.setup()
    from django.db import close_old_connections

    from nairl.common.tasks import run

    close_old_connections()
    try:
        return run(path, args, kwargs)
    finally:
        close_old_connections()
