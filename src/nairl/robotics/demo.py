"""Demo data for robotics: a team, the harness's reference policies, and real evaluations.

Found by `nairl demo` (nairl.common.management.demo) as this app's `load(scale, stdout)`. The
results are not invented: each evaluation is a short real run of the harness (few tasks, few
episodes, short episodes), so the step stays fast while every number on the pages is measured.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from nairl.robotics.domain.evaluations import run_evaluation
from nairl.robotics.harness.policies import BUILTIN_POLICIES
from nairl.robotics.models import Evaluation, RobotPolicy, Team

TEAM_EN = "Robot Foundation Models demo team"
TEAM_KO = "로봇 파운데이션 모델 데모 팀"
MEMBERS = ("researcher", "director")

POLICIES = [
    (
        "random",
        BUILTIN_POLICIES["random"],
        "Uniform random actions within the action bounds: the floor every policy must beat.",
        "행동 범위 안에서 균등하게 무작위로 행동합니다. 모든 정책이 넘어야 할 기준선입니다.",
    ),
    (
        "expert",
        BUILTIN_POLICIES["expert"],
        "Meta-World's scripted experts, which read object and goal positions from the full state.",
        "전체 상태에서 물체와 목표 위치를 읽는 Meta-World의 스크립트 전문가 정책입니다.",
    ),
    (
        "baseline",
        BUILTIN_POLICIES["baseline"],
        "Multi-task MLP trained by behaviour cloning on expert demonstrations "
        "(`nairl robotics train-baseline` writes its weights).",
        "전문가 시연으로 행동 복제 학습한 다중 작업 MLP입니다 (`nairl robotics train-baseline`).",
    ),
]

# Short, real runs: (policy name, suite, tasks, episodes per task, steps per episode).
RUNS = [
    ("random", "control-mt10", ["reach-v3", "push-v3", "drawer-open-v3"], 4, 150),
    ("expert", "control-mt10", ["reach-v3", "push-v3", "drawer-open-v3"], 4, 150),
    ("expert", "decision-mt10", ["reach-v3", "drawer-open-v3"], 3, 150),
    ("random", "decision-mt10", ["reach-v3", "drawer-open-v3"], 3, 150),
]


def load(scale: str, stdout) -> None:
    with transaction.atomic():
        team, created = Team.objects.get_or_create(name_en=TEAM_EN, defaults={"name_ko": TEAM_KO})
        members = get_user_model().objects.filter(username__in=MEMBERS)
        team.members.add(*members)
        policies = {}
        for name, entry_point, about_en, about_ko in POLICIES:
            policies[name], _new = RobotPolicy.objects.get_or_create(
                team=team,
                name=name,
                version="1",
                defaults={
                    "entry_point": entry_point,
                    "description_en": about_en,
                    "description_ko": about_ko,
                    "is_public": True,
                },
            )
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
    for evaluation in queued:
        finished = run_evaluation(evaluation.pk)
        status = finished.status if finished else "skipped"
        stdout.write(
            f"robotics: {evaluation.policy.name} on {evaluation.suite}: {status}"
            + (f" ({finished.message})" if finished and finished.message else "")
        )
    stdout.write(
        f"robotics: team {'created' if created else 'already there'}, "
        f"{len(policies)} public policies, {len(queued)} evaluation(s) run"
    )
