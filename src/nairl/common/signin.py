"""Signing in: what a locked-out client is told, and the API's token endpoint.

django-axes counts failed sign-ins (the /login/ page, the admin's and the token endpoint all go
through `authenticate`) per user name and address; past AXES_FAILURE_LIMIT that pair is refused,
even with the right password, until the cool-off ends.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import tokens


def client_address(request) -> str:
    """The client's address: the one the nearest of PROXY_COUNT proxies appended to
    X-Forwarded-For (a client can forge the entries before it, not that one), else REMOTE_ADDR."""
    if settings.PROXY_COUNT:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Too many failed sign-ins. Try again in %(minutes)d minutes.") % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """429 for a locked-out name and address: JSON for the API, the sign-in page's look else."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = render(
            request, "registration/locked_out.html", {"message": lockout_message()}, status=429
        )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class ObtainTokenView(APIView):
    """A new API token for a user name and password; each call makes another one."""

    authentication_classes = []
    permission_classes = []
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer(
                "IssuedToken",
                {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()},
            )
        },
    )
    def post(self, request):
        # Django's own request, so that django-axes can mark it when the sign-in is locked out.
        serializer = AuthTokenSerializer(data=request.data, context={"request": request._request})
        serializer.is_valid(raise_exception=True)
        token, key = tokens.issue(serializer.validated_data["user"], _("API sign-in"))
        return Response({"token": key, "expires_at": token.expires_at})
