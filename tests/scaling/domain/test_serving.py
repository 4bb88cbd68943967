"""Serving-aware allocation on a fit's page (domain/serving.py, forms.ServingForm, fit_detail).

The stored fit is built once from runs of a known Chinchilla law (fitted from one start near the
truth, no bootstrap, no plots: the page's question reads only the stored summary). Numbers are
checked against the research core called directly on the core's own FitResult.
"""

import re

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import make_user
from nairl.common.models import AuditEntry
from nairl.scaling.core import compute_optimal, fit, predict, serving_optimal
from nairl.scaling.core.laws import ChinchillaLaw, DataConstrainedLaw, KaplanLaw
from nairl.scaling.core.runs import Runs
from nairl.scaling.domain.analysis import fit_summary
from nairl.scaling.domain.serving import PlanRefused, serving_plan, stored_fit
from nairl.scaling.models import Fit, Run

from ..helpers import CHINCHILLA, make_study, power_runs

SIZES = np.array([2e7, 6e7, 2e8, 6e8])
RATIOS = np.array([5, 10, 20, 40])
TOKENS = 1e13  # inference tokens: a model that serves a lot


@pytest.fixture(scope="module")
def fitted():
    """(core FitResult, stored summary) of a Chinchilla fit to 16 noisy runs of CHINCHILLA."""
    n = np.repeat(SIZES, len(RATIOS))
    d = n * np.tile(RATIOS, len(SIZES))
    noise = np.exp(np.random.default_rng(0).normal(0, 0.003, len(n)))
    law = ChinchillaLaw()
    runs = Runs(value=law.evaluate(CHINCHILLA, n=n, d=d) * noise, n=n, d=d, c=6 * n * d)
    result = fit(law, runs, starts=law.to_theta(law.params_array(CHINCHILLA))[None, :])
    assert result.converged
    return result, fit_summary(law, runs, result, None)


@pytest.fixture
def done_fit(owner, fitted):
    study = make_study(owner, is_public=True)
    return Fit.objects.create(
        study=study, law="chinchilla", status="done", result=fitted[1], created_by=owner
    )


def page(client, fit, **query):
    return client.get(fit.get_absolute_url(), query)


def shown(number, spec=".3g"):
    return format(number, spec)


def test_stored_fit_is_the_core_fit(fitted):
    result, summary = fitted
    rebuilt = stored_fit(summary)
    assert rebuilt.law.name == "chinchilla" and rebuilt.params == result.params
    assert rebuilt.input_ranges == result.input_ranges


def test_plan_for_a_target_loss_is_the_cores(fitted):
    result, summary = fitted
    plan = serving_plan(summary, target_loss=2.3, inference_tokens=TOKENS)
    core = serving_optimal(result, 2.3, TOKENS)
    assert plan.serving.n == pytest.approx(core.n, rel=1e-9)
    assert plan.serving.d == pytest.approx(core.d, rel=1e-9)
    assert plan.serving.training_flops == pytest.approx(core.training_flops, rel=1e-9)
    assert plan.serving.inference_flops == pytest.approx(core.inference_flops, rel=1e-9)
    assert plan.serving.total_flops == pytest.approx(core.total_flops, rel=1e-9)
    optimum = core.compute_optimal
    assert plan.training_only.n == pytest.approx(optimum.n[0], rel=1e-9)
    assert plan.training_only.d == pytest.approx(optimum.d[0], rel=1e-9)
    assert plan.training_only.training_flops == pytest.approx(optimum.compute[0], rel=1e-9)
    assert plan.training_only.inference_flops == pytest.approx(2 * optimum.n[0] * TOKENS)
    # both reach the target; serving a lot favours a smaller model trained longer, for less
    assert plan.serving.loss == pytest.approx(2.3, rel=1e-6)
    assert plan.training_only.loss == pytest.approx(2.3, rel=1e-6)
    assert plan.serving.n < plan.training_only.n and plan.serving.d > plan.training_only.d
    assert plan.serving.total_flops < plan.training_only.total_flops
    assert plan.saving == pytest.approx(
        1 - core.total_flops / (optimum.compute[0] + 2 * optimum.n[0] * TOKENS)
    )


def test_plan_for_a_compute_budget_targets_the_loss_that_budget_reaches(fitted):
    result, summary = fitted
    budget = 1e21
    plan = serving_plan(summary, compute=budget, inference_tokens=TOKENS)
    optimum = compute_optimal(result, budget)
    core = serving_optimal(result, float(optimum.loss[0]), TOKENS)
    assert plan.target_loss == pytest.approx(optimum.loss[0], rel=1e-12)
    assert plan.training_only.n == pytest.approx(optimum.n[0], rel=1e-9)
    assert plan.training_only.training_flops == budget
    assert plan.serving.n == pytest.approx(core.n, rel=1e-9)
    assert plan.serving.total_flops == pytest.approx(core.total_flops, rel=1e-9)


