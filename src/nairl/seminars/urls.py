from django.urls import path

from nairl.common.urls import object_urls

from .views import calendars, registrations, slots, talks

app_name = "seminars"

urlpatterns = [
    path("", talks.UpcomingTalksView.as_view(), name="upcoming"),
    path("past/", talks.PastTalksView.as_view(), name="past"),
    *object_urls(
        "series",
        "series",
        plural="series-list",
        list=talks.SeriesListView,
        create=talks.SeriesCreateView,
        detail=talks.SeriesPageView,
        edit=talks.SeriesEditView,
    ),
    path("series/<int:pk>/talks/new/", talks.TalkCreateView.as_view(), name="talk-create"),
    path(
        "series/<int:pk>/calendar.ics", calendars.SeriesFeedView.as_view(), name="series-calendar"
    ),
    *object_urls(
        "talks",
        "talk",
        detail=talks.TalkDetailView,
        edit=talks.TalkEditView,
        cancel=talks.TalkCancelView,
    ),
    path("talks/<int:pk>/talk.ics", talks.TalkIcsView.as_view(), name="talk-ics"),
    path("talks/<int:pk>/register/", registrations.RegisterView.as_view(), name="register"),
    path(
        "talks/<int:pk>/registrations/",
        registrations.TalkRegistrationsView.as_view(),
        name="registrations",
    ),
    path(
        "registrations/<int:pk>/confirm/<str:token>/",
        registrations.ConfirmView.as_view(),
        name="registration-confirm",
    ),
    path(
        "registrations/<int:pk>/cancel/<str:token>/",
        registrations.CancelByLinkView.as_view(),
        name="registration-cancel",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        registrations.CancelOwnView.as_view(),
        name="registration-cancel-own",
    ),
    path(
        "registrations/<int:pk>/check-in/",
        registrations.CheckInView.as_view(),
        name="check-in",
    ),
    path("calendar.ics", calendars.AllTalksFeedView.as_view(), name="calendar"),
    path("calendar/<str:key>.ics", calendars.PersonalFeedView.as_view(), name="personal-calendar"),
    path("calendars/", calendars.CalendarsPageView.as_view(), name="calendars"),
    path("calendars/key/", calendars.PersonalFeedKeyView.as_view(), name="feed-key"),
    path("calendars/key/revoke/", calendars.PersonalFeedRevokeView.as_view(), name="feed-revoke"),
    path("slots/", slots.SlotFinderView.as_view(), name="slot-finder"),
]
