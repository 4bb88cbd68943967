"""Running stored fits and comparisons, and starting them as background tasks."""

import logging

from django.db import transaction
from django.utils import timezone

from nairl.common.tasks import enqueue
from nairl.scaling.core.errors import ScalingInputError

from ..models import Comparison, Fit, Job
from .analysis import FitFailed, Settings, run_comparison, run_fit, run_steepness
from .runs import runs_for_core

logger = logging.getLogger(__name__)
TASKS = {Fit: "nairl.scaling.tasks.run_fit", Comparison: "nairl.scaling.tasks.run_comparison"}


def start(job: Job) -> Job:
    """Saves a new fit or comparison as queued and schedules it after the transaction commits."""
    with transaction.atomic():
        job.status = Job.Status.QUEUED
        job.save()
        enqueue(TASKS[type(job)], job.pk)
    return job


def settings_of(job: Job) -> Settings:
    return Settings(
        law=job.law,
        variable=job.variable or None,
        huber_delta=job.huber_delta,
        drop_highest=job.drop_highest,
        bootstrap=job.bootstrap,
    )


def claim(model, pk):
    """Marks the job running, unless it is gone or already finished (a repeated delivery)."""
    with transaction.atomic():
        job = model.objects.select_for_update().defer(*model.HEAVY).filter(pk=pk).first()
        if job is None or job.is_finished:
            return None
        job.status, job.started_at, job.error = Job.Status.RUNNING, timezone.now(), ""
        job.save(update_fields=["status", "started_at", "error"])
    return job


def finish(job: Job, result: dict, plots: dict, error: str = "") -> None:
    """Stores the outcome; `error` is the core's own (English) reason, `result["failure"]` its kind
    ("input", "not_converged", "unexpected") so that pages explain it in the reader's language."""
    job.result, job.plots, job.error = result, plots, error
    job.status = Job.Status.FAILED if error else Job.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "plots", "error", "status", "finished_at"])


def execute(model, pk, compute) -> str:
    """Runs ``compute(job)`` for a claimed job and stores its (result, plots) or why it failed."""
    job = claim(model, pk)
    if job is None:
        return "skipped"
    try:
        result, plots = compute(job)
    except FitFailed as failure:
        finish(job, {"failure": "not_converged", **failure.detail}, {}, str(failure))
    except ScalingInputError as error:
        finish(job, {"failure": "input"}, {}, str(error))
    except Exception as error:  # a bug must still leave the job failed, not running forever
        logger.exception("scaling job %s #%s failed", model.__name__, pk)
        finish(job, {"failure": "unexpected"}, {}, f"{type(error).__name__}: {error}")
    else:
        finish(job, result, plots)
    return job.status


def runs_of(job: Job, *groups: str):
    """The job's runs: those of ``groups`` (every run when none is named), so that a column
    another group lacks (say N, in a learning curve of D only) is not dropped from these."""
    named = [group for group in groups if group]
    queryset = job.study.runs.all()
    if len(named) > 1:
        queryset = queryset.filter(group__in=named)
    return runs_for_core(queryset, named[0] if len(named) == 1 else None)


def execute_fit(pk: int) -> str:
    return execute(
        Fit, pk, lambda fit: run_fit(runs_of(fit, fit.group), settings_of(fit), fit.group or None)
    )


def compute_comparison(job: Comparison) -> tuple[dict, dict]:
    if job.is_steepness:  # each group on its own: one group's missing D is not the other's
        baseline, method = (
            runs_for_core(job.study.runs.all(), group)
            for group in (job.baseline_group, job.method_group)
        )
        return run_steepness(baseline, method, job.baseline_group, job.method_group, job.holdout)
    return run_comparison(
        runs_of(job, job.baseline_group, job.method_group),
        settings_of(job),
        job.baseline_group,
        job.method_group,
    )


def execute_comparison(pk: int) -> str:
    return execute(Comparison, pk, compute_comparison)
