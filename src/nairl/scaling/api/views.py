from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from nairl.common.api import StrictFilterBackend
from nairl.scaling.domain.jobs import start
from nairl.scaling.domain.runs import RunsRefused, add_runs_from_api
from nairl.scaling.models import Comparison, Fit, Run, Study
from nairl.scaling.policies import part_policy, study_policy

from .filters import ComparisonFilter, FitFilter, RunFilter, StudyFilter
from .serializers import (
    ComparisonDetailSerializer,
    ComparisonSerializer,
    FitDetailSerializer,
    FitSerializer,
    RunSerializer,
    StudyListSerializer,
    StudySerializer,
)


class StudyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Scaling studies. Private ones are listed only for their owner, members, program
    directors and administrators; to anyone else they do not exist (404)."""

    policy = study_policy
    filterset_class = StudyFilter
    filter_backends = [StrictFilterBackend]
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        studies = study_policy.visible(self.request.user, Study.objects.select_related("owner"))
        if self.action == "list":
            return studies.annotate(run_count=Count("runs"))
        return studies.prefetch_related("members")

    def get_serializer_class(self):
        return StudyListSerializer if self.action == "list" else StudySerializer

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save(owner=self.request.user)

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()


class StudyRunsViewSet(viewsets.GenericViewSet):
    """A study's training runs: list them, or add a list of them at once (all or none)."""

    serializer_class = RunSerializer
    policy = part_policy
    filterset_class = RunFilter
    filter_backends = [StrictFilterBackend]
    ordering = ("id",)

    def study(self) -> Study:
        study = get_object_or_404(
            study_policy.visible(self.request.user, Study.objects.all()), pk=self.kwargs["study_pk"]
        )
        return study

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no study
            return Run.objects.none()
        return self.study().runs.all()

    def list(self, request, study_pk):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, study_pk):
        study = self.study()
        if not part_policy.can_create_in(request.user, study):
            raise PermissionDenied
        items = request.data.get("runs") if isinstance(request.data, dict) else request.data
        try:
            report = add_runs_from_api(study, items)
        except RunsRefused as refusal:
            return Response(
                {"errors": [p.as_api() for p in refusal.report.errors]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"created": report.created}, status=status.HTTP_201_CREATED)


class JobViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    policy = part_policy
    filter_backends = [StrictFilterBackend]
    ordering = ("-created_at", "-id")
    model = None

    def get_queryset(self):
        jobs = self.model.objects.select_related("created_by")
        if self.action == "list":
            jobs = jobs.defer(*self.model.HEAVY)
        return part_policy.visible(self.request.user, jobs)

    def get_serializer_class(self):
        return self.detail_serializer if self.action == "retrieve" else self.list_serializer

    def perform_create(self, serializer):
        job = serializer.save(created_by=self.request.user)
        start(job)


class FitViewSet(JobViewSet):
    """Fits of a law to a study's runs (one group or all), run in the background. Create one and
    read it back: `status` goes queued → running → done (with `result` and `plots`) or failed
    (with `error`)."""

    model = Fit
    filterset_class = FitFilter
    list_serializer = FitSerializer
    detail_serializer = FitDetailSerializer


class ComparisonViewSet(JobViewSet):
    """Method-versus-baseline comparisons: the effective compute multiplier with its interval."""

    model = Comparison
    filterset_class = ComparisonFilter
    list_serializer = ComparisonSerializer
    detail_serializer = ComparisonDetailSerializer
