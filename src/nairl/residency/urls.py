from django.urls import path

from nairl.common.urls import object_urls

from .views import bookings, reports, spaces, stays

app_name = "residency"

urlpatterns = [
    path("", reports.dashboard, name="dashboard"),
    path("occupancy/", reports.occupancy_view, name="occupancy"),
    path("arrivals/", reports.arrivals, name="arrivals"),
    path("residents/", reports.residents, name="residents"),
    path("feed/<str:token>/", reports.personal_feed, name="feed"),
    # Spaces
    *object_urls("floors", "floor", list=spaces.FloorListView, detail=spaces.FloorDetailView),
    *object_urls(
        "rooms",
        "room",
        list=spaces.RoomListView,
        detail=spaces.RoomDetailView,
        book=bookings.RoomBookView,
    ),
    *object_urls("desks", "desk", list=spaces.DeskListView),
    *object_urls(
        "closed-days",
        "closed-day",
        list=spaces.ClosedDayListView,
        create=spaces.ClosedDayCreateView,
        open=spaces.ClosedDayDeleteView,
    ),
    # Stays
    *object_urls(
        "stays",
        "stay",
        list=stays.StayListView,
        create=stays.StayCreateView,
        detail=stays.StayDetailView,
        edit=stays.StayEditView,
        status=stays.StayStatusView,
        desks=bookings.StayDesksView,
    ),
    path("stays/<int:pk>/letter/", stays.LetterIssueView.as_view(), name="letter-issue"),
    path("stays/<int:pk>/letter.pdf", stays.letter_download, name="letter"),
    path("stays/<int:pk>/calendar.ics", reports.stay_calendar, name="stay-calendar"),
    path("letters/check/", stays.letter_check, name="letter-check"),
    path("checklist/<int:pk>/", stays.ChecklistItemEditView.as_view(), name="checklist-item"),
    # Bookings
    path(
        "stays/<int:pk>/desks/recurring/",
        bookings.StayDeskSeriesView.as_view(),
        name="stay-desk-series",
    ),
    *object_urls("series", "series", readd=bookings.SeriesReaddView),
    *object_urls(
        "desk-bookings",
        "desk-booking",
        cancel=bookings.DeskBookingCancelView,
        check_in=bookings.DeskBookingCheckInView,
    ),
    *object_urls(
        "room-bookings",
        "room-booking",
        cancel=bookings.RoomBookingCancelView,
        confirm=bookings.RoomBookingConfirmView,
    ),
]
