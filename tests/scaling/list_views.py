"""Scaling list pages and endpoints for the query-count test (tests/common/test_query_counts)."""

import itertools

from django.contrib.auth import get_user_model

from list_views import ListView
from nairl.common.roles import Role
from nairl.scaling.models import Comparison, Fit, Run, Study

from .helpers import make_study

_numbers = itertools.count(1)


def owner():
    User = get_user_model()
    user = User.objects.filter(username="scaling-list-owner").first()
    if user is None:
        from factories import make_user

        user = make_user("scaling-list-owner", Role.RESEARCHER)
    return user


def add_studies(count: int) -> None:
    for _ in range(count):
        number = next(_numbers)
        study = make_study(
            owner(), is_public=True, title_en=f"Study {number}", title_ko=f"연구 {number}"
        )
        Run.objects.create(study=study, c=1e18, loss=3.0)
        Fit.objects.create(study=study, created_by=owner(), status="done", result={"x": 1})
        Comparison.objects.create(study=study, created_by=owner(), method_group="method")
        Comparison.objects.create(
            study=study, created_by=owner(), method_group="method", kind="steepness"
        )


def the_study() -> Study:
    study = Study.objects.filter(title_en="Runs list study").first()
    return study or make_study(owner(), is_public=True, title_en="Runs list study")


def add_runs(count: int) -> None:
    study = the_study()
    Run.objects.bulk_create(
        Run(study=study, c=1e18 * (next(_numbers) + 1), loss=3.0) for _ in range(count)
    )


LIST_VIEWS = [
    ListView("scaling studies", url="/scaling/", add_rows=add_studies),
    ListView("scaling fits", url="/scaling/fits/", add_rows=add_studies),
    ListView("scaling comparisons", url="/scaling/comparisons/", add_rows=add_studies),
    ListView("scaling runs", url=lambda: f"/scaling/{the_study().pk}/runs/", add_rows=add_runs),
    ListView(
        "scaling studies API",
        url="/api/v1/scaling/studies/",
        add_rows=add_studies,
        role=Role.RESEARCHER,
    ),
    ListView("scaling fits API", url="/api/v1/scaling/fits/", add_rows=add_studies),
    ListView("scaling comparisons API", url="/api/v1/scaling/comparisons/", add_rows=add_studies),
    ListView(
        "scaling runs API",
        url=lambda: f"/api/v1/scaling/studies/{the_study().pk}/runs/",
        add_rows=add_runs,
    ),
]
