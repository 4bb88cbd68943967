"""Attempts to reach what is not one's own are written down (and answered as a missing page)."""

from django.http import Http404

from nairl.common.context import current_request_id

from ..models import AccessRefusal


def refuse(request, what: str, object_id) -> Http404:
    """Records the attempt and returns the 404 to raise: a hidden object does not exist."""
    AccessRefusal.objects.create(
        user=request.user if request.user.is_authenticated else None,
        what=what,
        object_id=str(object_id)[:64],
        path=request.path[:300],
        request_id=getattr(request, "id", "") or current_request_id.get(),
    )
    return Http404()
