"""Queueing an evaluation, running it through the harness, and storing what it reports.

The harness (`nairl.robotics.harness`) knows nothing of Django; this module is the only place
that turns a stored Evaluation into harness calls and a harness report into rows.
"""

import logging
import re
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nairl.common.jobs import JobCancelled, JobFailed, report_progress, run_job, start_job
from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.policies import AnyPolicySpec, PolicyLoadError
from nairl.robotics.harness.suites import Suite, get_suite, list_suites
from nairl.robotics.models import CapabilityScore, Evaluation, TaskResult

from ..capabilities import capability_label
from ..installed import NotInstalled, installed_spec, remote_spec

logger = logging.getLogger(__name__)

ERROR_EXAMPLES = 5  # distinct episode errors kept on an evaluation
PROGRESS_EVERY = 2.0  # seconds between progress writes while running
# An absolute path of two or more parts (not a URL's path, which follows a host name or port).
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^/\s'\"<>]+/)+([^/\s'\"<>]*)")


def without_paths(text: str) -> str:
    """`text` with every absolute file path shortened to its last part: no server path is shown."""
    return ABSOLUTE_PATH.sub(r"…/\1", text)


def policy_spec(policy) -> AnyPolicySpec:
    """What the harness runs for a stored policy; NotInstalled for a name off the allow-list."""
    if policy.kind == policy.Kind.REMOTE:
        return remote_spec(policy.server_url)
    return installed_spec(policy.installed)


def suite_names() -> list[str]:
    return [suite.name for suite in list_suites()]


def suite_choices() -> list[tuple[str, str]]:
    """(name, "name (capability)") for every suite, the capability in the reader's language."""
    return [(s.name, f"{s.name} ({capability_label(s.capability)})") for s in list_suites()]


def configured_suite(evaluation: Evaluation) -> Suite:
    """The registry's suite with the evaluation's overrides (its hash says which variant it is).

    Raises KeyError for an unknown suite or task, with the harness's message.
    """
    suite = get_suite(evaluation.suite)
    return suite.with_overrides(
        episodes=evaluation.episodes_per_task,
        seed=evaluation.seed,
        episode_length=evaluation.episode_length,
        tasks=list(evaluation.tasks) or None,
    )


def start_evaluation(*, evaluation: Evaluation, by) -> Evaluation:
    """Queues an evaluation requested by `by` (the policy's team member or an administrator);
    it runs in the background. Refused past the hub's limits on episodes, workers and the
    team's evaluations queued or running at once."""
    errors = {}
    if evaluation.episodes_per_task > settings.NAIRL_MAX_EPISODES_PER_TASK:
        errors["episodes_per_task"] = _("At most %(limit)d episodes per task on this hub.") % {
            "limit": settings.NAIRL_MAX_EPISODES_PER_TASK
        }
    if evaluation.workers > settings.NAIRL_MAX_EVALUATION_WORKERS:
        errors["workers"] = _("At most %(limit)d workers on this hub.") % {
            "limit": settings.NAIRL_MAX_EVALUATION_WORKERS
        }
    active = Evaluation.objects.filter(
        policy__team_id=evaluation.policy.team_id,
        status__in=[Evaluation.Status.QUEUED, Evaluation.Status.RUNNING],
    ).count()
    if active >= settings.NAIRL_MAX_ACTIVE_EVALUATIONS_PER_TEAM:
        errors["__all__"] = _(
            "Your team already has %(count)d evaluations queued or running; start another when "
            "one has finished."
        ) % {"count": active}
    if errors:
        raise ValidationError(errors)
    return start_job(evaluation, by=by)


def run_evaluation(evaluation_id: int, limits: Limits | None = None) -> str:
    """Runs a queued evaluation to its end (done or failed, never raised); returns its final
    status, or "skipped" when there is nothing to run (unknown id, or started elsewhere)."""
    return run_job(Evaluation, evaluation_id, lambda evaluation: evaluate(evaluation, limits))


