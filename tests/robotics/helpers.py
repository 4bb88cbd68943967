"""Builders for robotics records; results are constructed rows (ranking and pages need no run)."""

import itertools

from django.utils import timezone

from nairl.robotics.models import CapabilityScore, Evaluation, RobotPolicy, TaskResult, Team

_serial = itertools.count(1)
HASH = "a" * 16


def make_team(*members, name_en=None, **fields) -> Team:
    team = Team.objects.create(name_en=name_en or f"Team {next(_serial)}", **fields)
    team.members.add(*members)
    for member in members:
        member.__dict__.pop("_robotics_team_ids", None)
    return team


def make_policy(team: Team, name=None, *, is_public=True, **fields) -> RobotPolicy:
    """An installed reference policy by default; `server_url=...` makes a remote one."""
    if "server_url" in fields:
        fields.setdefault("kind", RobotPolicy.Kind.REMOTE)
    else:
        fields.setdefault("kind", RobotPolicy.Kind.INSTALLED)
        fields.setdefault("installed", "random")
    return RobotPolicy.objects.create(
        team=team, name=name or f"policy-{next(_serial)}", is_public=is_public, **fields
    )


def make_result(
    policy: RobotPolicy,
    mean=0.5,
    low=0.3,
    high=0.7,
    *,
    suite="control-mt10",
    suite_hash=HASH,
    capability="control",
    tasks=("reach-v3", "push-v3"),
    status=Evaluation.Status.DONE,
) -> Evaluation:
    """A finished evaluation with stored results, as the harness would leave it."""
    evaluation = Evaluation.objects.create(
        policy=policy,
        suite=suite,
        episodes_per_task=10,
        status=status,
        suite_hash=suite_hash,
        overall_mean=mean,
        overall_low=low,
        overall_high=high,
        overall_n=20,
        episodes_total=10 * len(tasks),
        finished_at=timezone.now(),
        versions={"metaworld": "3.1.1"},
        report={"big": list(range(100))},
        error_examples=[{"task": tasks[0], "seed": 1, "error": "step timeout"}],
    )
    CapabilityScore.objects.create(
        evaluation=evaluation,
        capability=capability,
        suite_hash=suite_hash,
        mean=mean,
        low=low,
        high=high,
        n=20,
        tasks=len(tasks),
    )
    TaskResult.objects.bulk_create(
        [
            TaskResult(
                evaluation=evaluation,
                suite=suite,
                task=task,
                capability=capability,
                episodes=10,
                successes=5,
                failed_episodes=0,
                success_mean=mean,
                success_low=low,
                success_high=high,
                score_mean=mean,
                score_low=low,
                score_high=high,
            )
            for task in tasks
        ]
    )
    return evaluation