def test_extrapolation_says_which_quantity_and_by_how_much(fitted):
    result, summary = fitted
    largest = summary["axis_range"][1]
    plan = serving_plan(summary, compute=largest * 1000, inference_tokens=TOKENS)
    compute = {item.quantity: item for item in plan.extrapolations}
    assert compute["c"].above and compute["c"].factor == pytest.approx(1000)
    assert any("is 1e+03× the largest run's" in note for note in plan.extrapolation_notes)
    # the core's own test flags the same N and D
    core = predict(
        result, n=[plan.serving.n, plan.training_only.n], d=[plan.serving.d, plan.training_only.d]
    )
    assert core.extrapolations
    assert set(core.extrapolations) <= set(plan.extrapolations)
    inside = serving_plan(summary, compute=largest / 3, inference_tokens=1e9)
    assert not inside.extrapolations and not inside.extrapolation_notes


def floor_of(summary):
    return next(row["value"] for row in summary["params"] if row["name"] == "E")


@pytest.mark.parametrize("above_floor", [-0.1, 0.0, 1e-7])  # the last needs an unbounded model
def test_plan_refuses_losses_the_law_cannot_reach(fitted, above_floor):
    with pytest.raises(PlanRefused) as refusal:
        serving_plan(
            fitted[1], inference_tokens=TOKENS, target_loss=floor_of(fitted[1]) + above_floor
        )
    assert refusal.value.field == "target_loss"


def test_fit_page_answers_the_question(done_fit, client_for, owner, fitted):
    result, summary = fitted
    response = page(client_for(owner), done_fit, target_loss="2.3", inference_tokens="1e13")
    assert response.status_code == 200
    text = response.content.decode()
    core = serving_optimal(result, 2.3, TOKENS)
    optimum = core.compute_optimal
    for number in (
        core.n,
        core.d,
        core.training_flops,
        core.inference_flops,
        core.total_flops,
        optimum.n[0],
        optimum.d[0],
        optimum.compute[0],
    ):
        assert f"<td>{shown(number)}</td>" in text or f"<strong>{shown(number)}</strong>" in text
    saving = 100 * (1 - core.total_flops / (optimum.compute[0] + 2 * optimum.n[0] * TOKENS))
    assert f"needs {saving:.1f}% less compute in total" in text
    assert 'value="2.3"' in text and 'value="1e13"' in text  # the question stays in the form


def test_fit_page_shows_the_allocation_at_a_few_budgets_and_an_empty_form(done_fit, client):
    text = client.get(done_fit.get_absolute_url()).content.decode()
    assert "Compute-optimal allocation" in text and "Training for serving" in text
    assert text.count("<tr><td>") >= 8  # four predictions and four budgets
    assert 'name="inference_tokens"' in text and "errorlist" not in text
    assert "Serving-aware" not in text  # no answer before a question


def test_fit_page_flags_an_extrapolated_budget(done_fit, client, fitted):
    largest = fitted[1]["axis_range"][1]
    text = page(
        client, done_fit, compute=f"{largest * 100:g}", inference_tokens="1e12"
    ).content.decode()
    assert "Part of this answer lies outside the runs" in text
    assert "Compute budget C" in text and "is 100× the largest run&#x27;s" in text


