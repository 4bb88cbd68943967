"""Expected status of every robotics URL for every role (GET), for the hub's permission walk.

`objects(role_users)` builds the records the URLs name — a team whose only member is the
researcher, a public and a private policy of it, and a finished evaluation of each — and returns
the values for the `{placeholders}`. `EXPECTATIONS` lists (URL template, default status,
{role: status} exceptions); roles are "anonymous" and the values of nairl.common.roles.Role.
"""

from nairl.common.roles import Role

from .helpers import make_policy, make_result, make_team

ANON = "anonymous"
MEMBER, ADMIN = Role.RESEARCHER.value, Role.ADMINISTRATOR.value
TEAM_FOUNDERS = {MEMBER: 200, Role.PROGRAM_DIRECTOR.value: 200, ADMIN: 200}
# Signed-in outsiders get 403 on a form they may not use; anonymous visitors go to sign in.
MANAGERS_ONLY = {ANON: 302, MEMBER: 200, ADMIN: 200}
PRIVATE = {MEMBER: 200, ADMIN: 200}

EXPECTATIONS = [
    ("/robotics/", 200, {}),
    ("/robotics/leaderboard/control-mt10/", 200, {}),
    ("/robotics/leaderboard/control-mt10/?capability=decision", 200, {}),
    ("/robotics/leaderboard/control-mt10/tasks/", 200, {}),
    ("/robotics/leaderboard/no-such-suite/", 404, {}),
    ("/robotics/capabilities/control/", 200, {}),
    ("/robotics/teams/", 200, {}),
    ("/robotics/teams/new/", 403, {ANON: 302, **TEAM_FOUNDERS}),
    ("/robotics/teams/{team}/", 200, {}),
    ("/robotics/teams/{team}/edit/", 403, MANAGERS_ONLY),
    ("/robotics/policies/", 200, {}),
    ("/robotics/policies/new/", 403, MANAGERS_ONLY),
    ("/robotics/policies/{public_policy}/", 200, {}),
    ("/robotics/policies/{private_policy}/", 404, PRIVATE),
    ("/robotics/policies/{public_policy}/edit/", 403, MANAGERS_ONLY),
    ("/robotics/policies/{private_policy}/edit/", 404, {ANON: 302, **PRIVATE}),
    ("/robotics/policies/{public_policy}/evaluate/", 403, MANAGERS_ONLY),
    ("/robotics/policies/{private_policy}/evaluate/", 404, {ANON: 302, **PRIVATE}),
    ("/robotics/evaluations/", 200, {}),
    ("/robotics/evaluations/{public_evaluation}/", 200, {}),
    ("/robotics/evaluations/{private_evaluation}/", 404, PRIVATE),
    ("/api/v1/robotics/teams/", 200, {}),
    ("/api/v1/robotics/teams/{team}/", 200, {}),
    ("/api/v1/robotics/policies/", 200, {}),
    ("/api/v1/robotics/policies/{public_policy}/", 200, {}),
    ("/api/v1/robotics/policies/{private_policy}/", 404, PRIVATE),
    ("/api/v1/robotics/evaluations/", 200, {}),
    ("/api/v1/robotics/evaluations/{public_evaluation}/", 200, {}),
    ("/api/v1/robotics/evaluations/{private_evaluation}/", 404, PRIVATE),
    ("/api/v1/robotics/leaderboard/?suite=control-mt10", 200, {}),
    ("/api/v1/robotics/leaderboard/", 400, {}),
]


def objects(role_users) -> dict[str, int]:
    team = make_team(role_users[MEMBER])
    public, private = make_policy(team, "open"), make_policy(team, "closed", is_public=False)
    return {
        "team": team.pk,
        "public_policy": public.pk,
        "private_policy": private.pk,
        "public_evaluation": make_result(public).pk,
        "private_evaluation": make_result(private).pk,
    }


def expected(role: str, default: int, exceptions: dict) -> int:
    return exceptions.get(role, default)
