"""Upcoming and past talks, series, talk pages, and the organisers' forms."""

import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nairl.common.calendars import CalendarInfo, calendar_bytes, calendar_response, webcal_url
from nairl.common.pages import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PolicyView,
    visible_or_404,
)

from ..domain.feeds import talk_event
from ..domain.talks import cancel_talk, create_series, create_talk, update_series, update_talk
from ..filters import SeriesFilter, TalkFilter
from ..forms import RegistrationForm, SeriesForm, TalkForm
from ..models import Registration, Series, Talk
from ..policies import registration_policy, series_policy, talk_policy


def talk_rows():
    return Talk.objects.select_related("series", "speaker")


class UpcomingTalksView(ObjectListView):
    model = Talk
    policy = talk_policy
    filterset_class = TalkFilter
    template_name = "seminars/talk_list.html"
    key_field = "start"

    def get_queryset(self):
        return talk_rows().filter(end__gte=timezone.now())

    def get_extra_context(self, request, **context):
        return {"upcoming": True, "can_create_series": series_policy.can_create(request.user)}


class PastTalksView(UpcomingTalksView):
    descending = True

    def get_queryset(self):
        return talk_rows().filter(end__lt=timezone.now())

    def get_extra_context(self, request, **context):
        return {"upcoming": False}


class SeriesListView(ObjectListView):
    model = Series
    policy = series_policy
    filterset_class = SeriesFilter
    template_name = "seminars/series_list.html"
    key_field = "code"

    def get_queryset(self):
        upcoming = Q(talks__is_published=True, talks__end__gte=timezone.now())
        return Series.objects.annotate(upcoming_count=Count("talks", filter=upcoming))


