"""Fits and comparisons as background jobs (`nairl.common.jobs`): starting them, and the work
a worker does for one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nairl.common.jobs import JobFailed, report_progress, run_job, start_job
from nairl.scaling.core.errors import ScalingInputError

from ..models import Comparison, Fit, Job
from .analysis import (
    COMPARISON_STEPS,
    FIT_STEPS,
    FitFailed,
    Settings,
    run_comparison,
    run_fit,
    run_steepness,
)
from .inputs import missing_inputs
from .runs import runs_for_core


def start_analysis(*, job: Job, by) -> Job:
    """Saves a new fit or comparison as queued; it runs in the background. Refused when it asks
    for more bootstrap resamples than the hub allows (`NAIRL_MAX_BOOTSTRAP`), or when its runs
    lack what its law reads (`inputs.missing_inputs`)."""
    if job.bootstrap > settings.NAIRL_MAX_BOOTSTRAP:
        raise ValidationError(
            {
                "bootstrap": _("At most %(limit)d resamples on this hub.")
                % {"limit": settings.NAIRL_MAX_BOOTSTRAP}
            }
        )
    problems = missing_inputs(job.study, law=job.law, variable=job.variable, groups=groups_of(job))
    if problems:
        raise ValidationError(problems)
    return start_job(job, by=by)


def groups_of(job: Job) -> dict[str, str]:
    """The groups whose runs the job's law reads, by the field that names each ("law" for a
    fit of all runs); none for a learning-curve check, which reads D alone (`curves`)."""
    if isinstance(job, Fit):
        return {"group" if job.group else "law": job.group}
    if job.is_steepness:
        return {}
    return {"baseline_group": job.baseline_group, "method_group": job.method_group}


# Stored untranslated: the job's page shows them in its reader's language.
STEP_MESSAGES = {
    "fit": gettext_noop("Fitting the law to the runs"),
    "bootstrap": gettext_noop("Refitting on bootstrap resamples for the intervals"),
    "compare": gettext_noop("Comparing the method with the baseline"),
    "plots": gettext_noop("Drawing the figures"),
}


def reporter(job: Job, steps: tuple[str, ...]):
    """`reached(step)` for the core's analysis: the job's progress, one step of ``steps`` done
    before each new one starts."""

    def reached(step: str) -> None:
        report_progress(job, steps.index(step), len(steps), STEP_MESSAGES[step])

    return reached


def settings_of(job: Job) -> Settings:
    return Settings(
        law=job.law,
        variable=job.variable or None,
        huber_delta=job.huber_delta,
        drop_highest=job.drop_highest,
        bootstrap=job.bootstrap,
    )


def stored(compute):
    """`compute(job) -> (result, plots)` as a job's work: the core's refusals become failures
    whose kind ("input", "not_converged") the pages explain in the reader's language."""

    def work(job) -> dict:
        try:
            result, plots = compute(job)
        except FitFailed as failure:
            detail = {"failure": "not_converged", **failure.detail}
            raise JobFailed(str(failure), result=detail) from None
        except ScalingInputError as error:
            raise JobFailed(str(error), result={"failure": "input"}) from None
        return {"result": result, "plots": plots}

    return work


def runs_of(job: Job, *groups: str):
    """The job's runs: those of ``groups`` (every run when none is named), so that a column
    another group lacks (say N, in a learning curve of D only) is not dropped from these."""
    named = [group for group in groups if group]
    queryset = job.study.runs.all()
    if len(named) > 1:
        queryset = queryset.filter(group__in=named)
    return runs_for_core(queryset, named[0] if len(named) == 1 else None)


def compute_fit(fit: Fit) -> tuple[dict, dict]:
    return run_fit(
        runs_of(fit, fit.group), settings_of(fit), fit.group or None, reporter(fit, FIT_STEPS)
    )


def execute_fit(pk: int) -> str:
    return run_job(Fit, pk, stored(compute_fit))


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
        reporter(job, COMPARISON_STEPS),
    )


def execute_comparison(pk: int) -> str:
    return run_job(Comparison, pk, stored(compute_comparison))
