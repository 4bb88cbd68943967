"""Scaling list pages and endpoints for the query-count test (tests/common/test_query_counts)."""

import itertools

from django.contrib.auth import get_user_model

from factories import make_user
from list_views import ListView
from nairl.common.roles import Role
from nairl.scaling.models import Comparison, Fit, Run, Study
from research.helpers import project_titled

from .helpers import make_study

_numbers = itertools.count(1)


def user_named(username: str):
    User = get_user_model()
    return User.objects.filter(username=username).first() or make_user(username, Role.RESEARCHER)


def owner():
    return user_named("scaling-list-owner")


def member():
    return user_named("scaling-list-member")


def add_studies(count: int, project=None) -> None:
    """Studies (every other one private, with a member) with runs, a finished fit with a big
    result, a comparison and a learning-curve check; of the research project, if given."""
    for _ in range(count):
        number = next(_numbers)
        study = make_study(
            owner(),
            members=[member()],
            is_public=number % 2 == 1,
            title_en=f"Study {number}",
            title_ko=f"연구 {number}",
            project=project,
        )
        Run.objects.create(study=study, c=1e18, loss=3.0)
        Fit.objects.create(
            study=study,
            created_by=owner(),
            status="done",
            result={"big": "x" * 1000},
            plots={"fit": {"en": "<svg/>"}},
        )
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


def add_jobs(count: int) -> None:
    """More fits, comparisons and groups of runs in one public study."""
    study = the_study()
    for _ in range(count):
        number = next(_numbers)
        Run.objects.create(study=study, group=f"group {number}", c=1e18, loss=3.0)
        Fit.objects.create(study=study, created_by=owner(), status="done", result={"x": 1})
        Comparison.objects.create(study=study, created_by=owner(), method_group="method")


# No list reads a fit's or comparison's result or plots (they can be megabytes).
BLOBS = ('"result"', '"plots"')
LISTS = [
    ("scaling:studies", "/scaling/", add_studies),
    ("scaling:fits", "/scaling/fits/", add_studies),
    ("scaling:comparisons", "/scaling/comparisons/", add_studies),
    ("scaling:study", lambda: f"/scaling/{the_study().pk}/", add_jobs),
    ("scaling:runs", lambda: f"/scaling/{the_study().pk}/runs/", add_runs),
    ("scaling-study-list", "/api/v1/scaling/studies/", add_studies),
    ("scaling-fit-list", "/api/v1/scaling/fits/", add_studies),
    ("scaling-comparison-list", "/api/v1/scaling/comparisons/", add_studies),
    ("scaling-study-runs", lambda: f"/api/v1/scaling/studies/{the_study().pk}/runs/", add_runs),
]
VIEWERS = [
    ("owner", owner, "anonymous"),
    ("member", member, "anonymous"),
    ("researcher", None, Role.RESEARCHER),
    ("director", None, Role.PROGRAM_DIRECTOR),
    ("anonymous", None, "anonymous"),
]
LIST_VIEWS = [
    ListView(name, url, add, role=role, viewer=viewer, never_reads=BLOBS, label=label)
    for name, url, add in LISTS
    for label, viewer, role in VIEWERS
]


# A research project's page lists its studies the viewer may see (with their running fits).
def the_project():
    return project_titled("Studies list project")


def add_project_studies(count: int) -> None:
    add_studies(count, project=the_project())


LIST_VIEWS += [
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_project_studies,
        role=role,
        viewer=viewer,
        label=f"studies, {label}",
    )
    for label, viewer, role in VIEWERS
]
