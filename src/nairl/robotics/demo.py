"""Demo data for robotics: a team, the reference policies, and real evaluations.

Found by `nairl demo` (nairl.common.management.demo) as this app's `load(scale, stdout)`. The
results are not invented: each evaluation is a short real run of the harness (few tasks, few
episodes, short episodes), queued for the hub's worker (`nairl worker`, which `make run` starts)
so that loading the demo takes seconds; the pages show them queued, then their progress, then
their results. The baseline's evaluation first trains it, small (a dozen demonstrations of the
tasks the demo evaluates, a few seconds), unless one is already there; the remote policy's
evaluation serves the scripted expert on 127.0.0.1 from the hub's own policy server while it
runs.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from nairl.common.management.demo import register_demo_step
from nairl.common.models import JobStatus
from nairl.common.tasks import enqueue
from nairl.research.flagships import link_to_flagship_project
from nairl.robotics.domain.evaluations import run_evaluation
from nairl.robotics.models import Evaluation, RobotPolicy, Team

TEAM_EN = "Robot Foundation Models demo team"
TEAM_KO = "로봇 파운데이션 모델 데모 팀"
MEMBERS = ("researcher", "director")
DEMO_TASKS = ["reach-v3", "push-v3", "drawer-open-v3"]
REMOTE = "expert-remote"
logger = logging.getLogger(__name__)

# name, installed policy (None: remote), description in English and Korean
POLICIES = [
    (
        "random",
        "random",
        "Uniform random actions within the action bounds: the floor every policy must beat.",
        "행동 범위 안에서 균등하게 무작위로 행동합니다. 모든 정책이 넘어야 할 기준선입니다.",
    ),
    (
        "expert",
        "expert",
        "Meta-World's scripted experts, which read object and goal positions from the full state.",
        "전체 상태에서 물체와 목표 위치를 읽는 Meta-World의 스크립트 전문가 정책입니다.",
    ),
    (
        "baseline",
        "baseline",
        "Multi-task MLP trained by behaviour cloning on expert demonstrations (the demo trains "
        "a small one; `nairl robotics train-baseline` trains the full one).",
        "전문가 시연으로 행동 복제 학습한 다중 작업 MLP입니다 (데모는 작은 모델을 학습합니다. "
        "전체 모델은 `nairl robotics train-baseline`).",
    ),
    (
        REMOTE,
        None,
        "The scripted experts served by a policy server (`nairl robotics serve-policy`): the hub "
        "evaluates it over openpi's websocket protocol, as it would a team's model on its GPUs.",
        "정책 서버(`nairl robotics serve-policy`)가 제공하는 스크립트 전문가 정책입니다. 허브는 "
        "팀의 GPU 서버에 있는 모델처럼 openpi 웹소켓 프로토콜로 평가합니다.",
    ),
]

# Short, real runs: (policy name, suite, tasks, episodes per task, steps per episode).
RUNS = [
    ("random", "control-mt10", DEMO_TASKS, 4, 150),
    ("expert", "control-mt10", DEMO_TASKS, 4, 150),
    ("baseline", "control-mt10", DEMO_TASKS, 4, 150),
    (REMOTE, "control-mt10", DEMO_TASKS[:2], 2, 150),
    ("expert", "decision-mt10", ["reach-v3", "drawer-open-v3"], 3, 150),
]


def create_policies() -> tuple[dict[str, RobotPolicy], bool]:
    with transaction.atomic():
        team, created = Team.objects.get_or_create(name_en=TEAM_EN, defaults={"name_ko": TEAM_KO})
        team.members.add(*get_user_model().objects.filter(username__in=MEMBERS))
        policies = {}
        for name, installed, about_en, about_ko in POLICIES:
            kind = RobotPolicy.Kind.INSTALLED if installed else RobotPolicy.Kind.REMOTE
            policies[name], _new = RobotPolicy.objects.get_or_create(
                team=team,
                name=name,
                version="1",
                defaults={
                    "kind": kind,
                    "installed": installed or "",
                    "server_url": "" if installed else "ws://127.0.0.1:8000",
                    "description_en": about_en,
                    "description_ko": about_ko,
                    "is_public": True,
                },
            )
    return policies, created


def train_small_baseline() -> None:
    from nairl.robotics.harness.baseline import train_baseline

    started = time.monotonic()
    summary = train_baseline(
        demos=12, epochs=60, hidden=64, out=settings.ROBOTICS_BASELINE, tasks=DEMO_TASKS
    )
    logger.info(
        "robotics demo: trained a small baseline on %d demonstrations in %.1f s",
        summary.demos,
        time.monotonic() - started,
    )


def evaluate_trained_baseline(evaluation_id: int) -> str:
    """The demo baseline's evaluation (a task for the worker): trains it first if absent."""
    if not settings.ROBOTICS_BASELINE.exists():
        train_small_baseline()
    return run_evaluation(evaluation_id)


def evaluate_served_expert(evaluation_id: int) -> str:
    """The remote policy's evaluation (a task for the worker): the scripted expert is served
    on 127.0.0.1 by the hub's policy server for as long as the evaluation runs."""
    from nairl.robotics.harness.policies import PolicySpec
    from nairl.robotics.harness.policy_server import PolicyServer

    server = PolicyServer(PolicySpec.parse("expert"), "127.0.0.1", 0).start()
    try:
        evaluation = Evaluation.objects.select_related("policy").get(pk=evaluation_id)
        RobotPolicy.objects.filter(pk=evaluation.policy.pk).update(server_url=server.url)
        return run_evaluation(evaluation_id)
    finally:
        server.shutdown()


# The task that runs each demo evaluation: the common one, unless the policy needs a step first.
TASKS = {
    "baseline": "nairl.robotics.demo.evaluate_trained_baseline",
    REMOTE: "nairl.robotics.demo.evaluate_served_expert",
}


def pending_runs(policies) -> list[Evaluation]:
    """New evaluations for the demo's runs that have none done, queued or running yet."""
    queued = []
    for name, suite, tasks, episodes, length in RUNS:
        policy = policies[name]
        if policy.evaluations.filter(suite=suite).exclude(status=JobStatus.FAILED).exists():
            continue
        queued.append(
            Evaluation.objects.create(
                policy=policy,
                suite=suite,
                tasks=tasks,
                episodes_per_task=episodes,
                episode_length=length,
                workers=2,
            )
        )
    return queued


def load(scale: str, stdout) -> None:
    policies, created = create_policies()
    with transaction.atomic():
        queued = pending_runs(policies)
        for evaluation in queued:
            enqueue(
                TASKS.get(evaluation.policy.name, Evaluation.task),
                evaluation.pk,
                for_job=evaluation,
            )
    stdout.write(
        f"robotics: team {'created' if created else 'already there'}, "
        f"{len(policies)} public policies, {len(queued)} evaluation(s) queued for the worker"
    )


@register_demo_step(name="robotics-project")
def link_to_project(scale: str, stdout) -> None:
    """Links the demo team (so its evaluations) to a project of its flagship program. A step of
    its own: it runs after every app's `load`, so after the research demo has made the projects."""
    link_to_flagship_project(
        Team.objects.filter(name_en=TEAM_EN), "robot-fm", stdout, "robotics: demo team"
    )
