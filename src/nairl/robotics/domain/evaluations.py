"""Queueing an evaluation, running it through the harness, and storing what it reports.

The harness (`nairl.robotics.harness`) knows nothing of Django; this module is the only place
that turns a stored Evaluation into harness calls and a harness report into rows.
"""

import logging
import re
import time

from django.db import transaction
from django.utils import timezone

from nairl.common.tasks import enqueue
from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.policies import AnyPolicySpec, PolicyLoadError
from nairl.robotics.harness.suites import Suite, get_suite, list_suites
from nairl.robotics.models import CapabilityScore, Evaluation, TaskResult

from .capabilities import capability_label
from .installed import NotInstalled, installed_spec, remote_spec

logger = logging.getLogger(__name__)

TASK_PATH = "nairl.robotics.tasks.run_evaluation"
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


def queue_evaluation(evaluation: Evaluation) -> Evaluation:
    """Save a new evaluation and have it run once the transaction commits."""
    with transaction.atomic():
        evaluation.status = Evaluation.Status.QUEUED
        evaluation.save()
        enqueue(TASK_PATH, evaluation.pk)
    return evaluation


def start_evaluation(*, evaluation: Evaluation, by) -> Evaluation:
    """Queues an evaluation requested by `by` (the policy's team member or an administrator)."""
    evaluation.created_by = by
    return queue_evaluation(evaluation)


def run_evaluation(evaluation_id: int, limits: Limits | None = None) -> Evaluation | None:
    """Run a queued evaluation to its end; failures are stored on it, never raised.

    Returns None when there is nothing to run (unknown id, or already started elsewhere).
    """
    from nairl.robotics.harness.runner import evaluate

    with transaction.atomic():
        claimed = Evaluation.objects.filter(
            pk=evaluation_id, status=Evaluation.Status.QUEUED
        ).update(status=Evaluation.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return None
    evaluation = Evaluation.objects.select_related("policy").get(pk=evaluation_id)
    try:
        suite = configured_suite(evaluation)
    except KeyError as error:
        return fail(evaluation, f"Invalid evaluation settings: {error.args[0]}")
    last_write = [time.monotonic()]

    def progress(done, total, result):
        if time.monotonic() - last_write[0] >= PROGRESS_EVERY:
            last_write[0] = time.monotonic()
            Evaluation.objects.filter(pk=evaluation_id).update(episodes_total=done)

    try:
        spec = policy_spec(evaluation.policy)
    except NotInstalled as missing:
        return fail(
            evaluation,
            f"The installed policy {missing.args[0]!r} is not on this hub's list of installed "
            "policies (an administrator chooses them); choose another one.",
        )
    try:
        report, episodes = evaluate(
            spec, [suite], workers=evaluation.workers, limits=limits or Limits(), progress=progress
        )
    except PolicyLoadError as error:
        logger.warning(
            "evaluation %s: the policy could not be loaded", evaluation_id, exc_info=True
        )
        return fail(evaluation, f"The policy could not be loaded: {error}")
    except Exception as error:  # the harness itself broke: record it, keep the worker alive
        logger.exception("evaluation %s stopped", evaluation_id)
        return fail(evaluation, f"The evaluation stopped: {type(error).__name__}: {error}")
    return store_report(evaluation, report, episodes)


def fail(evaluation: Evaluation, message: str) -> Evaluation:
    evaluation.status = Evaluation.Status.FAILED
    evaluation.message = without_paths(message)
    evaluation.finished_at = timezone.now()
    evaluation.save(update_fields=["status", "message", "finished_at"])
    return evaluation


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


def store_report(evaluation: Evaluation, report, episodes) -> Evaluation:
    """Store the harness's report: per task, per capability, overall, hash, versions, errors."""
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
        evaluation.suite_hash = suite_hash
        evaluation.versions = dict(report.versions)
        evaluation.overall_mean = report.overall.mean
        evaluation.overall_low = report.overall.low
        evaluation.overall_high = report.overall.high
        evaluation.overall_n = report.overall.n
        evaluation.episodes_total = report.episodes
        evaluation.failed_episodes = report.failed_episodes
        evaluation.error_examples = error_examples(episodes)
        evaluation.duration = report.duration
        evaluation.report = finite(report.to_dict())
        evaluation.finished_at = timezone.now()
        if report.episodes and report.failed_episodes == report.episodes:
            evaluation.status = Evaluation.Status.FAILED
            evaluation.message = (
                f"Every episode failed; the first error: {evaluation.error_examples[0]['error']}"
            )
        else:
            evaluation.status = Evaluation.Status.DONE
            evaluation.message = ""
        evaluation.save()
    return evaluation


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