def evaluate(evaluation: Evaluation, limits: Limits | None) -> dict:
    """The harness's run of a claimed evaluation; its report stored, its fields returned."""
    from nairl.robotics.harness.runner import evaluate as run_harness

    evaluation = Evaluation.objects.select_related("policy").get(pk=evaluation.pk)
    try:
        suite = configured_suite(evaluation)
    except KeyError as error:
        raise JobFailed(without_paths(f"Invalid evaluation settings: {error.args[0]}")) from None
    try:
        spec = policy_spec(evaluation.policy)
    except NotInstalled as missing:
        raise JobFailed(
            f"The installed policy {missing.args[0]!r} is not on this hub's list of installed "
            "policies (an administrator chooses them); choose another one."
        ) from None
    last_write = [0.0]

    def progress(done, total, result):
        if time.monotonic() - last_write[0] >= PROGRESS_EVERY:
            last_write[0] = time.monotonic()
            report_progress(evaluation, done, total)

    try:
        report, episodes = run_harness(
            spec, [suite], workers=evaluation.workers, limits=limits or Limits(), progress=progress
        )
    except JobCancelled:
        raise
    except PolicyLoadError as error:
        logger.warning("evaluation %s: the policy could not be loaded: %s", evaluation.pk, error)
        raise JobFailed(without_paths(f"The policy could not be loaded: {error}")) from None
    except Exception as error:  # the harness itself broke: record it, keep the worker alive
        logger.exception("evaluation %s stopped", evaluation.pk)
        raise JobFailed(
            without_paths(f"The evaluation stopped: {type(error).__name__}: {error}")
        ) from None
    return store_report(evaluation, report, episodes)


def error_examples(episodes) -> list[dict]:
    """Up to ERROR_EXAMPLES failed episodes, one per distinct error text."""
    seen, examples = set(), []
    for episode in episodes:
        if episode.error is None or episode.error in seen:
            continue
        seen.add(episode.error)
        error = without_paths(episode.error)[:500]
        examples.append({"task": episode.task, "seed": episode.seed, "error": error})
        if len(examples) == ERROR_EXAMPLES:
            break
    return examples


def store_report(evaluation: Evaluation, report, episodes) -> dict:
    """Stores the harness's report per task and per capability, and returns the evaluation's
    own result fields (overall score, hash, versions, errors); an evaluation whose every episode
    failed is a failure, with what was measured kept."""
    suite_hash = (
        report.suites[0]["hash"] if len(report.suites) == 1 else combined_hash(report.suites)
    )
    with transaction.atomic():
        TaskResult.objects.filter(evaluation=evaluation).delete()
        CapabilityScore.objects.filter(evaluation=evaluation).delete()
        TaskResult.objects.bulk_create(
            [
                TaskResult(
                    evaluation=evaluation,
                    suite=t.suite,
                    task=t.task,
                    capability=t.capability,
                    episodes=t.episodes,
                    successes=t.successes,
                    failed_episodes=t.failed_episodes,
                    success_mean=t.success.mean,
                    success_low=t.success.low,
                    success_high=t.success.high,
                    score_mean=t.score.mean,
                    score_low=t.score.low,
                    score_high=t.score.high,
                    perturbation=t.perturbation or "",
                    base_task=t.base_task or "",
                    metrics=finite(t.metrics),
                )
                for t in report.tasks
            ]
        )
        CapabilityScore.objects.bulk_create(
            [
                CapabilityScore(
                    evaluation=evaluation,
                    capability=c.capability,
                    suite_hash=combined_hash(
                        [s for s in report.suites if s["capability"] == c.capability]
                    ),
                    mean=c.score.mean,
                    low=c.score.low,
                    high=c.score.high,
                    n=c.score.n,
                    tasks=c.tasks,
                )
                for c in report.capabilities
            ]
        )
    fields = {
        "suite_hash": suite_hash,
        "versions": dict(report.versions),
        "overall_mean": report.overall.mean,
        "overall_low": report.overall.low,
        "overall_high": report.overall.high,
        "overall_n": report.overall.n,
        "episodes_total": report.episodes,
        "failed_episodes": report.failed_episodes,
        "error_examples": error_examples(episodes),
        "duration": report.duration,
        "report": finite(report.to_dict()),
    }
    if report.episodes and report.failed_episodes == report.episodes:
        first = fields["error_examples"][0]["error"]
        raise JobFailed(f"Every episode failed; the first error: {first}", **fields)
    return fields


def combined_hash(suites: list[dict]) -> str:
    """One suite's own hash, or a hash over several suites' hashes (sorted by name)."""
    if len(suites) == 1:
        return suites[0]["hash"]
    import hashlib

    text = ",".join(f"{s['name']}={s['hash']}" for s in sorted(suites, key=lambda s: s["name"]))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def finite(value):
    """JSON-safe: NaN and infinities (metrics of one episode have no interval) become None."""
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
