from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from nairl.common.api import WritablePolicyViewSet

from ..domain.outputs import create_output, update_output
from ..domain.projects import add_member, create_project, update_member, update_project
from ..filters import MembershipFilter, OutputFilter, ProgramFilter, ProjectFilter
from ..models import Output, OutputAuthor, Project
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

    select_related = ("project__principal_investigator",)

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


# Milestones: listed and changed like the rest; completed and reopened through their actions.
from django.db import transaction  # noqa: E402
from drf_spectacular.utils import extend_schema  # noqa: E402
from rest_framework.decorators import action  # noqa: E402
from rest_framework.response import Response  # noqa: E402

from ..domain.milestones import (  # noqa: E402
    add_milestone,
    complete_milestone,
    edit_milestone,
    reopen_milestone,
)
from ..filters import MilestoneFilter  # noqa: E402
from ..models import Milestone  # noqa: E402
from ..policies import milestone_policy, sees_members_only_of  # noqa: E402
from .serializers import CompleteMilestoneSerializer, MilestoneSerializer  # noqa: E402


class MilestoneViewSet(WritablePolicyViewSet):
    """Project milestones in due order. Descriptions read as null to those who see no
    members-only part of the project."""

    policy = milestone_policy
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering = ("due", "id")
    create_operation = add_milestone
    update_operation = edit_milestone

    select_related = ("project__principal_investigator",)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "can_see_members_only": sees_members_only_of(self.request.user),
        }

    def perform_create(self, serializer):
        if not milestone_policy.can_create_in(
            self.request.user, serializer.validated_data["project"]
        ):
            raise PermissionDenied
        super().perform_create(serializer)

    def operation_arguments(self, serializer):
        arguments = super().operation_arguments(serializer)
        if self.action == "create":
            arguments["project"] = arguments["milestone"].project
        return arguments

    def changeable(self, request) -> Milestone:
        milestone = self.get_object()
        if not milestone_policy.can_change(request.user, milestone):
            raise PermissionDenied
        return milestone

    def changed(self, milestone, operation, **arguments):
        with transaction.atomic():
            milestone = operation(milestone=milestone, by=self.request.user, **arguments)
        return Response(self.get_serializer(milestone).data)

    @extend_schema(request=CompleteMilestoneSerializer, responses=MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """Marks the milestone done, today or `on` a given date (not before the project)."""
        milestone = self.changeable(request)
        wanted = CompleteMilestoneSerializer(data=request.data)
        wanted.is_valid(raise_exception=True)
        return self.changed(milestone, complete_milestone, on=wanted.validated_data.get("on"))

    @extend_schema(request=None, responses=MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self.changed(self.changeable(request), reopen_milestone)
