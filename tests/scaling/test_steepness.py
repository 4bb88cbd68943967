"""Learning-curve checks in the hub: is a method's learning curve steeper than a power law?

A study's groups are the curves (loss against data size D); the check is a comparison of kind
"steepness", run in the background (inline in tests) and shown with a verdict in the reader's
language. Bad input is refused before anything is saved or queued. Generated data only."""

import numpy as np
import pytest
from django.utils.html import escape

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Comparison, Run

from .helpers import make_study

pytestmark = pytest.mark.django_db

SIZES = np.geomspace(1e3, 1e7, 12)
HEADLINE = (
    "The learning curve of “pruned” falls faster than a power law; that of “baseline” does not."
)
HEADLINE_KO = (
    "“pruned”의 학습 곡선은 거듭제곱 법칙보다 빠르게 감소하지만, “baseline”의 곡선은 "
    "그렇지 않습니다."
)


def curve_runs(study, group, values, sizes=SIZES, seed=0, **fields):
    noise = np.exp(np.random.default_rng(seed).normal(0, 0.01, len(values)))
    return Run.objects.bulk_create(
        Run(study=study, group=group, d=float(d), loss=float(v), **fields)
        for d, v in zip(sizes, values * noise, strict=True)
    )


def power_curve(sizes=SIZES):
    return 0.1 + 2.0 * sizes**-0.3


def exponential_curve(sizes=SIZES):
    return 0.05 + 0.5 * np.exp(-sizes / 1e5)


@pytest.fixture
def member():
    return make_user("member", Role.RESEARCHER)


@pytest.fixture
def study(owner, member):
    study = make_study(owner, members=[member], is_public=True)
    curve_runs(study, "baseline", power_curve(), seed=1)
    curve_runs(study, "pruned", exponential_curve())
    return study


def form(baseline="baseline", method="pruned", holdout=3):
    return {"baseline_group": baseline, "method_group": method, "holdout": holdout}


def test_a_member_runs_the_check_and_reads_the_verdict_in_korean(
    study, member, client_for, django_capture_on_commit_callbacks
):
    browser = client_for(member)
    url = f"/scaling/{study.pk}/steepness/new/"
    page = browser.get(url)
    assert page.status_code == 200 and "New learning-curve check" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, form(holdout=4))
    job = Comparison.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == "done", job.error
    assert job.is_steepness and job.created_by == member
    assert job.settings_dict() == {
        "kind": "steepness",
        "baseline_group": "baseline",
        "method_group": "pruned",
        "holdout": 4,
    }
    assert (job.law, job.variable, job.bootstrap) == ("m2", "d", 0)  # what it tests against
    result = job.result
    assert result["method_steeper"] and not result["baseline_steeper"]
    assert result["holdout"] == 4 and result["margin"] == 0.12 and result["metric"] == "loss"
    assert all(row["ratio"] < 1 for row in result["predictions"])

    text = browser.get(job.get_absolute_url()).content.decode()
    assert HEADLINE in text and escape(result["details_en"]) in text
    assert job.plots["curves"]["en"] in text
    assert "Steeper than a power law?" in text
    assert "Learning curve steeper than a power law?" in text
    member.language = "ko"
    member.save()
    korean = browser.get(job.get_absolute_url()).content.decode()
    assert HEADLINE_KO in korean and job.plots["curves"]["ko"] in korean
    assert escape(result["details_ko"]) in korean and HEADLINE not in korean
    assert "학습 곡선 검정" in korean  # the page's own words are Korean too
    listing = client_for(None).get("/scaling/comparisons/").content.decode()
    assert "Learning curve steeper than a power law?" in listing


