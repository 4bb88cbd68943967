"""Demo data for robotics: a team, the reference policies, and real evaluations.

Found by `nairl demo` (nairl.common.management.demo) as this app's `load(scale, stdout)`. The
results are not invented: each evaluation is a short real run of the harness (few tasks, few
episodes, short episodes), so the step stays fast while every number on the pages is measured.
The baseline is trained here, small (a dozen demonstrations of the tasks the demo evaluates,
about 3 s), unless one is already there; the remote policy is the scripted expert served by the
hub's own policy server on 127.0.0.1 for the duration of its run.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from nairl.robotics.domain.evaluations import run_evaluation
from nairl.robotics.models import Evaluation, RobotPolicy, Team

TEAM_EN = "Robot Foundation Models demo team"
TEAM_KO = "로봇 파운데이션 모델 데모 팀"
MEMBERS = ("researcher", "director")
DEMO_TASKS = ["reach-v3", "push-v3", "drawer-open-v3"]
REMOTE = "expert-remote"

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


def train_small_baseline(stdout) -> None:
    from nairl.robotics.harness.baseline import train_baseline

    started = time.monotonic()
    summary = train_baseline(
        demos=12, epochs=60, hidden=64, out=settings.ROBOTICS_BASELINE, tasks=DEMO_TASKS
    )
    stdout.write(
        f"robotics: trained a small baseline on {summary.demos} demonstrations "
        f"in {time.monotonic() - started:.1f} s"
    )


def pending_runs(policies) -> list[Evaluation]:
    queued = []
    for name, suite, tasks, episodes, length in RUNS:
        policy = policies[name]
        if policy.evaluations.filter(suite=suite, status=Evaluation.Status.DONE).exists():
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
    from nairl.robotics.harness.policies import PolicySpec
    from nairl.robotics.harness.policy_server import PolicyServer

    policies, created = create_policies()
    queued = pending_runs(policies)
    if (
        any(e.policy.installed == "baseline" for e in queued)
        and not settings.ROBOTICS_BASELINE.exists()
    ):
        train_small_baseline(stdout)
    server = None
    if any(e.policy.name == REMOTE for e in queued):
        server = PolicyServer(PolicySpec.parse("expert"), "127.0.0.1", 0).start()
        RobotPolicy.objects.filter(pk=policies[REMOTE].pk).update(server_url=server.url)
    try:
        for evaluation in queued:
            status = run_evaluation(evaluation.pk)
            evaluation.refresh_from_db(fields=["error"])
            stdout.write(
                f"robotics: {evaluation.policy.name} on {evaluation.suite}: {status}"
                + (f" ({evaluation.error})" if evaluation.error else "")
            )
    finally:
        if server is not None:
            server.shutdown()
    stdout.write(
        f"robotics: team {'created' if created else 'already there'}, "
        f"{len(policies)} public policies, {len(queued)} evaluation(s) run"
    )
