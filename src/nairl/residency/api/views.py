"""The residency API: spaces, stays (with their status and checklist), desk and room bookings —
the same policies and domain verbs as the pages."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from nairl.common.api import WritablePolicyViewSet
from nairl.common.permissions import RolePermission

from ..domain.desks import book_desk, cancel_booking, check_in
from ..domain.rooms import book_room, cancel_room_booking, conflicts
from ..domain.stays import change_status, create_stay, update_checklist_item, update_stay
from ..filters import (
    ChecklistItemFilter,
    ClosedDayFilter,
    DeskBookingFilter,
    DeskFilter,
    FloorFilter,
    RoomBookingFilter,
    RoomFilter,
    StayFilter,
)
from ..policies import (
    checklist_policy,
    desk_booking_policy,
    room_booking_policy,
    space_policy,
    stay_policy,
)
from .serializers import (
    ChecklistItemSerializer,
    ClosedDaySerializer,
    DeskBookingSerializer,
    DeskSerializer,
    FloorSerializer,
    RoomBookingSerializer,
    RoomSerializer,
    RoomTimeSerializer,
    StatusSerializer,
    StaySerializer,
)


class SignedInViewSet(WritablePolicyViewSet):
    """Everything of the residency is for signed-in people: others get 401, not an empty list."""

    permission_classes = [IsAuthenticated, RolePermission]


class FloorViewSet(SignedInViewSet):
    """The hub's floors."""

    policy = space_policy
    serializer_class = FloorSerializer
    filterset_class = FloorFilter
    ordering = ("level", "id")


class RoomViewSet(SignedInViewSet):
    """Rooms: meeting and seminar rooms, open-plan areas, offices."""

    policy = space_policy
    serializer_class = RoomSerializer
    filterset_class = RoomFilter
    ordering = ("code", "id")


class DeskViewSet(SignedInViewSet):
    """Desks with their features."""

    policy = space_policy
    serializer_class = DeskSerializer
    filterset_class = DeskFilter
    ordering = ("code", "id")


class ClosedDayViewSet(SignedInViewSet):
    """Days the hub is closed besides weekends and Korean public holidays."""

    policy = space_policy
    serializer_class = ClosedDaySerializer
    filterset_class = ClosedDayFilter
    ordering = ("day", "id")


class StayViewSet(SignedInViewSet):
    """Visiting researchers' stays: their visitor, host, staff see them; staff change them."""

    policy = stay_policy
    serializer_class = StaySerializer
    filterset_class = StayFilter
    ordering = ("-start", "-id")
    create_operation = create_stay
    update_operation = update_stay

    select_related = ("visitor", "host")

    @extend_schema(request=StatusSerializer, responses=StaySerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Moves the stay to its next status (checked: order, checklist, dates)."""
        stay = self.get_object()
        if not stay_policy.can_change(request.user, stay):
            raise PermissionDenied
        wanted = StatusSerializer(data=request.data)
        wanted.is_valid(raise_exception=True)
        with transaction.atomic():
            stay = change_status(stay=stay, to=wanted.validated_data["status"], by=request.user)
        return Response(StaySerializer(stay, context=self.get_serializer_context()).data)


class ChecklistItemViewSet(SignedInViewSet):
    """Onboarding checklist items; settled by their owner or staff."""

    policy = checklist_policy
    serializer_class = ChecklistItemSerializer
    filterset_class = ChecklistItemFilter
    ordering = ("due", "id")
    update_operation = update_checklist_item
    object_argument = "item"
    http_method_names = ["get", "patch", "put", "head", "options"]

    select_related = ("stay__visitor", "stay__host")


class DeskBookingViewSet(SignedInViewSet):
    """Desk bookings, one per desk and day; the database refuses a second one."""

    policy = desk_booking_policy
    serializer_class = DeskBookingSerializer
    filterset_class = DeskBookingFilter
    ordering = ("day", "id")
    object_argument = "booking"
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        stay = data["stay"]
        if not stay_policy.can_book_desks(self.request.user, stay):
            raise PermissionDenied
        with transaction.atomic():
            serializer.instance = book_desk(
                stay=stay, desk=data["desk"], day=data["day"], by=self.request.user
            )

    @extend_schema(request=None, responses=DeskBookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancels the day (for a recurring booking: skips it; it can be re-added)."""
        return self.act(cancel_booking)

    @extend_schema(request=None, responses=DeskBookingSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Checks in on the day (unchecked desks are released at the check-in hour)."""
        return self.act(check_in)


class RoomBookingViewSet(SignedInViewSet):
    """Room bookings and pre-bookings; both hold the room. The seminars module books here."""

    policy = room_booking_policy
    serializer_class = RoomBookingSerializer
    filterset_class = RoomBookingFilter
    ordering = ("starts_at", "id")
    create_operation = book_room
    object_argument = "booking"
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=None, responses=RoomBookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.act(cancel_room_booking)

    @extend_schema(request=RoomTimeSerializer, responses=RoomBookingSerializer(many=True))
    @action(detail=False, methods=["post"])
    def conflicts(self, request):
        """What holds a room at a time, before booking it (nothing is saved)."""
        asked = RoomTimeSerializer(data=request.data, context=self.get_serializer_context())
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        found = conflicts(data["room"], data["starts_at"], data["ends_at"])
        return Response(self.get_serializer(found, many=True).data)
