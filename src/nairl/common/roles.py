"""The hub's roles. A user holds roles through Django groups named after them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    REVIEWER = "reviewer", _("Reviewer")
    PROGRAM_DIRECTOR = "program_director", _("Program director")
    HUB_STAFF = "hub_staff", _("Hub operations staff")
    FINANCE_OFFICER = "finance_officer", _("Finance / KPI officer")
    FUNDER_VIEWER = "funder_viewer", _("Funder (read-only)")
    ADMINISTRATOR = "administrator", _("Administrator")


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per user object (no query on later calls)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_nairl_roles", None)
    if cached is None:
        names = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMINISTRATOR)
        cached = user._nairl_roles = frozenset(names)
    return cached


def has_role(user, *roles: str) -> bool:
    held = roles_of(user)
    return Role.ADMINISTRATOR in held or any(role in held for role in roles)


def grant(user, *roles: str) -> None:
    from django.contrib.auth.models import Group

    for role in roles:
        group, _created = Group.objects.get_or_create(name=Role(role).value)
        user.groups.add(group)
    user.__dict__.pop("_nairl_roles", None)
