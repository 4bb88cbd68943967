"""`nairl demo` for robotics: real runs, a trained baseline and a served remote policy."""

import io
import re

import pytest

from nairl.robotics.demo import REMOTE, RUNS, load
from nairl.robotics.models import Evaluation

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_trains_and_evaluates_the_baseline_and_a_remote_policy(
    tmp_path, settings, client_for
):
    settings.ROBOTICS_BASELINE = tmp_path / "robotics" / "baseline-mt10.npz"
    out = io.StringIO()
    load("small", out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("robotics: trained a small baseline on 12 demonstrations in ")
    assert settings.ROBOTICS_BASELINE.exists()
    evaluations = Evaluation.objects.select_related("policy")
    assert {(e.policy.name, e.suite, e.status) for e in evaluations} == {
        (name, suite, "done") for name, suite, *_ in RUNS
    }
    remote = evaluations.get(policy__name=REMOTE)
    assert remote.overall_mean == 1.0 and remote.failed_episodes == 0  # the expert, served
    assert evaluations.get(policy__name="baseline").failed_episodes == 0
    anonymous = client_for(None)
    for evaluation in evaluations:
        for url in (evaluation.get_absolute_url(), evaluation.policy.get_absolute_url()):
            body = anonymous.get(url).content.decode()
            assert not re.search(r"/(tmp|work|root|home|var)/|127\.0\.0\.1", body), url
    again = io.StringIO()
    load("small", again)  # idempotent: nothing trained or run twice
    assert again.getvalue() == (
        "robotics: team already there, 4 public policies, 0 evaluation(s) run"
    )
