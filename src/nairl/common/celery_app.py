"""Celery workers for the hub: `celery -A nairl.common.celery_app worker`."""

import os

import django
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nairl.settings")
django.setup()

from django.conf import settings  # noqa: E402

from .tasks import run  # noqa: E402

app = Celery("nairl", broker=settings.BROKER_URL, backend=settings.BROKER_URL)
app.task(name="nairl.run")(run)