BAD = {
    "too few sizes": (
        lambda study: curve_runs(study, "short", power_curve(SIZES[:7]), SIZES[:7]),
        form(method="short"),
        "method_group",
        "Group “short” has 7 data sizes; holding out 3 needs at least 8.",
    ),
    "one size twice": (
        lambda study: [
            curve_runs(study, "twice", power_curve(), n=1e6),
            Run.objects.create(study=study, group="twice", d=SIZES[4], n=2e6, loss=1),
        ],
        form(method="twice"),
        "method_group",
        "2 runs of group “twice” have the same data size D = 28480.4; a learning curve needs "
        "one loss per size.",
    ),
    "no data size": (
        lambda study: Run.objects.bulk_create(
            Run(study=study, group="compute", c=c, loss=1 / c) for c in range(1, 12)
        ),
        form(baseline="compute"),
        "baseline_group",
        "Some runs of group “compute” have no data size D (give d, or n and c).",
    ),
    "same group twice": (
        lambda study: None,
        form(method="baseline"),
        "method_group",
        "Choose a group other than the baseline.",
    ),
    "holdout too large": (
        lambda study: None,
        form(holdout=21),
        "holdout",
        "Ensure this value is less than or equal to 20.",
    ),
    "holdout too large for the curves": (
        lambda study: None,
        form(holdout=8),
        "baseline_group",
        "Group “baseline” has 12 data sizes; holding out 8 needs at least 13.",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_clearly_and_nothing_is_queued(
    case, study, member, client_for, django_capture_on_commit_callbacks
):
    add_runs, data, field, message = BAD[case]
    add_runs(study)
    runs = Run.objects.count()
    with django_capture_on_commit_callbacks() as queued:
        response = client_for(member).post(f"/scaling/{study.pk}/steepness/new/", data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not queued and not Comparison.objects.exists() and Run.objects.count() == runs


def test_refusal_is_in_the_readers_language(study, client_for):
    curve_runs(study, "short", power_curve(SIZES[:7]), SIZES[:7])
    korean = make_user("korean", language="ko")
    study.members.add(korean)
    response = client_for(korean).post(f"/scaling/{study.pk}/steepness/new/", form(method="short"))
    assert response.status_code == 400
    assert (
        "“short” 그룹의 데이터 크기는 7개입니다. 3개를 제외하려면 8개 이상이 필요합니다."
        in response.content.decode()
    )
    assert not Comparison.objects.exists()


def test_runs_changed_after_queueing_fail_with_the_cores_reason(
    study, owner, django_capture_on_commit_callbacks
):
    from nairl.scaling.domain.jobs import start_analysis

    Run.objects.filter(group="pruned", d__gt=1e5).delete()  # 6 sizes left
    job = Comparison(study=study, kind="steepness", method_group="pruned", created_by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        start_analysis(job=job, by=job.created_by)
    job.refresh_from_db()
    assert job.status == "failed" and job.result == {"failure": "input"}
    assert job.error == "pruned: need at least 8 points to hold out 3; got 6"


def test_only_members_start_a_check(study, role_users, client_for, api_client_for):
    outsider = role_users[Role.RESEARCHER]
    url = f"/scaling/{study.pk}/steepness/new/"
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(outsider).post(url, form()).status_code == 403
    anonymous = client_for(None).post(url, form())
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    response = api_client_for(outsider).post(
        "/api/v1/scaling/comparisons/",
        {"study": study.pk, "kind": "steepness", **form()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["study"] == ["You may not start fits in this study."]
    private = make_study(study.owner, title_en="Private")
    assert client_for(outsider).get(f"/scaling/{private.pk}/steepness/new/").status_code == 404
    assert not Comparison.objects.exists()


def done_check(study, method="pruned"):
    return Comparison.objects.create(
        study=study,
        kind="steepness",
        method_group=method,
        status="done",
        result={
            "method_steeper": True,
            "baseline_steeper": False,
            "baseline_group": "baseline",
            "method_group": method,
            "holdout": 3,
            "margin": 0.5,
            "predictions": [],
            "details_en": "held-out errors",
            "details_ko": "제외한 크기의 오차",
        },
    )


def test_the_public_sees_checks_of_public_studies_only(study, owner, client_for, api_client_for):
    public = done_check(study)
    private = done_check(make_study(owner, title_en="Private"), method="secret")
    anonymous = client_for(None)
    page = anonymous.get(public.get_absolute_url())
    assert page.status_code == 200 and HEADLINE in page.content.decode()
    assert "held-out errors" in page.content.decode()
    assert anonymous.get(private.get_absolute_url()).status_code == 404
    listing = anonymous.get("/scaling/comparisons/").content.decode()
    assert public.get_absolute_url() in listing and private.get_absolute_url() not in listing
    items = api_client_for(None).get("/api/v1/scaling/comparisons/?kind=steepness").json()
    assert [item["id"] for item in items["results"]] == [public.pk]
    assert items["results"][0]["kind"] == "steepness" and items["results"][0]["holdout"] == 3
    assert api_client_for(None).get(f"/api/v1/scaling/comparisons/{private.pk}/").status_code == 404
    assert owner_sees(client_for(owner), private)


def owner_sees(browser, job) -> bool:
    return browser.get(job.get_absolute_url()).status_code == 200


def test_the_api_starts_a_check_and_refuses_bad_input(
    study, member, api_client_for, django_capture_on_commit_callbacks
):
    api = api_client_for(member)
    curve_runs(study, "short", power_curve(SIZES[:7]), SIZES[:7])
    response = api.post(
        "/api/v1/scaling/comparisons/",
        {"study": study.pk, "kind": "steepness", **form(method="short")},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "method_group": ["Group “short” has 7 data sizes; holding out 3 needs at least 8."]
    }
    assert not Comparison.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scaling/comparisons/",
            {
                "study": study.pk,
                "kind": "steepness",
                "law": "chinchilla",
                "bootstrap": 100,
                **form(),
            },
            format="json",
        )
    assert response.status_code == 201, response.json()
    job = Comparison.objects.get()
    assert (job.kind, job.law, job.bootstrap, job.status) == ("steepness", "m2", 0, "done")
    detail = api.get(f"/api/v1/scaling/comparisons/{job.pk}/").json()
    assert detail["result"]["method_steeper"] is True and set(detail["plots"]) == {"curves"}
