from django.urls import path

from .views import bookings, reports, spaces, stays

app_name = "residency"

urlpatterns = [
    path("", reports.dashboard, name="dashboard"),
    path("occupancy/", reports.occupancy_view, name="occupancy"),
    path("arrivals/", reports.arrivals, name="arrivals"),
    path("residents/", reports.residents, name="residents"),
    path("feed/<str:token>/", reports.personal_feed, name="feed"),
    # Spaces
    path("floors/", spaces.FloorListView.as_view(), name="floors"),
    path("floors/<int:pk>/", spaces.FloorDetailView.as_view(), name="floor"),
    path("rooms/", spaces.RoomListView.as_view(), name="rooms"),
    path("rooms/<int:pk>/", spaces.RoomDetailView.as_view(), name="room"),
    path("rooms/<int:pk>/book/", bookings.RoomBookView.as_view(), name="room-book"),
    path("desks/", spaces.DeskListView.as_view(), name="desks"),
    path("closed-days/", spaces.ClosedDayListView.as_view(), name="closed-days"),
    path("closed-days/new/", spaces.ClosedDayCreateView.as_view(), name="closed-day-create"),
    path(
        "closed-days/<int:pk>/open/", spaces.ClosedDayDeleteView.as_view(), name="closed-day-open"
    ),
    # Stays
    path("stays/", stays.StayListView.as_view(), name="stays"),
    path("stays/new/", stays.StayCreateView.as_view(), name="stay-create"),
    path("stays/<int:pk>/", stays.StayDetailView.as_view(), name="stay"),
    path("stays/<int:pk>/edit/", stays.StayEditView.as_view(), name="stay-edit"),
    path("stays/<int:pk>/status/", stays.StayStatusView.as_view(), name="stay-status"),
    path("stays/<int:pk>/letter/", stays.LetterIssueView.as_view(), name="letter-issue"),
    path("stays/<int:pk>/letter.pdf", stays.letter_download, name="letter"),
    path("stays/<int:pk>/calendar.ics", reports.stay_calendar, name="stay-calendar"),
    path("letters/check/", stays.letter_check, name="letter-check"),
    path("checklist/<int:pk>/", stays.ChecklistItemEditView.as_view(), name="checklist-item"),
    # Bookings
    path("stays/<int:pk>/desks/", bookings.StayDesksView.as_view(), name="stay-desks"),
    path(
        "stays/<int:pk>/desks/recurring/",
        bookings.StayDeskSeriesView.as_view(),
        name="stay-desk-series",
    ),
    path("series/<int:pk>/readd/", bookings.SeriesReaddView.as_view(), name="series-readd"),
    path(
        "desk-bookings/<int:pk>/cancel/",
        bookings.DeskBookingCancelView.as_view(),
        name="desk-booking-cancel",
    ),
    path(
        "desk-bookings/<int:pk>/check-in/",
        bookings.DeskBookingCheckInView.as_view(),
        name="desk-booking-check-in",
    ),
    path(
        "room-bookings/<int:pk>/cancel/",
        bookings.RoomBookingCancelView.as_view(),
        name="room-booking-cancel",
    ),
    path(
        "room-bookings/<int:pk>/confirm/",
        bookings.RoomBookingConfirmView.as_view(),
        name="room-booking-confirm",
    ),
]
