from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from nairl.common.api import RESERVED_PARAMETERS, WritablePolicyViewSet
from nairl.common.permissions import Policy
from nairl.robotics.domain.evaluations import start_evaluation
from nairl.robotics.domain.leaderboard import board
from nairl.robotics.domain.teams import save_team
from nairl.robotics.filters import EvaluationFilter, RobotPolicyFilter
from nairl.robotics.models import Evaluation
from nairl.robotics.policies import evaluation_policy, robot_policy_policy, team_policy

from .serializers import (
    EvaluationDetailSerializer,
    EvaluationSerializer,
    LeaderboardQuerySerializer,
    LeaderboardSerializer,
    RobotPolicySerializer,
    TeamSerializer,
)


class TeamViewSet(WritablePolicyViewSet):
    """Project teams that register robot policies. Members are shown to the team only."""

    serializer_class = TeamSerializer
    policy = team_policy
    ordering = ("-created_at", "-id")
    create_operation = save_team
    update_operation = save_team

    prefetch_related = ("members",)


class RobotPolicyViewSet(WritablePolicyViewSet):
    """Robot policies (factory entry points). Private ones are listed for their team only."""

    serializer_class = RobotPolicySerializer
    filterset_class = RobotPolicyFilter
    policy = robot_policy_policy
    ordering = ("-created_at", "-id")


class EvaluationViewSet(WritablePolicyViewSet):
    """Evaluations: queue one (POST), follow its status, read its results."""

    filterset_class = EvaluationFilter
    policy = evaluation_policy
    ordering = ("-created_at", "-id")
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = EvaluationDetailSerializer
    list_serializer_class = EvaluationSerializer
    create_operation = start_evaluation

    def base_queryset(self):
        evaluations = Evaluation.objects.all()
        if self.action == "list":
            return evaluations.defer(*Evaluation.LIST_DEFERRED)
        return evaluations.defer("report").prefetch_related(
            Prefetch("capability_scores"), Prefetch("task_results")
        )

    def get_serializer_class(self):
        return EvaluationSerializer if self.action == "create" else super().get_serializer_class()

    def perform_create(self, serializer):
        policy = serializer.validated_data["policy"]
        if not evaluation_policy.can_evaluate(self.request.user, policy):
            raise exceptions.PermissionDenied(_("Only the policy's team can evaluate it."))
        super().perform_create(serializer)


class LeaderboardView(APIView):
    """Ranked entries of a suite (overall) or of one capability, with statistical ties.

    Parameters: `suite` (required), `hash` (default: the suite's current definition, else the
    most populated), `capability` (optional). Only equal suite hashes are compared.
    """

    policy = Policy()  # public; entries are filtered by the viewer's permissions

    @extend_schema(parameters=[LeaderboardQuerySerializer], responses=LeaderboardSerializer)
    def get(self, request):
        query = LeaderboardQuerySerializer(data=request.query_params)
        known = set(query.fields)
        unknown = sorted(set(request.query_params) - known - RESERVED_PARAMETERS)
        errors = {
            name: [_("Unknown parameter. Known: %(known)s.") % {"known": ", ".join(sorted(known))}]
            for name in unknown
        }
        if not query.is_valid():
            errors.update(query.errors)
        if errors:
            raise exceptions.ValidationError(errors)
        visible = evaluation_policy.visible(request.user, Evaluation.objects.all())
        params = query.validated_data
        result = board(
            visible, params["suite"], params.get("hash") or None, params.get("capability")
        )
        return Response(LeaderboardSerializer(result).data)
