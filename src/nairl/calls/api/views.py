from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action

from nairl.common.api import PolicyViewSet, WritablePolicyViewSet

from ..domain import applications as verbs
from ..domain.calls import save_call
from ..domain.refusals import refuse
from ..domain.reviews import save_review
from ..filters import ApplicationFilter, AssignmentFilter, CallFilter, ReviewFilter
from ..models import Assignment, Review
from ..policies import (
    application_policy,
    assignment_policy,
    call_policy,
    is_manager,
    review_policy,
)
from .serializers import (
    ApplicationSerializer,
    AssignmentListSerializer,
    AssignmentSerializer,
    CallSerializer,
    ReviewSerializer,
)


class CallViewSet(WritablePolicyViewSet):
    """Calls for applications, with their questions and review criteria."""

    policy = call_policy
    serializer_class = CallSerializer
    filterset_class = CallFilter
    ordering = ("-closes_at", "-id")
    create_operation = save_call
    update_operation = save_call

    prefetch_related = ("questions", "criteria")


class HiddenIsMissing:
    """An object the requester may not see answers 404, and the attempt is recorded."""

    what = ""

    def get_object(self):
        pk = self.kwargs["pk"]
        if not str(pk).isdigit() or int(pk) > 2**63 - 1:
            raise Http404
        visible = self.get_queryset().filter(pk=pk).first()
        if visible is None:
            if self.get_queryset().model.objects.filter(pk=pk).exists():
                raise refuse(self.request, self.what, pk)
            raise Http404
        self.check_object_permissions(self.request, visible)
        return visible


class ApplicationViewSet(HiddenIsMissing, WritablePolicyViewSet):
    """The requester's own applications (managers: every submitted one). Create a draft with
    the call's id, fill it with `answers` (question field → value), then `submit`."""

    what = "application"
    policy = application_policy
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    ordering = ("-id",)

    select_related = ("call",)
    prefetch_related = ("expertise",)

    def perform_create(self, serializer):
        data = serializer.validated_data
        with transaction.atomic():
            application = verbs.start_application(call=data["call"], by=self.request.user)
            application.title = data.get("title", "")
            serializer.instance = verbs.save_application(
                application=application,
                answers=data.get("answers", {}),
                expertise=data.get("expertise"),
                by=self.request.user,
            )

    def perform_update(self, serializer):
        data = serializer.validated_data
        application = serializer.instance
        if "title" in data:
            application.title = data["title"]
        with transaction.atomic():
            serializer.instance = verbs.save_application(
                application=application,
                answers=data.get("answers", {}),
                expertise=data.get("expertise"),
                by=self.request.user,
            )

    def transition(self, request, verb):
        application = self.get_object()
        if application.applicant_id != request.user.pk:
            raise exceptions.PermissionDenied
        return self.act(verb, application)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submits the draft (before the deadline, with every required answer)."""
        return self.transition(request, verbs.submit_application)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self.transition(request, verbs.withdraw_application)


class AssignmentViewSet(HiddenIsMissing, PolicyViewSet):
    """The requester's review assignments (managers: all), with the application as its
    reviewers see it: for a blind call, nothing that names the applicant."""

    what = "assignment"
    policy = assignment_policy
    serializer_class = AssignmentSerializer
    list_serializer_class = AssignmentListSerializer
    filterset_class = AssignmentFilter
    ordering = ("-id",)

    def base_queryset(self):
        queryset = Assignment.objects.select_related("application", "review")
        if self.action == "retrieve":
            queryset = queryset.select_related(
                "application__call", "application__applicant", "application__person"
            ).prefetch_related("application__expertise", "application__attachments")
        if not self.request.user.is_authenticated:
            return queryset.none()
        if not is_manager(self.request.user):
            queryset = queryset.filter(reviewer=self.request.user)
        return queryset


class ReviewViewSet(HiddenIsMissing, WritablePolicyViewSet):
    """The requester's own reviews (managers read all)."""

    what = "review"
    policy = review_policy
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    ordering = ("-id",)

    select_related = ("assignment__application", "assignment__call")

    def write(self, serializer, review):
        data = serializer.validated_data
        for name in ("confidence", "comment_to_applicant", "comment_to_committee"):
            if name in data:
                setattr(review, name, data[name])
        with transaction.atomic():
            serializer.instance = save_review(
                review=review,
                scores=data.get("scores", review.scores),
                submit=data.get("submit", False),
                by=self.request.user,
            )

    def perform_create(self, serializer):
        assignment = serializer.validated_data["assignment"]
        visible = assignment_policy.visible(
            self.request.user,
            Assignment.objects.filter(pk=assignment.pk, reviewer=self.request.user),
        )
        if not visible.exists():
            refuse(self.request, "assignment", assignment.pk)
            raise exceptions.ValidationError(
                {"assignment": [_("The object with this id does not exist.")]}
            )
        if Review.objects.filter(assignment=assignment).exists():
            raise exceptions.ValidationError(
                {"assignment": [_("This assignment already has a review; change it.")]}
            )
        self.write(serializer, Review(assignment=assignment))

    def perform_update(self, serializer):
        if (
            "assignment" in serializer.validated_data
            and serializer.validated_data["assignment"] != serializer.instance.assignment
        ):
            raise exceptions.ValidationError(
                {"assignment": [_("A review stays with its assignment.")]}
            )
        self.write(serializer, serializer.instance)
