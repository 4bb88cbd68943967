from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from nairl.common.api import PolicyViewSet, WritablePolicyViewSet

from ..domain.registrations import cancel_registration, check_in, register
from ..domain.talks import create_series, create_talk, update_series, update_talk
from ..filters import RegistrationFilter, SeriesFilter, TalkFilter
from ..models import Registration, Talk
from ..policies import registration_policy, series_policy, talk_policy
from .serializers import RegistrationSerializer, SeriesSerializer, TalkSerializer


class SeriesViewSet(WritablePolicyViewSet):
    """Seminar series: who organises them, with which partners, when they usually meet."""

    policy = series_policy
    serializer_class = SeriesSerializer
    filterset_class = SeriesFilter
    ordering = ("code", "id")
    create_operation = create_series
    update_operation = update_series

    prefetch_related = ("organisers", "partners")


class TalkViewSet(WritablePolicyViewSet):
    """Talks (times in UTC with the talk's own time zone); unpublished ones for their
    organisers only."""

    policy = talk_policy
    serializer_class = TalkSerializer
    filterset_class = TalkFilter
    ordering = ("start", "id")
    create_operation = create_talk
    update_operation = update_talk

    def base_queryset(self):
        # Seats counted by a subquery for each talk of the page (the page's LIMIT applies to
        # it), not by grouping every talk with all its registrations before paging.
        seated = (
            Registration.objects.filter(talk=OuterRef("pk"), status=Registration.Status.SEATED)
            .order_by()
            .values("talk")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Talk.objects.prefetch_related("keywords").annotate(
            seats_taken=Coalesce(Subquery(seated), 0)
        )

    def perform_create(self, serializer):
        series = serializer.validated_data["series"]
        if not series_policy.can_add_talk(self.request.user, series):
            raise PermissionDenied
        super().perform_create(serializer)


class RegistrationViewSet(mixins.CreateModelMixin, PolicyViewSet):
    """Registrations: one's own, and those of the talks one runs. Signed-in people register
    here (with their account's email a seat is given at once; another email is confirmed by
    the link sent to it)."""

    policy = registration_policy
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering = ("id",)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = register(
            talk=data["talk"],
            name=data["name"],
            email=data["email"],
            language=data.get("language") or self.request.user.language,
            user=self.request.user,
            by=self.request.user,
        )

    def registration(self, pk):
        return get_object_or_404(self.get_queryset().select_related("talk__series"), pk=pk)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Gives the place up; a freed seat goes to the first on the waiting list."""
        registration = self.registration(pk)
        if not registration_policy.can_cancel(request.user, registration):
            raise PermissionDenied
        registration = cancel_registration(registration=registration, by=request.user)
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in")
    def check_in(self, request, pk=None):
        """Marks the registrant present at the door (organisers)."""
        registration = self.registration(pk)
        if not registration_policy.can_change(request.user, registration):
            raise PermissionDenied
        registration = check_in(registration=registration, by=request.user)
        return Response(RegistrationSerializer(registration).data)
