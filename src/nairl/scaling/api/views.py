from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from nairl.common.api import PolicyViewSet, WritablePolicyViewSet
from nairl.common.imports import ImportRefused
from nairl.common.pages import visible_or_404
from nairl.scaling.domain.jobs import start_analysis
from nairl.scaling.domain.runs import add_runs
from nairl.scaling.domain.studies import create_study, update_study
from nairl.scaling.filters import ComparisonFilter, FitFilter, RunFilter, StudyFilter
from nairl.scaling.models import Comparison, Fit, Run, Study
from nairl.scaling.policies import part_policy, study_policy

from .serializers import (
    ComparisonDetailSerializer,
    ComparisonSerializer,
    FitDetailSerializer,
    FitSerializer,
    RunsAddedSerializer,
    RunSerializer,
    RunsRefusedSerializer,
    StudyListSerializer,
    StudySerializer,
)


class StudyViewSet(WritablePolicyViewSet):
    """Scaling studies. Private ones are listed only for their owner, members, program
    directors and administrators; to anyone else they do not exist (404)."""

    policy = study_policy
    filterset_class = StudyFilter
    serializer_class = StudySerializer
    list_serializer_class = StudyListSerializer
    ordering = ("-created_at", "-id")
    create_operation = create_study
    update_operation = update_study

    def base_queryset(self):
        studies = Study.objects.select_related("owner")
        if self.action == "list":
            return studies.annotate(run_count=Count("runs"))
        return studies.prefetch_related("members")

    def operation_arguments(self, serializer):
        arguments = super().operation_arguments(serializer)
        arguments.setdefault("members", () if serializer.instance is None else None)
        return arguments


class StudyRunsViewSet(PolicyViewSet):
    """A study's training runs: list them, or add a list of them at once (all or none)."""

    serializer_class = RunSerializer
    policy = part_policy
    filterset_class = RunFilter
    ordering = ("id",)

    def study(self) -> Study:
        return visible_or_404(
            study_policy, self.request.user, Study.objects, pk=self.kwargs["study_pk"]
        )

    def base_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no study
            return Run.objects.none()
        return self.study().runs.all()

    @extend_schema(
        request=RunSerializer(many=True),
        responses={201: RunsAddedSerializer, 400: RunsRefusedSerializer},
    )
    def create(self, request, study_pk):
        study = self.study()
        if not part_policy.can_create_in(request.user, study):
            raise PermissionDenied
        items = request.data.get("runs") if isinstance(request.data, dict) else request.data
        try:
            report = add_runs(study=study, items=items)
        except ImportRefused as refusal:
            body = RunsRefusedSerializer({"errors": refusal.report.problems}).data
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        body = RunsAddedSerializer({"created": report.created}).data
        return Response(body, status=status.HTTP_201_CREATED)


class JobViewSet(WritablePolicyViewSet):
    """Fits and comparisons: created (and started) or read; never changed."""

    policy = part_policy
    ordering = ("-created_at", "-id")
    http_method_names = ["get", "post", "head", "options"]
    create_operation = start_analysis
    object_argument = "job"
    model = None

    def base_queryset(self):
        jobs = self.model.objects.select_related("created_by")
        return jobs.defer(*self.model.HEAVY) if self.action == "list" else jobs


class FitViewSet(JobViewSet):
    """Fits of a law to a study's runs (one group or all), run in the background. Create one and
    read it back: `status` goes queued → running → done (with `result` and `plots`) or failed
    (with `error`)."""

    model = Fit
    filterset_class = FitFilter
    serializer_class = FitDetailSerializer
    list_serializer_class = FitSerializer


class ComparisonViewSet(JobViewSet):
    """Method-versus-baseline comparisons: the effective compute multiplier with its interval."""

    model = Comparison
    filterset_class = ComparisonFilter
    serializer_class = ComparisonDetailSerializer
    list_serializer_class = ComparisonSerializer
