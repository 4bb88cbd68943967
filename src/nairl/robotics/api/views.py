from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from nairl.common.api import RESERVED_PARAMETERS, StrictFilterBackend
from nairl.common.permissions import Policy
from nairl.robotics.domain.evaluations import queue_evaluation, suite_names
from nairl.robotics.domain.leaderboard import board
from nairl.robotics.harness.suites import CAPABILITIES
from nairl.robotics.models import Evaluation, RobotPolicy, Team
from nairl.robotics.policies import (
    evaluation_policy,
    forget_teams,
    robot_policy_policy,
    team_policy,
)

from .filters import EvaluationFilter, RobotPolicyFilter
from .serializers import (
    EvaluationDetailSerializer,
    EvaluationSerializer,
    LeaderboardSerializer,
    RobotPolicySerializer,
    TeamSerializer,
)


class WritableViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    filter_backends = [StrictFilterBackend]
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return self.policy.visible(self.request.user, self.base_queryset())

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()


class TeamViewSet(WritableViewSet):
    """Project teams that register robot policies. Members are shown to the team only."""

    serializer_class = TeamSerializer
    policy = team_policy

    def base_queryset(self):
        return Team.objects.prefetch_related("members")

    def perform_create(self, serializer):
        with transaction.atomic():
            team = serializer.save()
            team.members.add(self.request.user)  # the founder is a member
        forget_teams(self.request.user)


class RobotPolicyViewSet(WritableViewSet):
    """Robot policies (factory entry points). Private ones are listed for their team only."""

    serializer_class = RobotPolicySerializer
    filterset_class = RobotPolicyFilter
    policy = robot_policy_policy

    def base_queryset(self):
        return RobotPolicy.objects.all()

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()


class EvaluationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Evaluations: queue one (POST), follow its status, read its results."""

    filter_backends = [StrictFilterBackend]
    filterset_class = EvaluationFilter
    policy = evaluation_policy
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        evaluations = Evaluation.objects.all()
        if self.action == "list":
            evaluations = evaluations.defer(*Evaluation.LIST_DEFERRED)
        elif self.action == "retrieve":
            evaluations = evaluations.defer("report").prefetch_related(
                Prefetch("capability_scores"), Prefetch("task_results")
            )
        return self.policy.visible(self.request.user, evaluations)

    def get_serializer_class(self):
        return EvaluationDetailSerializer if self.action == "retrieve" else EvaluationSerializer

    def perform_create(self, serializer):
        policy = serializer.validated_data["policy"]
        if not evaluation_policy.can_evaluate(self.request.user, policy):
            raise exceptions.PermissionDenied(_("Only the policy's team can evaluate it."))
        evaluation = Evaluation(**serializer.validated_data, created_by=self.request.user)
        serializer.instance = queue_evaluation(evaluation)


class LeaderboardView(APIView):
    """Ranked entries of a suite (overall) or of one capability, with statistical ties.

    Parameters: `suite` (required), `hash` (default: the suite's current definition, else the
    most populated), `capability` (optional). Only equal suite hashes are compared.
    """

    policy = Policy()  # public; entries are filtered by the viewer's permissions
    known = {"suite", "hash", "capability"}

    @extend_schema(
        parameters=[
            OpenApiParameter("suite", str, required=True),
            OpenApiParameter("hash", str),
            OpenApiParameter("capability", str, enum=list(CAPABILITIES)),
        ],
        responses=LeaderboardSerializer,
    )
    def get(self, request):
        params = request.query_params
        unknown = sorted(set(params) - self.known - RESERVED_PARAMETERS)
        errors = {
            name: [_("Unknown parameter. Known: capability, hash, suite.")] for name in unknown
        }
        suite, capability = params.get("suite", ""), params.get("capability") or None
        if suite not in suite_names():
            errors["suite"] = [
                _("Choose a suite: %(names)s.") % {"names": ", ".join(suite_names())}
            ]
        if capability is not None and capability not in CAPABILITIES:
            errors["capability"] = [
                _("Choose a capability: %(names)s.") % {"names": ", ".join(CAPABILITIES)}
            ]
        if errors:
            raise exceptions.ValidationError(errors)
        visible = evaluation_policy.visible(request.user, Evaluation.objects.all())
        result = board(visible, suite, params.get("hash") or None, capability)
        return Response(
            {
                "suite": result.suite,
                "capability": result.capability,
                "suite_hash": result.suite_hash,
                "current_hash": result.current_hash,
                "hashes": result.hashes,
                "entries": [
                    {
                        "position": row.position,
                        "rank": row.rank,
                        "tied": row.tied,
                        "tied_with": row.tied_with,
                        "tied_with_leader": row.tied_with_leader,
                        "evaluation": row.entry.key,
                        "policy": {
                            "id": row.entry.data["policy_id"],
                            "name": row.entry.data["policy__name"],
                            "version": row.entry.data["policy__version"],
                            "team": row.entry.data["policy__team_id"],
                            "is_public": row.entry.data["policy__is_public"],
                        },
                        "score": {
                            "mean": row.entry.mean,
                            "low": row.entry.low,
                            "high": row.entry.high,
                            "n": row.entry.data["n"],
                        },
                        "finished_at": row.entry.data["finished_at"],
                    }
                    for row in result.entries
                ],
            }
        )