class SeriesPageView(ObjectListView):
    """A series and all its talks, newest first (its next talk shown on top)."""

    model = Talk
    policy = talk_policy
    filterset_class = TalkFilter
    template_name = "seminars/series_detail.html"
    key_field = "start"
    descending = True

    def dispatch(self, request, *args, **kwargs):
        self.series = visible_or_404(
            series_policy, request.user, Series.objects.all(), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return talk_rows().filter(series=self.series)

    def get_extra_context(self, request, **context):
        visible = talk_policy.visible(request.user, talk_rows().filter(series=self.series))
        feed_path = self.series_feed_path()
        return {
            "series": self.series,
            "organisers": list(self.series.organisers.all()),
            "partners": list(self.series.partners.all()),
            "next_talk": visible.filter(start__gte=timezone.now()).order_by("start").first(),
            "can_edit": series_policy.can_change(request.user, self.series),
            "feed_url": request.build_absolute_uri(feed_path),
            "feed_webcal": webcal_url(request.build_absolute_uri(feed_path)),
        }

    def series_feed_path(self):
        return reverse("seminars:series-calendar", args=[self.series.pk])


class SeriesForms:
    model = Series
    policy = series_policy
    form_class = SeriesForm
    template_name = "seminars/series_form.html"

    def operation_arguments(self, request, form):
        return {
            "series": form.instance,
            "organisers": form.cleaned_data["organisers"],
            "partners": form.cleaned_data["partners"],
            "by": request.user,
        }


class SeriesCreateView(SeriesForms, ObjectCreateView):
    operation = create_series
    success_message = gettext_lazy("Series created. Add its talks next.")


class SeriesEditView(SeriesForms, ObjectEditView):
    operation = update_series


class TalkForms:
    model = Talk
    policy = talk_policy
    form_class = TalkForm
    template_name = "seminars/talk_form.html"

    def operation_arguments(self, request, form):
        talk = form.instance
        talk.project = form.cleaned_data["project"]
        return {"talk": talk, "keywords": form.cleaned_data["keywords"], "by": request.user}

    def get_extra_context(self, request, **context):
        return {"series": self.series}


class TalkCreateView(TalkForms, ObjectCreateView):
    operation = create_talk
    success_message = gettext_lazy("Talk saved.")

    def may_create(self, request):
        self.series = visible_or_404(
            series_policy, request.user, Series.objects.all(), pk=self.kwargs["pk"]
        )
        return series_policy.can_add_talk(request.user, self.series)

    def new_object(self, request):
        series = self.series
        return Talk(
            series=series,
            time_zone=series.time_zone,
            room=series.default_room,
            online_link=series.default_online_link,
            capacity=series.default_capacity,
        )


class TalkEditView(TalkForms, ObjectEditView):
    operation = update_talk

    def get_queryset(self):
        return Talk.objects.select_related("series")

    def get_object(self, request, pk):
        talk = super().get_object(request, pk)
        self.series = talk.series
        return talk


def viewer_zone(request, talk: Talk):
    """The zone to show times in: `?tz=` if it is a real zone, else the viewer's."""
    asked = request.GET.get("tz", "")
    try:
        return zoneinfo.ZoneInfo(asked) if asked else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        messages.error(request, _("“%(zone)s” is not a known time zone.") % {"zone": asked[:64]})
        return timezone.get_current_timezone()


class TalkDetailView(ObjectDetailView):
    model = Talk
    policy = talk_policy
    template_name = "seminars/talk_detail.html"
    context_object_name = "talk"

    select_related = ("series", "speaker", "project")
    prefetch_related = ("keywords",)

    def get_extra_context(self, request, *, talk, **context):
        zone = viewer_zone(request, talk)
        seats = talk.registrations.aggregate(
            seated=Count("id", filter=Q(status=Registration.Status.SEATED)),
            waiting=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
            present=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
        mine = None
        if request.user.is_authenticated:
            mine = (
                talk.registrations.filter(user=request.user)
                .exclude(status=Registration.Status.CANCELLED)
                .first()
            )
        ics = request.build_absolute_uri(f"{talk.get_absolute_url()}talk.ics")
        return {
            "viewer_zone": zone,
            "viewer_start": talk.start.astimezone(zone),
            "viewer_end": talk.end.astimezone(zone),
            "zone_differs": talk.local_start.utcoffset() != talk.start.astimezone(zone).utcoffset()
            or str(zone) != talk.time_zone,
            "seats": seats,
            "seats_left": None
            if talk.capacity is None
            else max(0, talk.capacity - seats["seated"]),
            "registration_open": talk.is_published
            and not talk.is_cancelled
            and talk.start > timezone.now(),
            "mine": mine,
            "form": RegistrationForm(user=request.user),
            "can_see_registrations": registration_policy.can_see_registrations_of(
                request.user, talk
            ),
            "ics_url": ics,
            "ics_webcal": webcal_url(ics),
        }


class TalkIcsView(PolicyView):
    """One talk as an .ics file (in the reader's language)."""

    model = Talk
    policy = talk_policy

    def get(self, request, pk):
        talk = visible_or_404(
            talk_policy,
            request.user,
            Talk.objects.select_related("series", "speaker").prefetch_related("keywords"),
            pk=pk,
        )
        language = (request.LANGUAGE_CODE or "ko")[:2]
        info = CalendarInfo(
            name=str(talk.title), source_url=request.build_absolute_uri(), language=language
        )
        data = calendar_bytes(info, [talk_event(talk, language, request.build_absolute_uri)])
        return calendar_response(data, f"talk-{talk.pk}.ics", download=True)


class TalkCancelView(PolicyView):
    """Organisers cancel a talk (asked to confirm first); registrants are told."""

    model = Talk
    policy = talk_policy
    template_name = "seminars/talk_cancel.html"
    login_required = True

    def talk(self, request, pk):
        talk = visible_or_404(
            talk_policy, request.user, Talk.objects.select_related("series"), pk=pk
        )
        if not talk_policy.can_change(request.user, talk):
            raise PermissionDenied
        return talk

    def get(self, request, pk):
        return self.render(request, {"talk": self.talk(request, pk)})

    def post(self, request, pk):
        talk = self.talk(request, pk)
        try:
            with transaction.atomic():
                cancel_talk(talk=talk, by=request.user)
        except ValidationError as error:
            return self.render(request, {"talk": talk, "errors": error.messages}, status=400)
        messages.success(request, _("The talk is cancelled; its registrants are being told."))
        return redirect(talk)
