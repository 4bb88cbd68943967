"""Demo data for the scaling workbench: a public study whose numbers come from a known law.

Found by `nairl demo` (nairl.common.management.demo) as this app's `load(scale, stdout)`.
`create_demo_study()` is also usable on its own. The runs follow Hoffmann et al.'s rounded
Chinchilla law with 0.5% noise; the "method" group follows the same law with twice the effective
compute (N and D each scaled by √2), so a comparison should find a multiplier near 2×.

Two more groups are learning curves (error against data size D, at one model size), as in data
pruning: "random-subset" follows a power law, "pruned-subset" bends down faster (a broken power law
whose break steepens it), so a learning-curve check should find the method steeper than a power
law and the baseline not. The fit, the comparison and the check are computed for real, by the
hub's worker: the demo queues them (`common.jobs.start_job`), so loading it takes a moment.
"""

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from nairl.common.jobs import start_job
from nairl.common.management.demo import register_demo_step
from nairl.research.flagships import link_to_flagship_project

from .core.curve_laws import BrokenLaw
from .models import Comparison, Fit, Program, Run, Study

TITLE_EN = "Chinchilla-like scaling (synthetic demo)"
TITLE_KO = "친칠라형 스케일링 (합성 데모)"
DESCRIPTION_EN = (
    "Synthetic training runs from L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 with 0.5% noise. "
    "The 'method' group is the same law with twice the effective compute. The groups "
    "'random-subset' and 'pruned-subset' are learning curves (error against data size D): the "
    "first follows a power law, the second falls faster, as data pruning can make it."
)
DESCRIPTION_KO = (
    "L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 에 0.5% 잡음을 더한 합성 학습 실행입니다. "
    "'method' 그룹은 같은 법칙에서 유효 연산량이 두 배입니다. 'random-subset'과 "
    "'pruned-subset' 그룹은 학습 곡선(데이터 크기 D에 따른 오차)입니다. 앞의 것은 거듭제곱 "
    "법칙을 따르고, 뒤의 것은 데이터 가지치기가 그렇게 할 수 있듯이 더 빠르게 감소합니다."
)
LAW = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
SIZES = (2e7, 6e7, 2e8, 6e8, 2e9)
TOKENS_PER_PARAM = (5, 10, 20, 40)
METHOD_GAIN = 2.0  # effective compute multiplier of the method group

# Learning curves: error e against data size D. Baseline: e = 0.04 + 20·D^-0.2 (a power law,
# M2); method: the same power law with a break near D = 1e9 that steepens it by 0.6.
CURVE_BASELINE, CURVE_METHOD = "random-subset", "pruned-subset"
CURVE_SIZES = np.geomspace(1e8, 1e11, 10)
CURVE_POWER = {"e_inf": 0.04, "b": 20.0, "c": 0.2}
CURVE_BROKEN = {"a": 0.01, "b": 20.0, "c0": 0.2, "c1": 0.6, "d1": 1e9, "f1": 0.3}
CURVE_HOLDOUT = 3


def chinchilla_loss(n, d):
    return LAW["E"] + LAW["A"] / n ** LAW["alpha"] + LAW["B"] / d ** LAW["beta"]


def synthetic_runs(seed: int = 7, noise: float = 0.005) -> list[Run]:
    rng = np.random.default_rng(seed)
    runs = []
    scale = METHOD_GAIN**0.5
    for group, factor in (("baseline", 1.0), ("method", scale)):
        for n in SIZES:
            for ratio in TOKENS_PER_PARAM:
                d = n * ratio
                loss = chinchilla_loss(n * factor, d * factor) * float(np.exp(rng.normal(0, noise)))
                runs.append(Run(group=group, n=n, d=d, c=6 * n * d, loss=loss))
    return runs


