"""Demo data: `nairl demo` runs a list of steps, each loading one app's share of the demo.

An app adds its step in one of two ways:

* a module `<app>.demo` with a function `load(scale, stdout)` — found automatically, steps run in
  INSTALLED_APPS order (so `people` comes before the apps that refer to people);
* `register_demo_step(function)` (also usable as a decorator), for anything else.

`scale` is one of SCALES: "small" is what `make run` loads in a second or two; "national" is the
size of the country's research community, for benchmarks and load tests; "large" is ten times
the national directory, to show how search cost grows with the data. Every step must be
idempotent: running it again loads nothing twice, and a larger scale after a smaller one tops the
data up.
`stdout` is the command's output; write one line per thing loaded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import translation

from nairl.common.roles import Role, grant

SCALES = ("small", "national", "large")
DEMO_PASSWORD = "nairl-demo"
# username, role, what it lets you try
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, "everything, Django admin, the audit trail"),
    ("staff", Role.HUB_STAFF, "hub operations: directory, imports, residencies"),
    ("researcher", Role.RESEARCHER, "a researcher with a directory profile"),
    ("reviewer", Role.REVIEWER, "reviews assigned applications"),
    ("director", Role.PROGRAM_DIRECTOR, "runs a program's projects, calls and budget"),
    ("finance", Role.FINANCE_OFFICER, "budgets, spending, reports"),
    ("funder", Role.FUNDER_VIEWER, "read-only reports and indicators"),
]


@dataclass(frozen=True)
class DemoStep:
    name: str
    load: Callable[[str, object], None]


_registered: list[DemoStep] = []


def register_demo_step(load=None, *, name: str | None = None):
    """Adds a step; returns the function, so it works as `@register_demo_step` too."""

    def add(function):
        step = DemoStep(name or f"{function.__module__}.{function.__qualname__}", function)
        if step not in _registered:
            _registered.append(step)
        return function

    return add(load) if load is not None else add


def demo_steps() -> list[DemoStep]:
    """The users step, then every hub app's `demo.load`, then explicitly registered steps."""
    steps = [DemoStep("users", load_users)]
    for app in apps.get_app_configs():
        if not app.name.startswith("nairl."):
            continue
        module_name = f"{app.name}.demo"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        if callable(getattr(module, "load", None)):
            steps.append(DemoStep(app.label, module.load))
    return steps + [step for step in _registered if step not in steps]


def load_users(scale: str, stdout) -> None:
    """One login per role, all with the demo password; existing accounts are left as they are."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    created = 0
    # One hash for every account: each costs the hasher's full work factor (most of this step).
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        for username, role, _purpose in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                admin = role == Role.ADMINISTRATOR
                user = User(
                    username=username,
                    email=f"{username}@nairl.example",
                    is_staff=admin,
                    is_superuser=admin,
                    language="en" if username in ("funder", "reviewer") else "ko",
                )
                user.password = password
                user.save()
                created += 1
            grant(user, role)
    stdout.write(
        f"users: {created} demo account(s) created, {len(DEMO_USERS) - created} already there"
    )


def login_lines() -> list[str]:
    with translation.override("en"):
        return [
            f"Demo login: {username} / {DEMO_PASSWORD}  ({Role(role).label}: {purpose})"
            for username, role, purpose in DEMO_USERS
        ]
