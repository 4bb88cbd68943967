"""The building's pages: floors, rooms (with their bookings), desks, and closed days."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from nairl.common.actions import ObjectActionView
from nairl.common.bilingual import active_language
from nairl.common.dates import public_holidays
from nairl.common.pages import ObjectCreateView, ObjectDetailView, ObjectListView

from ..domain.calendar import hub_today, reopen_day
from ..filters import ClosedDayFilter, DeskFilter, FloorFilter, RoomFilter
from ..forms import ClosedDayForm
from ..models import ClosedDay, Desk, Floor, Room
from ..models.bookings import HOLDING
from ..policies import room_booking_policy, space_policy

BOOKINGS_AHEAD = datetime.timedelta(days=14)


def with_desk_counts(queryset, path: str = "desks"):
    return queryset.annotate(
        desk_count=Count(path, distinct=True),
        bookable_desk_count=Count(path, filter=Q(**{f"{path}__is_bookable": True}), distinct=True),
    )


class FloorListView(ObjectListView):
    model = Floor
    policy = space_policy
    filterset_class = FloorFilter
    template_name = "residency/floor_list.html"
    key_field = "level"
    login_required = True

    def get_queryset(self):
        return with_desk_counts(Floor.objects.all(), "rooms__desks").annotate(
            room_count=Count("rooms", distinct=True)
        )


class FloorDetailView(ObjectDetailView):
    model = Floor
    policy = space_policy
    template_name = "residency/floor_detail.html"
    context_object_name = "floor"
    login_required = True

    def get_extra_context(self, request, *, floor, **context):
        return {"rooms": with_desk_counts(floor.rooms.all())}


class RoomListView(ObjectListView):
    model = Room
    policy = space_policy
    filterset_class = RoomFilter
    template_name = "residency/room_list.html"
    key_field = "code"
    login_required = True

    def get_queryset(self):
        return with_desk_counts(Room.objects.select_related("floor"))


class RoomDetailView(ObjectDetailView):
    model = Room
    policy = space_policy
    template_name = "residency/room_detail.html"
    context_object_name = "room"
    login_required = True

    select_related = ("floor",)

    def get_extra_context(self, request, *, room, **context):
        now = timezone.now()
        bookings = list(
            room.bookings.filter(
                status__in=HOLDING, ends_at__gt=now, starts_at__lt=now + BOOKINGS_AHEAD
            ).select_related("booked_by")
        )
        for booking in bookings:
            booking.can_change = room_booking_policy.can_change(request.user, booking)
        return {
            "bookings": bookings,
            "desks": room.desks.select_related("assigned_to"),
            "can_book": room.is_bookable and room_booking_policy.can_create(request.user),
        }


class DeskListView(ObjectListView):
    model = Desk
    policy = space_policy
    filterset_class = DeskFilter
    template_name = "residency/desk_list.html"
    key_field = "code"
    login_required = True

    select_related = ("room__floor", "assigned_to")


class ClosedDayListView(ObjectListView):
    """The days the hub is closed: those staff added, and the year's public holidays."""

    model = ClosedDay
    policy = space_policy
    filterset_class = ClosedDayFilter
    template_name = "residency/closed_days.html"
    key_field = "day"
    login_required = True

    def get_extra_context(self, request, **context):
        year = hub_today().year
        if context.get("filter") is not None and context["filter"].is_valid():
            year = int(context["filter"].form.cleaned_data.get("year") or year)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return {"year": year, "holidays": public_holidays(first, last, active_language())}


class ClosedDayCreateView(ObjectCreateView):
    model = ClosedDay
    policy = space_policy
    form_class = ClosedDayForm
    template_name = "residency/closed_day_form.html"

    def success_url(self, saved):
        return reverse("residency:closed-days")


class ClosedDayDeleteView(ObjectActionView):
    """Opens the hub again on a day staff had closed."""

    model = ClosedDay
    policy = space_policy
    success_message = gettext_lazy("The day is open again.")

    def act(self, request, closed_day):
        reopen_day(closed_day=closed_day, by=request.user)

    def success_url(self, obj):
        return reverse("residency:closed-days")
