"""Staff views (dashboard, occupancy heat map, arrivals and departures, current residents) and
calendar feeds of a stay and of a person's bookings."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from nairl.common.calendars import CalendarEvent, CalendarInfo, calendar_bytes, calendar_response
from nairl.common.dates import week_of
from nairl.common.pages import visible_or_404
from nairl.research.models import Program

from ..domain.calendar import hub_today
from ..domain.occupancy import (
    arrivals_and_departures,
    bookable_desk_count,
    current_stays,
    occupancy,
    residents_by,
    with_people,
)
from ..forms import OccupancyForm
from ..models import ChecklistItem, DeskBooking, Stay, StayStatus
from ..models.bookings import HOLDING
from ..policies import report_policy, stay_policy
from .stays import stays_with_people

FEED_SALT = "nairl.residency.feed"


def require(check, user) -> None:
    if not check(user):
        raise PermissionDenied


@require_GET
@login_required
def dashboard(request):
    """Hub staff's view of the residency: this week's movements, who is here, what is late."""
    require(report_policy.can_view_people, request.user)
    today = hub_today()
    monday, _sunday = week_of(today)
    arriving, leaving = arrivals_and_departures(monday)
    overdue = (
        ChecklistItem.objects.filter(state=ChecklistItem.State.OPEN, due__lt=today)
        .exclude(stay__status__in=(StayStatus.CANCELLED, StayStatus.DEPARTED))
        .select_related("stay__visitor", "owner")
        .order_by("due", "id")
    )
    booked_today = DeskBooking.objects.filter(day=today, status__in=HOLDING).count()
    return render(
        request,
        "residency/dashboard.html",
        {
            "today": today,
            "arriving": arriving[:50],
            "leaving": leaving[:50],
            "overdue": overdue[:50],
            "overdue_count": overdue.count(),
            "here_count": current_stays(today).count(),
            "proposed_count": Stay.objects.filter(status=StayStatus.PROPOSED).count(),
            "booked_today": booked_today,
            "desk_count": bookable_desk_count(),
        },
    )


@require_GET
@login_required
def occupancy_view(request):
    """Booked desks per floor and day over a window (a heat map)."""
    require(report_policy.can_view_figures, request.user)
    form = OccupancyForm(request.GET or None)
    start, days = hub_today(), 28
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        days = form.cleaned_data["days"] or days
    dates, rows = occupancy(start, days) if not form.errors else ([], [])
    return render(
        request,
        "residency/occupancy.html",
        {"form": form, "dates": dates, "rows": rows, "start": start, "days": days},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def arrivals(request):
    """Arrivals and departures of a week (this one unless `week` names a day of another)."""
    require(report_policy.can_view_people, request.user)
    day = hub_today()
    if request.GET.get("week"):
        try:
            day = datetime.date.fromisoformat(request.GET["week"])
        except ValueError:
            return render(
                request,
                "residency/arrivals.html",
                {"error": _("Give the week as a date, YYYY-MM-DD.")},
                status=400,
            )
    monday, sunday = week_of(day)
    arriving, leaving = arrivals_and_departures(monday)
    return render(
        request,
        "residency/arrivals.html",
        {
            "monday": monday,
            "sunday": sunday,
            "arriving": arriving,
            "leaving": leaving,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
        },
    )


@require_GET
@login_required
def residents(request):
    """Who is here today, counted by home country and program, and listed."""
    require(report_policy.can_view_people, request.user)
    today = hub_today()
    names = dict(countries)
    by_country = [
        (code, names.get(code, code), count)
        for code, count in residents_by(today, "home_institution__country")
    ]
    programs = Program.objects.in_bulk()
    by_program = [(programs.get(pk), count) for pk, count in residents_by(today, "program_id")]
    here = with_people(current_stays(today)).order_by("home_institution__country", "end")
    return render(
        request,
        "residency/residents.html",
        {
            "today": today,
            "by_country": by_country,
            "by_program": by_program,
            "stays": here[:500],
            "total": sum(count for *_rest, count in by_country),
        },
    )


def stay_events(stays, bookings) -> list[CalendarEvent]:
    events = [
        CalendarEvent(
            uid=f"stay-{stay.pk}@nairl-hub",
            summary=_("Stay at NAIRL: %(name)s") % {"name": stay.visitor.name},
            start=stay.start,
            end=stay.end + datetime.timedelta(days=1),
            description=_("Host: %(host)s") % {"host": stay.host.name},
            categories=(_("Residency"),),
            cancelled=stay.status == StayStatus.CANCELLED,
        )
        for stay in stays
    ]
    events += [
        CalendarEvent(
            uid=f"desk-booking-{booking.pk}@nairl-hub",
            summary=_("Desk %(desk)s") % {"desk": booking.desk.code},
            start=booking.day,
            end=booking.day + datetime.timedelta(days=1),
            location=str(booking.desk.room),
            categories=(_("Desk booking"),),
        )
        for booking in bookings
    ]
    return events


def ics(request, name: str, events) -> HttpResponse:
    info = CalendarInfo(name=name, source_url=request.build_absolute_uri())
    return calendar_response(calendar_bytes(info, events), "nairl.ics")


@require_GET
@login_required
def stay_calendar(request, pk):
    stay = visible_or_404(stay_policy, request.user, stays_with_people(), pk=pk)
    bookings = stay.desk_bookings.holding().select_related("desk__room")
    return ics(
        request,
        _("NAIRL stay: %(name)s") % {"name": stay.visitor.name},
        stay_events([stay], bookings),
    )


def feed_token(user) -> str:
    """The secret part of a person's feed address (calendar apps cannot sign in)."""
    return signing.dumps(user.pk, salt=FEED_SALT)


def feed_url(request) -> str:
    return request.build_absolute_uri(reverse("residency:feed", args=[feed_token(request.user)]))


@require_GET
def personal_feed(request, token):
    """A person's stays and desk bookings, for their calendar application."""
    try:
        user_id = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    stays = (
        stays_with_people().filter(visitor__user_id=user_id).exclude(status=StayStatus.CANCELLED)
    )
    bookings = (
        DeskBooking.objects.holding()
        .filter(stay__visitor__user_id=user_id, day__gte=hub_today() - datetime.timedelta(days=30))
        .select_related("desk__room")
    )
    return ics(request, _("My NAIRL stays and desks"), stay_events(stays, bookings))
