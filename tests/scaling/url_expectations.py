"""Permission-walk expectations for nairl.scaling: pages and API.

The walking researcher is not a member of these studies: it sees the public one and nothing of the
private one; program directors and administrators edit every study.
"""

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Comparison, Fit
from permission_expectations import API_ANONYMOUS, Case, everyone, only

from .helpers import make_study, power_runs


def objects(users):
    owner = make_user("scaling-owner", Role.RESEARCHER)
    public = make_study(owner, is_public=True, title_en="Public scaling study")
    power_runs(public)
    power_runs(public, group="method", count=4, seed=3)
    private = make_study(owner, title_en="Private scaling study")
    return {
        "scaling_public": public,
        "scaling_private": private,
        "scaling_fit": Fit.objects.create(study=public, law="power", status="failed", error="x"),
        "scaling_private_fit": Fit.objects.create(study=private, law="power"),
        "scaling_comparison": Comparison.objects.create(study=public, method_group="method"),
        "scaling_steepness": Comparison.objects.create(
            study=public, method_group="method", kind="steepness"
        ),
        "scaling_private_comparison": Comparison.objects.create(
            study=private, method_group="method"
        ),
    }


def study(key):
    return lambda world: {"pk": world[key].pk}


def study_runs(key):
    return lambda world: {"study_pk": world[key].pk}


MANAGERS = (Role.PROGRAM_DIRECTOR,)  # with administrators: edit every study
CREATORS = (Role.RESEARCHER, Role.PROGRAM_DIRECTOR)
private_view = {**everyone(404), Role.PROGRAM_DIRECTOR: 200, Role.ADMINISTRATOR: 200}
# Pages behind login_required: anonymous visitors are sent to sign in.
edit_public = only(*MANAGERS)
edit_public_post = only(*MANAGERS, allowed=400)
# API: DRF answers 401 with a Token challenge to anonymous writes.
api_edit_public_post = only(*MANAGERS, allowed=400, anonymous=API_ANONYMOUS)
api_create = only(*CREATORS, allowed=400, anonymous=API_ANONYMOUS)
api_edit_public = only(*MANAGERS, anonymous=API_ANONYMOUS)
api_anyone_post = {**everyone(400), "anonymous": API_ANONYMOUS}


def editing(name, private_allowed=200):
    """Pages that change a study; the private study has no runs, so the job forms send its
    editors to the upload page first (302)."""
    return [
        Case(edit_public, kwargs=study("scaling_public"), label="public study"),
        Case(
            edit_public_post,
            kwargs=study("scaling_public"),
            method="post",
            data={},
            label="public study, empty form",
        ),
        Case(
            only(*MANAGERS, allowed=private_allowed, denied=404),
            kwargs=study("scaling_private"),
            label="private study",
        ),
    ]


EXPECTATIONS = {
    "scaling:studies": Case(everyone(200)),
    "scaling:study-create": [
        Case(only(*CREATORS)),
        Case(only(*CREATORS, allowed=400), method="post", data={}),
    ],
    "scaling:study": [
        Case(everyone(200), kwargs=study("scaling_public"), label="public"),
        Case(private_view, kwargs=study("scaling_private"), label="private"),
    ],
    "scaling:study-edit": editing("edit"),
    "scaling:runs": [
        Case(everyone(200), kwargs=study("scaling_public")),
        Case(private_view, kwargs=study("scaling_private")),
    ],
    "scaling:upload": editing("upload"),
    "scaling:fit-create": editing("fit", private_allowed=302),
    "scaling:comparison-create": editing("comparison", private_allowed=302),
    "scaling:steepness-create": editing("steepness", private_allowed=302),
    "scaling:fits": Case(everyone(200)),
    "scaling:comparisons": Case(everyone(200)),
    "scaling:fit": [
        Case(everyone(200), kwargs=study("scaling_fit")),
        Case(private_view, kwargs=study("scaling_private_fit")),
    ],
    # A job's status (JSON), which its page polls: seen by whoever sees the job.
    "scaling:fit-status": [
        Case(everyone(200), kwargs=study("scaling_fit")),
        Case(private_view, kwargs=study("scaling_private_fit")),
    ],
    "scaling:comparison-status": [
        Case(everyone(200), kwargs=study("scaling_comparison")),
        Case(private_view, kwargs=study("scaling_private_comparison")),
    ],
    "scaling:comparison": [
        Case(everyone(200), kwargs=study("scaling_comparison")),
        Case(everyone(200), kwargs=study("scaling_steepness"), label="learning-curve check"),
        Case(private_view, kwargs=study("scaling_private_comparison")),
    ],
    # API
    "scaling-study-list": [Case(everyone(200)), Case(api_create, method="post", data={})],
    "scaling-study-detail": [
        Case(everyone(200), kwargs=study("scaling_public")),
        Case(private_view, kwargs=study("scaling_private")),
        Case(
            api_edit_public,
            kwargs=study("scaling_public"),
            method="patch",
            data={},
            label="empty update",
        ),
    ],
    "scaling-study-runs": [
        Case(everyone(200), kwargs=study_runs("scaling_public")),
        Case(private_view, kwargs=study_runs("scaling_private")),
        Case(
            api_edit_public_post,
            kwargs=study_runs("scaling_public"),
            method="post",
            data={},
            label="empty list of runs",
        ),
    ],
    "scaling-fit-list": [Case(everyone(200)), Case(api_anyone_post, method="post", data={})],
    "scaling-fit-detail": [
        Case(everyone(200), kwargs=study("scaling_fit")),
        Case(private_view, kwargs=study("scaling_private_fit")),
    ],
    "scaling-comparison-list": [Case(everyone(200)), Case(api_anyone_post, method="post", data={})],
    "scaling-comparison-detail": [
        Case(everyone(200), kwargs=study("scaling_comparison")),
        Case(private_view, kwargs=study("scaling_private_comparison")),
    ],
}
