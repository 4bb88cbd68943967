"""Who may see and change robotics teams, policies and evaluations (pages and API alike).

A team's members manage its policies and evaluations; administrators manage everything. Public
policies, their evaluations and their leaderboard entries are shown to everyone; private ones
only to the team and administrators (others get a 404, and lists filter them out in SQL).
"""

from django.db.models import Q

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role

TEAM_FOUNDERS = (Role.RESEARCHER, Role.PROGRAM_DIRECTOR)


def team_ids_of(user) -> frozenset[int]:
    """Ids of the teams the user belongs to, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_robotics_team_ids", None)
    if cached is None:
        cached = frozenset(user.robotics_teams.values_list("pk", flat=True))
        user._robotics_team_ids = cached
    return cached


def forget_teams(user) -> None:
    user.__dict__.pop("_robotics_team_ids", None)


def is_admin(user) -> bool:
    return getattr(user, "is_authenticated", False) and has_role(user, Role.ADMINISTRATOR)


class TeamPolicy(Policy):
    """Teams are listed publicly (name, institution); members and administrators change them."""

    def can_create(self, user) -> bool:
        return user.is_authenticated and has_role(user, *TEAM_FOUNDERS)

    def can_change(self, user, team) -> bool:
        return is_admin(user) or team.pk in team_ids_of(user)

    def can_see_members(self, user, team) -> bool:
        return self.can_change(user, team)

    def manageable(self, user, queryset):
        """Teams whose policies the user may register."""
        return queryset if is_admin(user) else queryset.filter(pk__in=team_ids_of(user))


class RobotPolicyPolicy(Policy):
    """Rules for robot policies; `prefix` reaches the policy from a related model's queryset."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix

    def visible(self, user, queryset):
        if is_admin(user):
            return queryset
        public = Q(**{f"{self.prefix}is_public": True})
        teams = team_ids_of(user)
        if teams:
            public |= Q(**{f"{self.prefix}team_id__in": teams})
        return queryset.filter(public)

    def can_view(self, user, policy) -> bool:
        return policy.is_public or self.can_change(user, policy)

    def can_create(self, user) -> bool:
        return is_admin(user) or bool(team_ids_of(user))

    def can_change(self, user, policy) -> bool:
        return is_admin(user) or policy.team_id in team_ids_of(user)


class EvaluationPolicy(Policy):
    """An evaluation is seen with its policy; the policy's team queues them; none are edited."""

    def __init__(self):
        self.of_policy = RobotPolicyPolicy(prefix="policy__")

    def visible(self, user, queryset):
        return self.of_policy.visible(user, queryset)

    def can_view(self, user, evaluation) -> bool:
        return robot_policy_policy.can_view(user, evaluation.policy)

    def can_create(self, user) -> bool:
        return robot_policy_policy.can_create(user)

    def can_evaluate(self, user, policy) -> bool:
        return robot_policy_policy.can_change(user, policy)

    def can_change(self, user, evaluation) -> bool:
        return False

    def can_delete(self, user, evaluation) -> bool:
        return robot_policy_policy.can_change(user, evaluation.policy)


team_policy = TeamPolicy()
robot_policy_policy = RobotPolicyPolicy()
evaluation_policy = EvaluationPolicy()
