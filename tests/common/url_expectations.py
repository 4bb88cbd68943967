"""Permission-walk expectations for the project-level URLs (nairl/urls.py) and nairl.common."""

from factories import make_user
from nairl.common import tokens
from nairl.common.roles import Role
from permission_expectations import Case, everyone, only, signed_in


def objects(users):
    token, _key = tokens.issue(users[Role.RESEARCHER], "walk")
    return {"researcher_token": token, "managed_account": make_user("walk-managed", Role.REVIEWER)}


def managed_account(world):
    return {"pk": world["managed_account"].pk}


def researcher_token(world):
    return {"pk": world["researcher_token"].pk}


EXPECTATIONS = {
    "home": Case(everyone(200)),
    "my-home": Case(signed_in(200)),
    "password_change": [
        Case(signed_in(200)),
        Case(signed_in(400), method="post", data={}, label="nothing typed"),
    ],
    "password_change_done": Case(signed_in(200)),
    "password_reset": [
        Case(everyone(200)),
        Case(everyone(400), method="post", data={"email": "not an address"}, label="bad address"),
    ],
    "password_reset_done": Case(everyone(200)),
    # A link that is not valid says so (200); a valid one is tested in test_passwords.py.
    "password_reset_confirm": Case(everyone(200), kwargs={"uidb64": "MQ", "token": "bad-token"}),
    "password_reset_complete": Case(everyone(200)),
    "users": Case(only()),
    "user-invite": [Case(only()), Case(only(allowed=400), method="post", data={})],
    "user-edit": [
        Case(only(), kwargs=managed_account),
        # An empty form deactivates the account and takes its roles: administrators only.
        Case(only(allowed=302), kwargs=managed_account, method="post", data={}),
    ],
    "login": Case(everyone(200)),
    "logout": [
        Case(everyone(405), label="GET cannot sign out"),
        Case(everyone(302), method="post", label="POST signs out and goes home"),
    ],
    "set-language": [
        Case(everyone(405)),
        Case(everyone(302), method="post", data={"language": "en", "next": "/"}),
    ],
    "account-settings": [
        Case(signed_in(200)),
        Case(
            signed_in(400), method="post", data={"language": "en", "time_zone": "Nowhere/Nothing"}
        ),
    ],
    "account-token-create": [
        Case(signed_in(405)),
        Case(signed_in(200), method="post", data={"name": "laptop", "days": "7"}),
        Case(signed_in(400), method="post", data={"name": "", "days": "7"}, label="no name"),
    ],
    "account-token-revoke": [
        Case(signed_in(405), kwargs=researcher_token),
        # Only the token's owner may revoke it on this page (administrators: in the admin).
        Case(
            {**signed_in(404), Role.RESEARCHER: 302},
            kwargs=researcher_token,
            method="post",
            label="revoke",
        ),
    ],
    "audit-log": Case(only()),  # anonymous visitors are sent to sign in
    "audit-export": Case(only()),
    "api-token": [
        Case(everyone(405)),
        # Each role walks from its own address, so nine failures stay under the lockout limit.
        Case(everyone(400), method="post", data={"username": "nobody", "password": "wrong"}),
    ],
    "api-schema": Case(everyone(200)),
    "api-docs": Case(everyone(200)),
}

# Administrators alone read the audit trail.
assert EXPECTATIONS["audit-log"].status[Role.ADMINISTRATOR] == 200
