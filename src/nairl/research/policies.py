"""Who may see and change programs, projects and memberships (pages and API alike).

Programs are public. A public project's page is shown to everyone; a project that is not public
only to its members, its principal investigator and the lab's readers and managers (to anyone
else it does not exist: 404). A project's members-only parts (notes, files, milestones' notes)
are for its current members, its principal investigator and the managers — never for the
read-only roles, whoever they are. Program directors and hub staff manage every project; a
principal investigator manages their own.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role
from nairl.people.models import Person
from nairl.people.policies import person_policy

from .models import Membership, Output, Project

PROGRAM_MANAGERS = (Role.HUB_STAFF, Role.PROGRAM_DIRECTOR)  # administrators always pass has_role
PROJECT_MANAGERS = (Role.PROGRAM_DIRECTOR, Role.HUB_STAFF)
# They read every project, and report on them, but see no members-only part.
PROJECT_READERS = (Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def member_filter(user) -> Q:
    """Projects the user works on now, or leads (subqueries: still one SQL statement)."""
    current = Membership.objects.current().filter(person__user=user).values("project_id")
    return Q(pk__in=current) | Q(principal_investigator__user=user)


def with_viewer_membership(user, queryset):
    """Projects annotated with whether the user is a member (`viewer_is_member`), so that a list
    asking `is_member` of every row makes no query per row."""
    if not user.is_authenticated:
        return queryset.annotate(viewer_is_member=Value(False))
    current = Membership.objects.current().filter(project=OuterRef("pk"), person__user=user)
    flag = ExpressionWrapper(
        Q(Exists(current)) | Q(principal_investigator__user=user), output_field=BooleanField()
    )
    return queryset.annotate(viewer_is_member=flag)


def is_member(user, project) -> bool:
    """The user leads the project or is one of its current members (remembered per project;
    read from `with_viewer_membership` when the project was loaded with it)."""
    if not user.is_authenticated:
        return False
    if "viewer_is_member" in project.__dict__:
        return project.viewer_is_member
    cache = project.__dict__.setdefault("_member_of", {})
    if user.pk not in cache:
        if project.principal_investigator.user_id == user.pk:
            cache[user.pk] = True
        else:
            cache[user.pk] = project.memberships.current().filter(person__user=user).exists()
    return cache[user.pk]


class ProgramPolicy(Policy):
    def can_create(self, user) -> bool:
        return has_role(user, Role.HUB_STAFF)

    def can_change(self, user, program) -> bool:
        return has_role(user, *PROGRAM_MANAGERS)

    def can_delete(self, user, program) -> bool:
        return has_role(user, Role.HUB_STAFF)


class ProjectPolicy(Policy):
    def visible(self, user, queryset):
        if has_role(user, *PROJECT_MANAGERS, *PROJECT_READERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(Q(is_public=True) | member_filter(user))
        return queryset.filter(is_public=True)

    def can_view(self, user, project) -> bool:
        return (
            project.is_public
            or has_role(user, *PROJECT_MANAGERS, *PROJECT_READERS)
            or is_member(user, project)
        )

    def can_see_members_only(self, user, project) -> bool:
        return has_role(user, *PROJECT_MANAGERS) or is_member(user, project)

    def can_create(self, user) -> bool:
        return has_role(user, *PROJECT_MANAGERS)

    def can_change(self, user, project) -> bool:
        if has_role(user, *PROJECT_MANAGERS):
            return True
        return user.is_authenticated and project.principal_investigator.user_id == user.pk

    def can_delete(self, user, project) -> bool:
        return has_role(user, *PROJECT_MANAGERS)


class MembershipPolicy(Policy):
    """Seen with their project (and only for people whose profile the viewer may see); added,
    changed and ended by those who manage the project."""

    def visible(self, user, queryset):
        if has_role(user, *PROJECT_MANAGERS):
            return queryset
        projects = project_policy.visible(user, Project.objects.all()).values("pk")
        people = person_policy.visible(user, Person.objects.all()).values("pk")
        return queryset.filter(project__in=projects, person__in=people)

    def can_view(self, user, membership) -> bool:
        return project_policy.can_view(user, membership.project) and person_policy.can_view(
            user, membership.person
        )

    def can_create(self, user) -> bool:
        # Whether a given project may be added to is checked against that project.
        return user.is_authenticated

    def can_create_in(self, user, project) -> bool:
        return project_policy.can_change(user, project)

    def can_change(self, user, membership) -> bool:
        return project_policy.can_change(user, membership.project)


class OutputPolicy(Policy):
    """An output is seen by whoever may see one of its projects (or by everyone when it belongs
    to none): an output of a members-only project stays with its members. Its authors, the
    members of its projects and the managers change it; managers merge duplicates."""

    def sees_all(self, user) -> bool:
        return has_role(user, *PROJECT_MANAGERS, *PROJECT_READERS)

    def visible(self, user, queryset):
        if self.sees_all(user):
            return queryset
        links = Output.projects.through.objects.filter(output_id=OuterRef("pk"))
        projects = project_policy.visible(user, Project.objects.all()).values("pk")
        return queryset.filter(~Exists(links) | Exists(links.filter(project_id__in=projects)))

    def can_view(self, user, output) -> bool:
        return self.visible(user, Output.objects.filter(pk=output.pk)).exists()

    def can_create(self, user) -> bool:
        return user.is_authenticated

    def can_change(self, user, output) -> bool:
        if has_role(user, *PROJECT_MANAGERS):
            return True
        if not user.is_authenticated or output.merged_into_id:
            return False
        return (
            output.authors.filter(person__user=user).exists()
            or output.projects.filter(member_filter(user)).exists()
        )

    def can_merge(self, user) -> bool:
        return has_role(user, *PROJECT_MANAGERS)


def linkable_projects(user):
    """The projects a user may add outputs to: the ones they work on, or all for managers."""
    if has_role(user, *PROJECT_MANAGERS):
        return Project.objects.all()
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(member_filter(user))


program_policy = ProgramPolicy()
project_policy = ProjectPolicy()
membership_policy = MembershipPolicy()
output_policy = OutputPolicy()


class MilestonePolicy(Policy):
    """Seen with their project (their description only by those who see its members-only
    parts); added, changed, completed and reopened by those who manage the project."""

    def visible(self, user, queryset):
        if has_role(user, *PROJECT_MANAGERS, *PROJECT_READERS):
            return queryset
        projects = project_policy.visible(user, Project.objects.all()).values("pk")
        return queryset.filter(project__in=projects)

    def can_view(self, user, milestone) -> bool:
        return project_policy.can_view(user, milestone.project)

    def can_see_description(self, user, milestone) -> bool:
        return project_policy.can_see_members_only(user, milestone.project)

    def can_create(self, user) -> bool:
        # Whether a given project may be added to is checked against that project.
        return user.is_authenticated

    def can_create_in(self, user, project) -> bool:
        return project_policy.can_change(user, project)

    def can_change(self, user, milestone) -> bool:
        return project_policy.can_change(user, milestone.project)


def sees_members_only_of(user):
    """`project -> bool`: whether the user sees the project's members-only parts, for a whole
    list in one query (the projects they work on or lead)."""
    if has_role(user, *PROJECT_MANAGERS):
        return lambda project: True
    if not user.is_authenticated:
        return lambda project: False
    mine = set(Project.objects.filter(member_filter(user)).values_list("pk", flat=True))
    return lambda project: project.pk in mine


milestone_policy = MilestonePolicy()
