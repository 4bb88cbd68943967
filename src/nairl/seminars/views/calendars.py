"""Calendar feeds (all talks, a series, a person's registrations) and the page to subscribe."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from nairl.common.calendars import CalendarInfo, calendar_response, webcal_url
from nairl.common.pages import PolicyView, visible_or_404
from nairl.common.permissions import Policy

from ..domain.feeds import (
    feed,
    personal_talks,
    recent_and_upcoming,
    renew_feed_key,
    revoke_feed_keys,
)
from ..models import FeedToken, Series, Talk
from ..policies import series_policy, talk_policy


def feed_language(request) -> str:
    """`?lang=ko|en` (subscription links carry it), else the request's language."""
    asked = request.GET.get("lang", "")
    return asked if asked in ("ko", "en") else (request.LANGUAGE_CODE or "ko")[:2]


def subscription(request, path: str, language: str) -> dict:
    url = request.build_absolute_uri(f"{path}?lang={language}")
    return {"https": url, "webcal": webcal_url(url), "language": language}


class AllTalksFeedView(View):
    """/seminars/calendar.ics: every published talk of the last year and to come."""

    def get(self, request):
        language = feed_language(request)
        with translation.override(language):
            info = CalendarInfo(
                name=_("NAIRL seminars"),
                description=_("Talks of the national AI research lab's seminar series."),
                source_url=request.build_absolute_uri(),
                language=language,
            )
        talks = recent_and_upcoming(talk_policy.visible(request.user, Talk.objects.published()))
        data = feed(talks, info, request.build_absolute_uri, cache_key="all")
        return calendar_response(data, "nairl-seminars.ics")


class SeriesFeedView(View):
    def get(self, request, pk):
        series = visible_or_404(series_policy, request.user, Series.objects.all(), pk=pk)
        language = feed_language(request)
        with translation.override(language):
            info = CalendarInfo(
                name=_("NAIRL seminars: %(series)s") % {"series": series.title},
                description=str(series.description),
                source_url=request.build_absolute_uri(),
                language=language,
            )
        talks = recent_and_upcoming(Talk.objects.published().filter(series=series))
        data = feed(talks, info, request.build_absolute_uri, cache_key=f"series-{series.pk}")
        return calendar_response(data, f"{series.code}.ics")


class PersonalFeedView(View):
    """A person's talks, at the private address of their feed key; a revoked key says so."""

    def get(self, request, key):
        token = get_object_or_404(FeedToken.objects.select_related("user"), key=key)
        language = feed_language(request) if "lang" in request.GET else token.user.language
        if token.revoked_at is not None:
            with translation.override(language):
                message = _(
                    "This calendar address was revoked. Get a new one on the hub's calendar page."
                )
            return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")
        with translation.override(language):
            info = CalendarInfo(
                name=_("My NAIRL seminars"),
                description=_("The talks you registered for."),
                source_url=request.build_absolute_uri(),
                language=language,
            )
        data = feed(personal_talks(token.user), info, request.build_absolute_uri)
        return calendar_response(data, "my-seminars.ics")


class CalendarsPageView(PolicyView):
    """Subscription links for every feed, and the signed-in person's private feed."""

    model = Series
    policy = Policy()
    template_name = "seminars/calendars.html"

    def get(self, request):
        language = (request.LANGUAGE_CODE or "ko")[:2]
        all_path = reverse("seminars:calendar")
        feeds = [subscription(request, all_path, code) for code in ("ko", "en")]
        series = [
            (
                item,
                subscription(
                    request, reverse("seminars:series-calendar", args=[item.pk]), language
                ),
            )
            for item in Series.objects.filter(is_active=True)
        ]
        personal = None
        if request.user.is_authenticated:
            token = FeedToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
            if token is not None:
                personal = subscription(request, token.get_absolute_url(), language)
        return self.render(request, {"feeds": feeds, "series_feeds": series, "personal": personal})


class PersonalFeedKeyView(PolicyView):
    """POST: a new private feed address (the old one, if any, is revoked)."""

    model = FeedToken
    policy = Policy()
    login_required = True

    def post(self, request):
        renew_feed_key(user=request.user, by=request.user)
        messages.success(request, _("Your private calendar address is ready."))
        return redirect("seminars:calendars")


class PersonalFeedRevokeView(PolicyView):
    """POST: the private feed address stops working."""

    model = FeedToken
    policy = Policy()
    login_required = True

    def post(self, request):
        revoked = revoke_feed_keys(user=request.user, by=request.user)
        if revoked:
            messages.success(request, _("Your private calendar address no longer works."))
        else:
            messages.error(request, _("You have no private calendar address to revoke."))
        return redirect("seminars:calendars")
