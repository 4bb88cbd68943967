import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Fit, Run, Study

from .helpers import faster_method_runs, make_study, power_runs

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(role_users):
    return make_user("owner", Role.RESEARCHER)


def test_create_and_update_a_study(owner, api_client_for, role_users):
    api = api_client_for(owner)
    response = api.post(
        "/api/v1/scaling/studies/",
        {
            "title_en": "Sparse MoE scaling",
            "title_ko": "희소 MoE 스케일링",
            "program": "beyond-scaling",
            "project_label": "MoE",
            "members": [role_users[Role.RESEARCHER].username],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    study = Study.objects.get()
    assert study.owner == owner and not study.is_public
    assert list(study.members.all()) == [role_users[Role.RESEARCHER]]
    response = api.patch(f"/api/v1/scaling/studies/{study.pk}/", {"is_public": True}, format="json")
    assert response.status_code == 200
    assert Study.objects.get().is_public


def test_study_needs_a_title_and_a_known_program(owner, api_client_for):
    api = api_client_for(owner)
    response = api.post(
        "/api/v1/scaling/studies/", {"program": "x", "title_en": "t"}, format="json"
    )
    assert response.status_code == 400 and "program" in response.json()
    response = api.post("/api/v1/scaling/studies/", {"program": "other"}, format="json")
    assert response.status_code == 400 and "title_ko" in response.json()
    assert not Study.objects.exists()


def test_post_runs_all_or_nothing_naming_index_and_field(owner, api_client_for):
    study = make_study(owner)
    api = api_client_for(owner)
    url = f"/api/v1/scaling/studies/{study.pk}/runs/"
    bad = [{"c": 1e18, "loss": 3.0}, {"c": -1, "loss": 2.9}, {"c": 1e19, "loss": "x", "size": 3}]
    response = api.post(url, bad, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"index": 2, "field": "size", "message": errors[0]["message"]} in errors
    assert Run.objects.count() == 0
    response = api.post(
        url,
        [{"c": 1e18, "loss": 3.0}, {"c": -1, "loss": 2.9}, {"c": 1e19, "loss": "x"}],
        format="json",
    )
    fields = {(e["index"], e["field"]) for e in response.json()["errors"]}
    assert fields == {(1, "c"), (2, "loss")}
    assert Run.objects.count() == 0
    response = api.post(
        url,
        {"runs": [{"c": 1e18, "loss": 3.0, "group": "baseline"}, {"c": 1e19, "loss": 2.9}]},
        format="json",
    )
    assert response.status_code == 201
    assert response.json() == {"created": 2}
    listed = api.get(url).json()
    assert [run["c"] for run in listed["results"]] == [1e18, 1e19]


def test_post_runs_with_tokens_per_parameter(owner, api_client_for):
    study = make_study(owner)
    url = f"/api/v1/scaling/studies/{study.pk}/runs/"
    api = api_client_for(owner)
    response = api.post(url, [{"n": 1e7, "m": 320, "loss": 2.9}], format="json")
    assert response.status_code == 201
    assert Run.objects.get().d == pytest.approx(3.2e9)
    refused = api.post(url, [{"n": 1e8, "d": 2e9, "m": 20, "loss": 2.5}], format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "m"
    assert Run.objects.count() == 1


def test_empty_or_malformed_run_lists(owner, api_client_for):
    study = make_study(owner)
    url = f"/api/v1/scaling/studies/{study.pk}/runs/"
    api = api_client_for(owner)
    assert api.post(url, [], format="json").status_code == 400
    assert api.post(url, ["x"], format="json").json()["errors"][0]["index"] == 0


def test_create_fit_runs_after_commit_and_stores_the_result(
    owner, api_client_for, django_capture_on_commit_callbacks
):
    study = make_study(owner)
    power_runs(study)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(owner).post(
            "/api/v1/scaling/fits/",
            {"study": study.pk, "law": "power", "bootstrap": 20},
            format="json",
        )
    assert response.status_code == 201, response.json()
    fit = Fit.objects.get()
    assert fit.status == "done", fit.error
    assert fit.created_by == owner
    params = {p["name"]: p for p in fit.result["params"]}
    assert params["alpha"]["value"] == pytest.approx(0.1, abs=0.03)
    assert params["alpha"]["low"] < params["alpha"]["value"] < params["alpha"]["high"]
    detail = api_client_for(owner).get(f"/api/v1/scaling/fits/{fit.pk}/").json()
    assert detail["status"] == "done" and "<svg" in detail["plots"]["fit"]["ko"]
    listed = api_client_for(owner).get("/api/v1/scaling/fits/").json()["results"]
    assert "result" not in listed[0] and "plots" not in listed[0]


def test_fit_with_unknown_group_or_no_runs_is_refused(owner, api_client_for):
    study = make_study(owner)
    api = api_client_for(owner)
    response = api.post("/api/v1/scaling/fits/", {"study": study.pk}, format="json")
    assert response.status_code == 400 and "study" in response.json()
    power_runs(study)
    response = api.post(
        "/api/v1/scaling/fits/", {"study": study.pk, "group": "nope"}, format="json"
    )
    assert response.status_code == 400 and "group" in response.json()
    response = api.post(
        "/api/v1/scaling/comparisons/",
        {"study": study.pk, "baseline_group": "baseline", "method_group": "baseline"},
        format="json",
    )
    assert response.status_code == 400
    assert Fit.objects.count() == 0


def test_permissions(owner, api_client_for, role_users):
    private = make_study(owner, title_en="Private")
    public = make_study(owner, title_en="Public", is_public=True)
    other = api_client_for(role_users[Role.RESEARCHER])
    anonymous = api_client_for(None)
    assert [s["title_en"] for s in anonymous.get("/api/v1/scaling/studies/").json()["results"]] == [
        "Public"
    ]
    assert anonymous.get(f"/api/v1/scaling/studies/{private.pk}/").status_code == 404
    assert other.get(f"/api/v1/scaling/studies/{private.pk}/").status_code == 404
    assert (
        other.patch(
            f"/api/v1/scaling/studies/{public.pk}/", {"title_en": "x"}, format="json"
        ).status_code
        == 403
    )
    assert (
        other.post(
            f"/api/v1/scaling/studies/{public.pk}/runs/", [{"c": 1, "loss": 1}], format="json"
        ).status_code
        == 403
    )
    assert (
        other.post(
            f"/api/v1/scaling/studies/{private.pk}/runs/", [{"c": 1, "loss": 1}], format="json"
        ).status_code
        == 404
    )
    assert anonymous.post(
        "/api/v1/scaling/studies/", {"title_en": "x"}, format="json"
    ).status_code in (401, 403)
    power_runs(public)
    response = other.post("/api/v1/scaling/fits/", {"study": public.pk}, format="json")
    assert response.status_code == 400 and "study" in response.json()
    response = other.post("/api/v1/scaling/fits/", {"study": private.pk}, format="json")
    assert response.status_code == 400
    funder = api_client_for(role_users[Role.FUNDER_VIEWER])
    assert (
        funder.post("/api/v1/scaling/studies/", {"title_en": "x"}, format="json").status_code == 403
    )
    director = api_client_for(role_users[Role.PROGRAM_DIRECTOR])
    assert (
        director.patch(
            f"/api/v1/scaling/studies/{private.pk}/", {"title_en": "By director"}, format="json"
        ).status_code
        == 200
    )
    assert Run.objects.filter(study=private).count() == 0


def test_members_cannot_change_membership(owner, api_client_for, role_users):
    member = role_users[Role.RESEARCHER]
    study = make_study(owner, members=[member])
    api = api_client_for(member)
    assert (
        api.patch(
            f"/api/v1/scaling/studies/{study.pk}/", {"title_en": "ok"}, format="json"
        ).status_code
        == 200
    )
    response = api.patch(f"/api/v1/scaling/studies/{study.pk}/", {"members": []}, format="json")
    assert response.status_code == 400
    assert study.members.count() == 1


def test_unknown_filters_are_refused(owner, api_client_for):
    assert api_client_for(owner).get("/api/v1/scaling/studies/?programme=x").status_code == 400


def test_a_comparison_answers_the_multiplier_by_budget_as_its_schema_says(
    owner, api_client_for, django_capture_on_commit_callbacks
):
    study = make_study(owner)
    power_runs(study, seed=1)
    faster_method_runs(study, speedup=3.0)
    api = api_client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scaling/comparisons/",
            {"study": study.pk, "law": "power", "method_group": "method", "bootstrap": 20},
            format="json",
        )
    assert response.status_code == 201, response.json()
    answer = api.get(f"/api/v1/scaling/comparisons/{response.json()['id']}/").json()
    result = answer["result"]
    assert result["estimand"] == "frontier" and result["frontier"]["model"] == "compute_shift"
    assert result["multiplier"] == pytest.approx(3, rel=0.35)
    assert len(result["frontier"]["budgets"]) == 9
    assert "biased low" in result["per_run_diagnostic"]["note"]
    openapi = SchemaGenerator().get_schema(request=None, public=True)
    components = openapi["components"]["schemas"]
    schema = components["ComparisonDetail"]["properties"]["result"]
    assert set(components["ComparisonResult"]["properties"]) >= {"frontier", "per_run_diagnostic"}
    jsonschema.validate(result, {**schema, "components": openapi["components"]})
