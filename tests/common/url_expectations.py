"""Permission-walk expectations for the project-level URLs (nairl/urls.py) and nairl.common."""

from nairl.common.roles import Role
from permission_expectations import Case, everyone, only, signed_in

EXPECTATIONS = {
    "home": Case(everyone(200)),
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
    "audit-log": Case(only()),  # anonymous visitors are sent to sign in
    "audit-export": Case(only()),
    "api-token": [
        Case(everyone(405)),
        Case(everyone(400), method="post", data={"username": "nobody", "password": "wrong"}),
    ],
    "api-schema": Case(everyone(200)),
    "api-docs": Case(everyone(200)),
}

# Administrators alone read the audit trail.
assert EXPECTATIONS["audit-log"].status[Role.ADMINISTRATOR] == 200