def learning_curve_runs(seed: int = 11, noise: float = 0.005) -> list[Run]:
    """The two learning curves, D and error only (no N or C), with ``noise`` log-normal noise."""
    rng = np.random.default_rng(seed)
    power = CURVE_POWER["e_inf"] + CURVE_POWER["b"] * CURVE_SIZES ** -CURVE_POWER["c"]
    broken = BrokenLaw("d", breaks=1).evaluate(CURVE_BROKEN, d=CURVE_SIZES)
    return [
        Run(group=group, d=float(d), loss=float(value * np.exp(rng.normal(0, noise))))
        for group, values in ((CURVE_BASELINE, power), (CURVE_METHOD, broken))
        for d, value in zip(CURVE_SIZES, values, strict=True)
    ]


def add_learning_curve_check(study: Study) -> Comparison | None:
    """Adds the learning curves and a check of them (queued) to ``study``; None (and nothing
    added) when the study already has runs in either curve group."""
    if study.runs.filter(group__in=(CURVE_BASELINE, CURVE_METHOD)).exists():
        return None
    with transaction.atomic():
        runs = learning_curve_runs()
        for run in runs:
            run.study = study
        Run.objects.bulk_create(runs)
        check = start_job(
            Comparison(
                study=study,
                kind=Comparison.Kind.STEEPNESS,
                baseline_group=CURVE_BASELINE,
                method_group=CURVE_METHOD,
                holdout=CURVE_HOLDOUT,
                created_by=study.owner,
            )
        )
    return check


def owner_for_demo():
    User = get_user_model()
    owner = User.objects.filter(username="researcher").first()
    if owner is None:
        owner = User.objects.filter(is_superuser=True).order_by("pk").first()
    if owner is None:
        owner, _created = User.objects.get_or_create(username="scaling-demo")
    return owner


def create_demo_study(
    owner=None, *, bootstrap: int = 40, comparison: bool = True, learning_curves: bool = True
) -> Study:
    """The public demo study with its runs, one fit, (optionally) a comparison and
    (optionally) a learning-curve check. Idempotent: an existing demo study is returned as it
    is, only given the learning-curve check if it was made without one."""
    existing = Study.objects.filter(title_en=TITLE_EN).first()
    if existing is not None:
        if learning_curves:
            add_learning_curve_check(existing)
        return existing
    with transaction.atomic():
        study = Study.objects.create(
            title_en=TITLE_EN,
            title_ko=TITLE_KO,
            description_en=DESCRIPTION_EN,
            description_ko=DESCRIPTION_KO,
            program=Program.BEYOND_SCALING,
            project_label="NAIRL-BNSL-DEMO",  # a project code reads the same in both languages
            is_public=True,
            owner=owner or owner_for_demo(),
        )
        director = get_user_model().objects.filter(username="director").first()
        if director is not None:
            study.members.add(director)
        runs = synthetic_runs()
        for run in runs:
            run.study = study
        Run.objects.bulk_create(runs)
        start_job(
            Fit(
                study=study,
                law="chinchilla",
                group="baseline",
                bootstrap=bootstrap,
                created_by=study.owner,
            )
        )
        if comparison:
            start_job(
                Comparison(
                    study=study,
                    law="chinchilla",
                    baseline_group="baseline",
                    method_group="method",
                    bootstrap=min(bootstrap, 10),
                    created_by=study.owner,
                )
            )
    if learning_curves:
        add_learning_curve_check(study)
    return study


def load(scale: str, stdout) -> None:
    existing = Study.objects.filter(title_en=TITLE_EN).first()
    if existing is not None:
        if add_learning_curve_check(existing) is not None:
            stdout.write("scaling: learning-curve check added to the demo study")
        else:
            stdout.write("scaling: demo study already there")
        return
    study = create_demo_study()
    jobs = study.fits.count() + study.comparisons.count()
    stdout.write(
        f"scaling: demo study with {study.runs.count()} runs and {jobs} job(s) queued for the "
        "worker (fit, comparison, learning-curve check)"
    )


@register_demo_step(name="scaling-project")
def link_to_project(scale: str, stdout) -> None:
    """Links the demo study to a project of its flagship program. A step of its own: it runs
    after every app's `load`, so after the research demo has made the projects."""
    link_to_flagship_project(
        Study.objects.filter(title_en=TITLE_EN),
        Program.BEYOND_SCALING,
        stdout,
        "scaling: demo study",
    )
