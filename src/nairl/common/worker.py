"""The worker beside the web server: runs queued `TaskRecord`s one at a time (`nairl worker`).

A worker claims the oldest queued record (one worker per record, on SQLite and PostgreSQL
alike), beats its heart while the task runs, and records the outcome. At start and every
`RECOVER_EVERY` seconds it looks for records whose worker is gone — a dead process on this
machine, or no heartbeat for `stale_after` seconds — and marks them and their background jobs
interrupted, with the reason, so nothing stays "running" forever.
"""

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from .models import JobStatus, TaskRecord
from .tasks import run

logger = logging.getLogger(__name__)
RECOVER_EVERY = 30.0  # seconds


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next(name: str) -> TaskRecord | None:
    """The oldest queued record, now running under this worker; None when there is none."""
    with transaction.atomic():
        # SKIP LOCKED on PostgreSQL; on SQLite the IMMEDIATE transaction lets one worker in.
        record = (
            TaskRecord.objects.select_for_update(skip_locked=True)
            .filter(status=TaskRecord.Status.QUEUED)
            .order_by("id")
            .first()
        )
        if record is None:
            return None
        now = timezone.now()
        record.status, record.worker = TaskRecord.Status.RUNNING, name
        record.started_at = record.heartbeat_at = now
        record.save(update_fields=["status", "worker", "started_at", "heartbeat_at"])
    return record


class Heartbeat(threading.Thread):
    """Writes the record's last sign of life every `interval` seconds until stopped."""

    def __init__(self, record_id: int, interval: float):
        super().__init__(daemon=True)
        self.record_id, self.interval = record_id, interval
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.interval):
                TaskRecord.objects.filter(pk=self.record_id).update(heartbeat_at=timezone.now())
        finally:
            connection.close()


def execute(record: TaskRecord, heartbeat_interval: float) -> str:
    """Runs one claimed record and stores how it ended."""
    heartbeat = Heartbeat(record.pk, heartbeat_interval)
    heartbeat.start()
    try:
        run(record.path, record.args, record.kwargs)
    except Exception as error:  # the task's own failure; the worker goes on
        logger.exception("task %s failed", record)
        record.status, record.error = TaskRecord.Status.FAILED, f"{type(error).__name__}: {error}"
    else:
        record.status = TaskRecord.Status.DONE
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "error", "finished_at"])
    return record.status


def is_gone(record: TaskRecord, now, stale_after: float) -> bool:
    host, _, pid = record.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True  # the process that ran it no longer exists
        except PermissionError:
            pass
    beat = record.heartbeat_at or record.started_at
    return beat is None or (now - beat).total_seconds() > stale_after


def recover(stale_after: float) -> int:
    """Marks records (and their jobs) interrupted whose worker is gone; returns how many."""
    from .jobs import fail_job

    now = timezone.now()
    recovered = 0
    for record in TaskRecord.objects.filter(status=TaskRecord.Status.RUNNING):
        if record.worker == worker_name() or not is_gone(record, now, stale_after):
            continue
        seen = timezone.localtime(record.heartbeat_at or record.started_at or now)
        reason = (
            f"interrupted: the worker running it stopped (last sign of life at "
            f"{seen:%Y-%m-%d %H:%M:%S %Z}); start it again"
        )
        with transaction.atomic():
            updated = TaskRecord.objects.filter(
                pk=record.pk, status=TaskRecord.Status.RUNNING
            ).update(status=TaskRecord.Status.FAILED, error=reason, finished_at=now)
            if not updated:
                continue
            job = interrupted_job(record)
            if job is not None:
                fail_job(job, reason)
        logger.warning("task %s: %s", record, reason)
        recovered += 1
    return recovered


def interrupted_job(record: TaskRecord):
    if record.job_type_id is None:
        return None
    model = record.job_type.model_class()
    return (
        model.objects.filter(
            pk=record.job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).first()
        if model is not None
        else None
    )


def work(*, stop: threading.Event, poll: float = 1.0, once: bool = False) -> int:
    """Runs queued tasks until `stop` is set (or, with `once`, until the queue is empty);
    returns how many it ran."""
    name = worker_name()
    heartbeat = settings.NAIRL_TASK_HEARTBEAT_SECONDS
    stale_after = 3 * heartbeat
    ran = 0
    last_recovery = -RECOVER_EVERY
    while not stop.is_set():
        close_old_connections()
        if time.monotonic() - last_recovery >= RECOVER_EVERY:
            recover(stale_after)
            last_recovery = time.monotonic()
        record = claim_next(name)
        if record is None:
            if once:
                break
            stop.wait(poll)
            continue
        execute(record, heartbeat)
        ran += 1
    return ran
