"""Demo data for the scaling workbench: a public study whose numbers come from a known law.

Found by `nairl demo` (nairl.common.management.demo) as this app's `load(scale, stdout)`.
`create_demo_study()` is also usable on its own. The runs follow Hoffmann et al.'s rounded
Chinchilla law with 0.5% noise; the "method" group follows the same law with twice the effective
compute (N and D each scaled by √2), so a comparison should find a multiplier near 2×. The fit and
the comparison are computed for real, in this process.
"""

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from .domain.jobs import execute_comparison, execute_fit
from .models import Comparison, Fit, Job, Program, Run, Study

TITLE_EN = "Chinchilla-like scaling (synthetic demo)"
TITLE_KO = "친칠라형 스케일링 (합성 데모)"
DESCRIPTION_EN = (
    "Synthetic training runs from L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 with 0.5% noise. "
    "The 'method' group is the same law with twice the effective compute."
)
DESCRIPTION_KO = (
    "L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 에 0.5% 잡음을 더한 합성 학습 실행입니다. "
    "'method' 그룹은 같은 법칙에서 유효 연산량이 두 배입니다."
)
LAW = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
SIZES = (2e7, 6e7, 2e8, 6e8, 2e9)
TOKENS_PER_PARAM = (5, 10, 20, 40)
METHOD_GAIN = 2.0  # effective compute multiplier of the method group


def chinchilla_loss(n, d):
    return LAW["E"] + LAW["A"] / n ** LAW["alpha"] + LAW["B"] / d ** LAW["beta"]


def synthetic_runs(seed: int = 7, noise: float = 0.005) -> list[Run]:
    rng = np.random.default_rng(seed)
    runs = []
    scale = METHOD_GAIN ** 0.5
    for group, factor in (("baseline", 1.0), ("method", scale)):
        for n in SIZES:
            for ratio in TOKENS_PER_PARAM:
                d = n * ratio
                loss = chinchilla_loss(n * factor, d * factor) * float(np.exp(rng.normal(0, noise)))
                runs.append(Run(group=group, n=n, d=d, c=6 * n * d, loss=loss))
    return runs


def owner_for_demo():
    User = get_user_model()
    owner = User.objects.filter(username="researcher").first()
    if owner is None:
        owner = User.objects.filter(is_superuser=True).order_by("pk").first()
    if owner is None:
        owner, _created = User.objects.get_or_create(username="scaling-demo")
    return owner


def create_demo_study(owner=None, *, bootstrap: int = 40, comparison: bool = True) -> Study:
    """The public demo study with its runs, one completed fit and (optionally) a comparison.
    Idempotent: an existing demo study is returned as it is."""
    existing = Study.objects.filter(title_en=TITLE_EN).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        study = Study.objects.create(
            title_en=TITLE_EN, title_ko=TITLE_KO, description_en=DESCRIPTION_EN,
            description_ko=DESCRIPTION_KO, program=Program.BEYOND_SCALING,
            project_label="Beyond neural scaling laws — demo", is_public=True,
            owner=owner or owner_for_demo(),
        )
        director = get_user_model().objects.filter(username="director").first()
        if director is not None:
            study.members.add(director)
        runs = synthetic_runs()
        for run in runs:
            run.study = study
        Run.objects.bulk_create(runs)
        fit = Fit.objects.create(study=study, law="chinchilla", group="baseline",
                                 bootstrap=bootstrap, created_by=study.owner)
        compared = None
        if comparison:
            compared = Comparison.objects.create(
                study=study, law="chinchilla", baseline_group="baseline", method_group="method",
                bootstrap=min(bootstrap, 10), created_by=study.owner,
            )
    execute_fit(fit.pk)
    if compared is not None:
        execute_comparison(compared.pk)
    return study


def load(scale: str, stdout) -> None:
    had = Study.objects.filter(title_en=TITLE_EN).exists()
    study = create_demo_study()
    if had:
        stdout.write("scaling: demo study already there")
        return
    done = sum(job.status == Job.Status.DONE for job in (
        *study.fits.only("status"), *study.comparisons.only("status")))
    stdout.write(f"scaling: demo study with {study.runs.count()} runs and {done} finished fit(s)")