BAD = [
    ({"target_loss": "abc", "inference_tokens": "1e12"}, "target_loss", "Enter a number"),
    ({"target_loss": "2.3", "inference_tokens": "lots"}, "inference_tokens", "Enter a number"),
    ({"target_loss": "0", "inference_tokens": "1e12"}, "target_loss", "greater than zero"),
    ({"target_loss": "-2", "inference_tokens": "1e12"}, "target_loss", "greater than zero"),
    ({"target_loss": "2.3", "inference_tokens": "0"}, "inference_tokens", "greater than zero"),
    ({"compute": "-1e21", "inference_tokens": "1e12"}, "compute", "greater than zero"),
    ({"target_loss": "inf", "inference_tokens": "1e12"}, "target_loss", "Enter a number"),
    ({"target_loss": "nan", "inference_tokens": "1e12"}, "target_loss", "Enter a number"),
    (
        {"target_loss": "1.5", "inference_tokens": "1e12"},
        "target_loss",
        "above this fit&#x27;s irreducible loss E = {E}",
    ),
    (
        {"target_loss": "{E+}", "inference_tokens": "1e12"},
        "target_loss",
        "Choose a higher target loss",
    ),
    ({"compute": "1e40", "inference_tokens": "1e12"}, "compute", "Choose a smaller budget"),
    ({"compute": "1e3", "inference_tokens": "1e12"}, "compute", "closer to the runs"),
    ({"target_loss": "2.3", "inference_tokens": "1e30"}, "target_loss", "closer to the runs"),
    ({"target_loss": "2.3"}, "inference_tokens", "This field is required"),
    ({"inference_tokens": "1e12"}, None, "Enter a target loss or a compute budget."),
    ({"target_loss": "2.3", "compute": "1e21", "inference_tokens": "1e12"}, None, "not both"),
]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    BAD,
    ids=[f"{i}-{field or 'form'}" for i, (_, field, _m) in enumerate(BAD)],
)
def test_bad_input_is_refused_clearly_and_changes_nothing(
    done_fit, client, fitted, query, field, message
):
    floor = f"{floor_of(fitted[1]):.4g}"  # E as the page shows it
    just_above = repr(floor_of(fitted[1]) + 1e-7)
    query = {key: value.replace("{E+}", just_above) for key, value in query.items()}
    message = message.replace("{E}", floor)
    before = (
        Fit.objects.get(pk=done_fit.pk).result,
        Fit.objects.count(),
        Run.objects.count(),
        AuditEntry.objects.count(),
    )
    with CaptureQueriesContext(connection) as queries:
        response = page(client, done_fit, **query)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and "Serving-aware" not in text
    if field:  # the message stands next to its field
        block = re.search(
            rf'<div class="field invalid">\s*<label for="id_{field}".*?</div>', text, re.DOTALL
        )
        assert block and message in block.group(0)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert not writes or all("django_session" in sql for sql in writes)
    after = (
        Fit.objects.get(pk=done_fit.pk).result,
        Fit.objects.count(),
        Run.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_errors_are_in_the_readers_language(done_fit, client_for, fitted):
    korean = client_for(make_user("reader", language="ko"))
    text = page(korean, done_fit, target_loss="1.5", inference_tokens="abc").content.decode()
    assert "숫자를 입력하세요" in text  # non-number, next to the tokens
    text = page(korean, done_fit, target_loss="1.5", inference_tokens="1e12").content.decode()
    assert f"줄일 수 없는 손실 E = {floor_of(fitted[1]):.4g}" in text
    text = page(korean, done_fit, target_loss="0", inference_tokens="1e12").content.decode()
    assert "0보다 큰 수를 입력하세요" in text
    text = page(korean, done_fit, target_loss="2.3", inference_tokens="1e13").content.decode()
    assert "서빙을 고려한 모델" in text and "총연산량이" in text


def test_numbers_with_thousands_separators_are_accepted(done_fit, client):
    response = page(client, done_fit, target_loss=" 2.3 ", inference_tokens="10,000,000,000,000")
    assert response.status_code == 200 and "Serving-aware" in response.content.decode()


def test_the_question_adds_no_queries(done_fit, client):
    client.get(done_fit.get_absolute_url())  # warm the session
    counts = []
    for query in ({}, {"target_loss": "2.3", "inference_tokens": "1e13"}, {"target_loss": "x"}):
        with CaptureQueriesContext(connection) as queries:
            client.get(done_fit.get_absolute_url(), query)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_laws_without_n_and_d_have_no_question(owner, client):
    study = make_study(owner, is_public=True)
    power_runs(study)
    fit_ = Fit.objects.create(
        study=study,
        law="power",
        status="done",
        created_by=owner,
        result={"law": "power", "params": [], "input_ranges": {}},
    )
    response = client.get(fit_.get_absolute_url(), {"target_loss": "abc"})
    assert response.status_code == 200
    assert "Training for serving" not in response.content.decode()


def test_unfinished_or_failed_fits_have_no_question(owner, client, fitted):
    study = make_study(owner, is_public=True)
    for status in ("queued", "failed"):
        job = Fit.objects.create(
            study=study,
            law="chinchilla",
            status=status,
            error="x",
            result={"failure": "input"} if status == "failed" else {},
        )
        response = client.get(job.get_absolute_url(), {"target_loss": "abc"})
        assert response.status_code == 200
        assert "Training for serving" not in response.content.decode()


@pytest.mark.parametrize(
    ("law", "params", "target"),
    [
        (KaplanLaw(), {"Nc": 8.8e13, "Dc": 5.4e13, "alpha_N": 0.076, "alpha_D": 0.095}, 2.2),
        (DataConstrainedLaw(), {**CHINCHILLA, "R_N": 5.3, "R_D": 15.4}, 2.3),
    ],
    ids=["kaplan", "data_constrained"],
)
def test_every_law_in_n_and_d_answers_like_the_core(law, params, target):
    n = np.repeat(SIZES, len(RATIOS))
    d = n * np.tile(RATIOS, len(SIZES))
    runs = Runs(value=law.evaluate(params, n=n, d=d), n=n, d=d, c=6 * n * d)
    result = fit(law, runs, starts=law.to_theta(law.params_array(params))[None, :])
    plan = serving_plan(
        fit_summary(law, runs, result, None), target_loss=target, inference_tokens=TOKENS
    )
    core = serving_optimal(result, target, TOKENS)
    assert plan.serving.n == pytest.approx(core.n, rel=1e-9)
    assert plan.serving.total_flops == pytest.approx(core.total_flops, rel=1e-9)
    assert plan.training_only.n == pytest.approx(core.compute_optimal.n[0], rel=1e-9)
    assert plan.serving.loss == pytest.approx(target, rel=1e-6)
