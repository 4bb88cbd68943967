"""One FilterSet per listed object, for its page and its API endpoint."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import CountryFilter, HubFilterSet, IdFilter, WordsFilter
from nairl.research.models import Program

from .models import (
    BookingStatus,
    ChecklistItem,
    ClosedDay,
    Desk,
    DeskBooking,
    DeskFeature,
    Floor,
    Room,
    RoomBooking,
    Stay,
    StayStatus,
)

MAX_WORDS = 6  # names are short: more words than this are not a name


class FloorFilter(HubFilterSet):
    class Meta:
        model = Floor
        fields = []


class RoomFilter(HubFilterSet):
    floor = IdFilter(field_name="floor_id", label=_("Floor id"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Room.Kind.choices, empty_label=_("Any")
    )
    bookable = django_filters.BooleanFilter(field_name="is_bookable", label=_("Bookable"))
    min_capacity = django_filters.NumberFilter(
        field_name="capacity",
        lookup_expr="gte",
        label=_("At least seats"),
        min_value=1,
        max_value=10000,
    )

    class Meta:
        model = Room
        fields = ["floor", "kind", "bookable", "min_capacity"]


class DeskFilter(HubFilterSet):
    floor = IdFilter(field_name="room__floor_id", label=_("Floor id"))
    room = IdFilter(field_name="room_id", label=_("Room id"))
    feature = django_filters.ChoiceFilter(
        label=_("Feature"), choices=DeskFeature.choices, empty_label=_("Any"), method="by_feature"
    )
    bookable = django_filters.BooleanFilter(field_name="is_bookable", label=_("Bookable"))

    class Meta:
        model = Desk
        fields = ["floor", "room", "feature", "bookable"]

    def by_feature(self, queryset, name, value):
        # JSON lists: a quoted code inside the list's text works on SQLite and PostgreSQL alike.
        return queryset.filter(features__icontains=f'"{value}"')


class StayFilter(HubFilterSet):
    q = WordsFilter(
        label=_("Visitor or host"),
        max_length=100,
        most_words=MAX_WORDS,
        fields=("visitor__name_ko", "visitor__name_en", "host__name_ko", "host__name_en"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StayStatus.choices, empty_label=_("Any")
    )
    country = CountryFilter(field_name="home_institution__country")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=Program.objects.all(), empty_label=_("Any")
    )
    project = IdFilter(field_name="project_id", label=_("Project id"))
    arriving_from = django_filters.DateFilter(
        field_name="start", lookup_expr="gte", label=_("Arriving from")
    )
    arriving_until = django_filters.DateFilter(
        field_name="start", lookup_expr="lte", label=_("Arriving until")
    )
    present_on = django_filters.DateFilter(label=_("Present on"), method="by_day")

    class Meta:
        model = Stay
        fields = ["q", "status", "country", "program", "project"]

    def by_day(self, queryset, name, value):
        return queryset.filter(start__lte=value, end__gte=value)


class ChecklistItemFilter(HubFilterSet):
    stay = IdFilter(field_name="stay_id", label=_("Stay id"))
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ChecklistItem.State.choices, empty_label=_("Any")
    )
    mine = django_filters.BooleanFilter(label=_("Mine"), method="by_owner")
    due_by = django_filters.DateFilter(field_name="due", lookup_expr="lte", label=_("Due by"))

    class Meta:
        model = ChecklistItem
        fields = ["stay", "state", "mine", "due_by"]

    def by_owner(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        mine = Q(owner_id=getattr(user, "pk", None))
        return queryset.filter(mine) if value else queryset.exclude(mine)


class DeskBookingFilter(HubFilterSet):
    stay = IdFilter(field_name="stay_id", label=_("Stay id"))
    desk = IdFilter(field_name="desk_id", label=_("Desk id"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BookingStatus.choices, empty_label=_("Any")
    )
    day_from = django_filters.DateFilter(field_name="day", lookup_expr="gte", label=_("From"))
    day_until = django_filters.DateFilter(field_name="day", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = DeskBooking
        fields = ["stay", "desk", "status", "day_from", "day_until"]


class RoomBookingFilter(HubFilterSet):
    room = IdFilter(field_name="room_id", label=_("Room id"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BookingStatus.choices, empty_label=_("Any")
    )
    starts_from = django_filters.IsoDateTimeFilter(
        field_name="ends_at", lookup_expr="gt", label=_("From")
    )
    starts_until = django_filters.IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="lt", label=_("Until")
    )

    class Meta:
        model = RoomBooking
        fields = ["room", "status", "starts_from", "starts_until"]


class ClosedDayFilter(HubFilterSet):
    year = django_filters.NumberFilter(
        field_name="day__year", label=_("Year"), min_value=1900, max_value=2200
    )

    class Meta:
        model = ClosedDay
        fields = ["year"]
