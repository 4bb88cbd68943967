from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from nairl.common.api import WritablePolicyViewSet

from ..domain.outputs import create_output, update_output
from ..domain.projects import add_member, create_project, update_member, update_project
from ..filters import MembershipFilter, OutputFilter, ProgramFilter, ProjectFilter
from ..models import Membership, Output, OutputAuthor, Program, Project
from ..policies import (
    membership_policy,
    output_policy,
    program_policy,
    project_policy,
    with_viewer_membership,
)
from .serializers import (
    MembershipSerializer,
    OutputSerializer,
    ProgramSerializer,
    ProjectSerializer,
)


class ProgramViewSet(WritablePolicyViewSet):
    """Research programs (the two flagships and any others)."""

    policy = program_policy
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter
    ordering = ("code", "id")

    def base_queryset(self):
        return Program.objects.all()


class ProjectViewSet(WritablePolicyViewSet):
    """Research projects. Members-only notes read as null to everyone else."""

    policy = project_policy
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering = ("sort_title", "id")
    create_operation = create_project
    update_operation = update_project

    def base_queryset(self):
        return with_viewer_membership(
            self.request.user, Project.objects.prefetch_related("partners", "keywords")
        )

    def get_serializer_context(self):
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "can_see_members_only": lambda project: project_policy.can_see_members_only(
                user, project
            ),
        }


class MembershipViewSet(WritablePolicyViewSet):
    """Who works on which project, when, with which CRediT roles."""

    policy = membership_policy
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    ordering = ("id",)
    create_operation = add_member
    update_operation = update_member

    def base_queryset(self):
        return Membership.objects.select_related("project__principal_investigator")

    def perform_create(self, serializer):
        if not membership_policy.can_create_in(
            self.request.user, serializer.validated_data["project"]
        ):
            raise PermissionDenied
        super().perform_create(serializer)


class OutputViewSet(WritablePolicyViewSet):
    """Research outputs with their authors in order (merged duplicates are not listed)."""

    policy = output_policy
    serializer_class = OutputSerializer
    filterset_class = OutputFilter
    ordering = ("-year", "-id")
    create_operation = create_output
    update_operation = update_output

    def base_queryset(self):
        authors = Prefetch("authors", queryset=OutputAuthor.objects.order_by("position"))
        queryset = Output.objects.prefetch_related(authors, "projects")
        if self.action == "list":
            return queryset.filter(merged_into__isnull=True)
        return queryset

    def operation_arguments(self, serializer):
        rows = serializer.validated_data.pop("authors", None)
        arguments = super().operation_arguments(serializer)
        arguments["authors"] = None if rows is None else [OutputAuthor(**row) for row in rows]
        return arguments
