"""Background work of the scaling workbench: fits and comparisons.

Started through `nairl.common.tasks.enqueue("nairl.scaling.tasks.run_fit", fit.pk)`; each task
reads fresh rows, marks the job running, and stores either the result and plots (done) or the
reason it failed. A fit that did not converge is stored as failed with that reason: it is never
shown as a result.
"""

from .domain.jobs import execute_comparison, execute_fit


def run_fit(fit_id: int) -> str:
    return execute_fit(fit_id)


def run_comparison(comparison_id: int) -> str:
    return execute_comparison(comparison_id)
