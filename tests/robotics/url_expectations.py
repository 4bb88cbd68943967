"""Permission-walk expectations for nairl.robotics: pages and API.

The walk's researcher is the only member of a team with a public and a private policy, each with
a finished evaluation. Private policies and their evaluations are 404 for everyone but the team
and administrators; forms the viewer may not use are 403 (anonymous visitors go to sign in).
"""

from nairl.common.roles import Role
from permission_expectations import API_ANONYMOUS, Case, everyone, only
from robotics.helpers import make_policy, make_result, make_team

MEMBER = Role.RESEARCHER
FOUNDERS = (Role.RESEARCHER, Role.PROGRAM_DIRECTOR)


def objects(users):
    team = make_team(users[MEMBER], name_en="Walk robotics team")
    public = make_policy(team, "walk-public")
    private = make_policy(team, "walk-private", is_public=False)
    return {
        "robotics_team": team,
        "robotics_public_policy": public,
        "robotics_private_policy": private,
        "robotics_public_evaluation": make_result(public),
        "robotics_private_evaluation": make_result(private),
    }


def team(world):
    return {"pk": world["robotics_team"].pk}


def public_policy(world):
    return {"pk": world["robotics_public_policy"].pk}


def private_policy(world):
    return {"pk": world["robotics_private_policy"].pk}


def public_evaluation(world):
    return {"pk": world["robotics_public_evaluation"].pk}


def private_evaluation(world):
    return {"pk": world["robotics_private_evaluation"].pk}


member_page = only(MEMBER)
member_post = only(MEMBER, allowed=400)  # an empty form is invalid
private_view = {**everyone(404), MEMBER: 200, Role.ADMINISTRATOR: 200}
private_form = {**private_view, "anonymous": 302}
private_post = {**everyone(404), "anonymous": 302, MEMBER: 400, Role.ADMINISTRATOR: 400}
api_write = only(MEMBER, allowed=200, anonymous=API_ANONYMOUS)
api_create = only(MEMBER, allowed=400, anonymous=API_ANONYMOUS)

EXPECTATIONS = {
    "robotics:index": Case(everyone(200)),
    "robotics:leaderboard": [
        Case(everyone(200), kwargs={"suite": "control-mt10"}),
        Case(everyone(200), kwargs={"suite": "control-mt10"}, data={"capability": "control"}),
        Case(everyone(404), kwargs={"suite": "no-such-suite"}),
        Case(everyone(404), kwargs={"suite": "control-mt10"}, data={"capability": "flying"}),
    ],
    "robotics:leaderboard-tasks": Case(everyone(200), kwargs={"suite": "decision-mt10"}),
    "robotics:capability": [
        Case(everyone(200), kwargs={"capability": "perception"}),
        Case(everyone(404), kwargs={"capability": "flying"}),
    ],
    "robotics:teams": Case(everyone(200)),
    "robotics:team-create": [
        Case(only(*FOUNDERS)),
        Case(only(*FOUNDERS, allowed=400), method="post", data={}),
    ],
    "robotics:team": Case(everyone(200), kwargs=team),
    "robotics:team-edit": [
        Case(member_page, kwargs=team),
        Case(member_post, kwargs=team, method="post", data={}),
    ],
    "robotics:policies": Case(everyone(200)),
    "robotics:policy-create": [Case(member_page), Case(member_post, method="post", data={})],
    "robotics:policy": [
        Case(everyone(200), kwargs=public_policy, label="public"),
        Case(private_view, kwargs=private_policy, label="private"),
    ],
    "robotics:policy-edit": [
        Case(member_page, kwargs=public_policy, label="public"),
        Case(member_post, kwargs=public_policy, method="post", data={}),
        Case(private_form, kwargs=private_policy, label="private"),
        Case(private_post, kwargs=private_policy, method="post", data={}),
    ],
    "robotics:evaluation-create": [
        Case(member_page, kwargs=public_policy, label="public"),
        Case(member_post, kwargs=public_policy, method="post", data={}),
        Case(private_form, kwargs=private_policy, label="private"),
    ],
    "robotics:evaluations": [Case(everyone(200)), Case(everyone(400), data={"status": "bogus"})],
    "robotics:evaluation": [
        Case(everyone(200), kwargs=public_evaluation, label="public"),
        Case(private_view, kwargs=private_evaluation, label="private"),
    ],
    "robotics:evaluation-status": [
        Case(everyone(200), kwargs=public_evaluation, label="public"),
        Case(private_view, kwargs=private_evaluation, label="private"),
    ],
    # API (DRF answers 401 with a Token challenge to anonymous writes)
    "robotics-leaderboard": [
        Case(everyone(200), data={"suite": "control-mt10"}),
        Case(everyone(400), label="no suite"),
    ],
    "robotics-team-list": [
        Case(everyone(200)),
        Case(only(*FOUNDERS, allowed=400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "robotics-team-detail": [
        Case(everyone(200), kwargs=team),
        Case(api_write, kwargs=team, method="patch", data={}),
    ],
    "robotics-policy-list": [Case(everyone(200)), Case(api_create, method="post", data={})],
    "robotics-policy-detail": [
        Case(everyone(200), kwargs=public_policy, label="public"),
        Case(private_view, kwargs=private_policy, label="private"),
        Case(api_write, kwargs=public_policy, method="patch", data={}),
        Case(
            {**private_view, "anonymous": API_ANONYMOUS, MEMBER: 200},
            kwargs=private_policy,
            method="patch",
            data={},
            label="private",
        ),
    ],
    "robotics-evaluation-list": [Case(everyone(200)), Case(api_create, method="post", data={})],
    "robotics-evaluation-detail": [
        Case(everyone(200), kwargs=public_evaluation, label="public"),
        Case(private_view, kwargs=private_evaluation, label="private"),
    ],
}
