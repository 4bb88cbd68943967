"""The hub's URLs plus /bench/ok/, the smallest Django view: the peer every page is compared to."""

from django.http import JsonResponse
from django.urls import path

from nairl.urls import urlpatterns as hub_urlpatterns


def ok(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ok/", ok, name="bench-ok"), *hub_urlpatterns]
