"""What every URL answers to every role: the table the permission walk checks.

Each app keeps its part in `tests/<app>/url_expectations.py`, with

    EXPECTATIONS = {"<namespace>:<url name>": Case(...) or [Case(...), ...]}
    def objects(users): ...   # optional: creates the records URLs need, returns {"key": obj}

`Case.kwargs` is a dict or a function of the walk's objects (the merged dicts every module's
`objects(users)` returned, plus "users") giving the URL's arguments; `Case.status` maps each role
in ROLES to the expected status code. The walk fails for any URL whose name has no entry, so a new
view cannot ship without saying who may use it.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nairl.common.roles import Role

ROLES = ["anonymous", *Role.values]
STAFF = (Role.HUB_STAFF,)  # administrators pass every role check as well
# What the API answers a request without valid credentials: token authentication comes first, so
# DRF answers 401 with "WWW-Authenticate: Token" (a signed-in user who may not gets 403). Pages
# send anonymous visitors to sign in (302) instead.
API_ANONYMOUS = 401
TESTS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    status: dict[str, int]
    kwargs: dict | Callable[[dict], dict] = field(default_factory=dict)
    method: str = "get"
    data: dict | None = None
    label: str = ""

    def __post_init__(self):
        missing = set(ROLES) - set(self.status)
        if missing:
            raise ValueError(f"Case {self.label or ''} gives no status for {sorted(missing)}")

    def url_kwargs(self, world: dict) -> dict:
        return self.kwargs(world) if callable(self.kwargs) else dict(self.kwargs)


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def only(
    *roles: str, allowed: int = 200, denied: int = 403, anonymous: int = 302
) -> dict[str, int]:
    """Allowed for the given roles and administrators; `denied` for the other signed-in users."""
    permitted = {*roles, Role.ADMINISTRATOR}
    statuses = {role: allowed if role in permitted else denied for role in Role.values}
    return {"anonymous": anonymous, **statuses}


def expectation_modules():
    for path in sorted(TESTS_DIR.glob("*/url_expectations.py")):
        yield importlib.import_module(f"{path.parent.name}.url_expectations")


def load_expectations() -> dict[str, list[Case]]:
    table: dict[str, list[Case]] = {}
    for module in expectation_modules():
        for name, cases in module.EXPECTATIONS.items():
            if name in table:
                raise ValueError(
                    f"{name!r} has expectations in two modules (second: {module.__name__})"
                )
            table[name] = list(cases) if isinstance(cases, list | tuple) else [cases]
    return table


def build_objects(users: dict) -> dict:
    world = {"users": users}
    for module in expectation_modules():
        if hasattr(module, "objects"):
            made = module.objects(users)
            clash = set(made) & set(world)
            if clash:
                raise ValueError(f"{module.__name__} reuses object keys {sorted(clash)}")
            world.update(made)
    return world
