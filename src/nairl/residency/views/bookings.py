"""Booking pages: desks for a stay (suggestions, single days, recurring weekdays, skipped dates
re-added, check-in, cancel) and rooms (conflicts shown before saving, pre-bookings)."""

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from nairl.common.actions import ObjectActionView
from nairl.common.pages import add_errors, visible_or_404

from ..domain.calendar import hub_today
from ..domain.desks import (
    book_desk,
    book_series,
    cancel_booking,
    check_in,
    plan_series,
    readd_day,
    skipped_days,
    suggest_desks,
)
from ..domain.rooms import book_room, cancel_room_booking, confirm_pre_booking, conflicts
from ..forms import DeskDayForm, DeskSearchForm, DeskSeriesForm, RoomBookingForm
from ..models import Desk, DeskBooking, DeskSeries, Room, RoomBooking
from ..policies import desk_booking_policy, room_booking_policy, space_policy, stay_policy
from .stays import stays_with_people


class StayDesksView(View):
    """Find a desk for a stay and book it: for one day, or for weekdays over a period."""

    template_name = "residency/stay_desks.html"

    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.stay = visible_or_404(stay_policy, request.user, stays_with_people(), pk=pk)
        if not stay_policy.can_book_desks(request.user, self.stay):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        stay = self.stay
        start = max(stay.start, hub_today())
        search = DeskSearchForm(
            request.GET or None,
            initial={"start": start, "end": min(stay.end, start + datetime.timedelta(days=4))},
        )
        suggestions = []
        if search.is_valid():
            data = search.cleaned_data
            days = [
                data["start"] + datetime.timedelta(days=n)
                for n in range((data["end"] - data["start"]).days + 1)
            ]
            suggestions = suggest_desks(
                stay=stay, days=days, features=data["features"], accessible=data["accessible"]
            )
        return self.show(request, search=search, suggestions=suggestions)

    def post(self, request, pk):
        """Books one day (`desk`, `day`)."""
        form = DeskDayForm(request.POST)
        if form.is_valid():
            desk = Desk.objects.filter(pk=form.cleaned_data["desk"]).first()
            if desk is None:
                form.add_error(None, _("No such desk."))
            else:
                try:
                    with transaction.atomic():
                        book_desk(
                            stay=self.stay, desk=desk, day=form.cleaned_data["day"], by=request.user
                        )
                except ValidationError as refusal:
                    add_errors(form, refusal)
                else:
                    messages.success(request, _("Desk booked."))
                    return redirect("residency:stay-desks", pk=self.stay.pk)
        return self.show(request, day_form=form, status=400)

    def show(self, request, status=200, **context):
        stay = self.stay
        series = list(stay.desk_series.select_related("desk"))
        for one in series:
            one.skipped = skipped_days(one)
        context.setdefault("search", DeskSearchForm(initial={"start": stay.start, "end": stay.end}))
        context.setdefault(
            "series_form",
            DeskSeriesForm(initial={"start": max(stay.start, hub_today()), "end": stay.end}),
        )
        return render(
            request,
            self.template_name,
            {
                "stay": stay,
                "bookings": stay.desk_bookings.select_related("desk__room__floor")
                .filter(day__gte=hub_today())
                .order_by("day")[:120],
                "series": series,
                **context,
            },
            status=status,
        )


class StayDeskSeriesView(StayDesksView):
    """Weekdays over a period at one desk: `preview` shows what would be booked and skipped,
    `book` books it."""

    def get(self, request, pk):
        return redirect("residency:stay-desks", pk=pk)

    def post(self, request, pk):
        form = DeskSeriesForm(request.POST, instance=DeskSeries(stay=self.stay))
        plan = None
        if form.is_valid():
            series = form.instance
            try:
                with transaction.atomic():
                    if "book" in request.POST:
                        plan = book_series(
                            series=series,
                            by=request.user,
                            skip_taken=form.cleaned_data["skip_taken"],
                        )
                    else:
                        plan = plan_series(series)
            except ValidationError as refusal:
                add_errors(form, refusal)
            else:
                if "book" in request.POST:
                    messages.success(
                        request,
                        _("%(count)d days booked at desk %(desk)s.")
                        % {"count": len(plan.bookable), "desk": series.desk},
                    )
                    return redirect("residency:stay-desks", pk=self.stay.pk)
        return self.show(
            request,
            series_form=form,
            plan=plan,
            status=400 if form.errors else 200,
        )


class DeskBookingActionView(ObjectActionView):
    model = DeskBooking
    policy = desk_booking_policy

    select_related = ("stay__visitor", "stay__host", "desk")

    def success_url(self, booking):
        return booking.stay.get_absolute_url()


class DeskBookingCancelView(DeskBookingActionView):
    success_message = gettext_lazy("Booking cancelled.")

    def act(self, request, booking):
        cancel_booking(booking=booking, by=request.user)


class DeskBookingCheckInView(DeskBookingActionView):
    success_message = gettext_lazy("Checked in.")

    def act(self, request, booking):
        check_in(booking=booking, by=request.user)


class SeriesReaddView(ObjectActionView):
    model = DeskSeries
    policy = desk_booking_policy
    success_message = gettext_lazy("Date booked again.")

    select_related = ("stay__visitor", "stay__host", "desk")

    def may_act(self, user, series):
        return stay_policy.can_book_desks(user, series.stay)

    def success_url(self, series):
        return series.stay.get_absolute_url()

    def act(self, request, series):
        day = parse_date(request.POST.get("day", "") or "")
        if day is None:
            raise ValidationError({"day": _("Give the date as YYYY-MM-DD.")})
        readd_day(series=series, day=day, by=request.user)


class RoomBookView(View):
    """Book a room: `check` lists the conflicts without saving; `book` saves (refused, with the
    conflicting bookings named, if the room is held)."""

    template_name = "residency/room_book.html"

    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.room = visible_or_404(
            space_policy, request.user, Room.objects.select_related("floor"), pk=pk
        )
        if not room_booking_policy.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.show(request, RoomBookingForm(instance=RoomBooking(room=self.room)))

    def post(self, request, pk):
        form = RoomBookingForm(request.POST, instance=RoomBooking(room=self.room))
        found = None
        if form.is_valid():
            booking = form.instance
            if "book" in request.POST:
                try:
                    with transaction.atomic():
                        book_room(booking=booking, by=request.user)
                except ValidationError as refusal:
                    add_errors(form, refusal)
                else:
                    messages.success(request, _("Room booked."))
                    return redirect(self.room.get_absolute_url())
            else:
                found = conflicts(self.room, booking.starts_at, booking.ends_at)
        return self.show(request, form, found, status=400 if form.errors else 200)

    def show(self, request, form, found=None, status=200):
        return render(
            request,
            self.template_name,
            {"room": self.room, "form": form, "conflicts": found},
            status=status,
        )


class RoomBookingActionView(ObjectActionView):
    model = RoomBooking
    policy = room_booking_policy

    select_related = ("room",)

    def success_url(self, booking):
        return booking.room.get_absolute_url()


class RoomBookingCancelView(RoomBookingActionView):
    success_message = gettext_lazy("Booking cancelled.")

    def act(self, request, booking):
        cancel_room_booking(booking=booking, by=request.user)


class RoomBookingConfirmView(RoomBookingActionView):
    success_message = gettext_lazy("Pre-booking confirmed.")

    def act(self, request, booking):
        confirm_pre_booking(booking=booking, by=request.user)
