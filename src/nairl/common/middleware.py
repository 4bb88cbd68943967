import uuid
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

from .context import acting_as

HUB_TIME_ZONE = "Asia/Seoul"


class RequestIdMiddleware:
    """Gives each request an id (or keeps the proxy's), returned in a header and kept in the
    audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


class UserTimezoneMiddleware:
    """Shows times in the viewer's time zone and language, and records who acts for the audit
    log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        zone = getattr(user, "time_zone", None) or request.session.get("time_zone") or HUB_TIME_ZONE
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(HUB_TIME_ZONE))
        if user.is_authenticated:  # a signed-in user's own choice beats the browser's
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        with acting_as(user, request.id):
            return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY on every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
