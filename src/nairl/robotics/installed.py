"""What the hub may run as a policy: never code a team names, only what an administrator chose.

A *remote* policy runs on the team's own machine; the hub's harness connects to its server and
exchanges observations and actions (openpi's websocket protocol). An *installed* policy is one
of the entries of an allow-list: the harness's reference policies plus the entry points an
administrator lists in ``NAIRL_ROBOTICS_INSTALLED_POLICIES``. A team picks one by name; the
name is looked up again when an evaluation runs, so removing an entry stops its evaluations.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nairl.robotics.harness.policies import BUILTIN_POLICIES, PolicySpec, RemotePolicySpec


class NotInstalled(LookupError):
    """The policy names an installed policy that is not (or no longer) on the allow-list."""


def installed_policies() -> dict[str, str]:
    """Name -> entry point: the reference policies, then the administrator's entries."""
    return {**BUILTIN_POLICIES, **settings.ROBOTICS_INSTALLED_POLICIES}


def installed_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in installed_policies()]


def validate_installed(value: str) -> None:
    if value not in installed_policies():
        raise ValidationError(
            _("“%(value)s” is not a policy installed on this hub. Choose one of: %(names)s."),
            params={"value": value, "names": ", ".join(installed_policies())},
            code="not_installed",
        )


def validate_server_url(value: str) -> None:
    value = (value or "").strip()
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("ws", "wss")
        or not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or any(c.isspace() for c in value)
    ):
        raise ValidationError(
            _(
                "Give the policy server's websocket address, for example "
                "ws://gpu1.lab.example:8000 (openpi's serve_policy listens on port 8000)."
            ),
            code="server_url",
        )


def installed_spec(name: str) -> PolicySpec:
    """The harness spec of an installed policy; NotInstalled when it is not on the allow-list."""
    entry_point = installed_policies().get(name)
    if entry_point is None:
        raise NotInstalled(name)
    if entry_point == BUILTIN_POLICIES["baseline"]:
        return PolicySpec(entry_point, files={"path": str(settings.ROBOTICS_BASELINE)})
    return PolicySpec(entry_point)


def remote_spec(url: str) -> RemotePolicySpec:
    return RemotePolicySpec(url, allow_loopback=settings.ROBOTICS_REMOTE_LOOPBACK)
