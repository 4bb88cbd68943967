"""Who may see and change what, down to the object.

Each model that pages or the API show has a `Policy`; views and API endpoints both ask it, so a
page and its endpoint can never disagree. Policies answer from roles and from the object itself
(owner, public flag) without extra queries on list paths: `visible(user, queryset)` filters in SQL.
"""

from django.core.exceptions import PermissionDenied
from rest_framework import permissions

from .roles import has_role


class Policy:
    """Default: everyone may view, nobody may change. Subclasses widen or narrow this."""

    def visible(self, user, queryset):
        return queryset

    def can_view(self, user, obj) -> bool:
        return True

    def can_create(self, user) -> bool:
        return False

    def can_change(self, user, obj) -> bool:
        return False

    def can_delete(self, user, obj) -> bool:
        return self.can_change(user, obj)


class StaffManagedPolicy(Policy):
    """Public reference data that only the given roles maintain."""

    def __init__(self, *managers: str):
        self.managers = managers

    def can_create(self, user) -> bool:
        return has_role(user, *self.managers)

    def can_change(self, user, obj) -> bool:
        return has_role(user, *self.managers)


class RequireRole:
    """Gate for a whole view: `RequireRole(Role.HUB_STAFF)`; administrators always pass."""

    def __init__(self, *roles: str):
        self.roles = roles

    def check(self, user) -> None:
        if not user.is_authenticated or not has_role(user, *self.roles):
            raise PermissionDenied


class RolePermission(permissions.BasePermission):
    """DRF side of the policies: reads are allowed as the policy says, writes need the policy's yes.

    A view without a policy is read-only for signed-in users.
    """

    def has_permission(self, request, view):
        policy = getattr(view, "policy", None)
        if request.method in permissions.SAFE_METHODS:
            return policy is not None or request.user.is_authenticated
        if policy is None or not request.user.is_authenticated:
            return False
        if request.method == "POST":
            return policy.can_create(request.user)
        return True  # object-level check follows

    def has_object_permission(self, request, view, obj):
        policy = view.policy
        if request.method in permissions.SAFE_METHODS:
            return policy.can_view(request.user, obj)
        if request.method == "DELETE":
            return policy.can_delete(request.user, obj)
        return policy.can_change(request.user, obj)
