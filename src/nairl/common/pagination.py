"""Cursor (keyset) pagination: pages stay fast and stable at national scale, deep into a list.

A cursor is the (sort key, id) of the row at a page's edge, so the next page is a range query on
an index rather than an OFFSET scan, and rows added meanwhile never shift a page.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.db.models import Q
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """The API's pagination: ordered by a view's `ordering`, ties broken by id."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        # DRF's cursor pagination reads `ordering` from itself (or an OrderingFilter), never from
        # the view: without this, every list came out newest-first whatever the view declared.
        ordering = getattr(view, "ordering", None)
        if ordering:
            return (ordering,) if isinstance(ordering, str) else tuple(ordering)
        return super().get_ordering(request, queryset, view)


class InvalidCursor(ValueError):
    pass


def encode_cursor(direction: str, key, pk) -> str:
    raw = json.dumps([direction, key, pk], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[str, object, int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        direction, key, pk = json.loads(raw)
        if direction not in ("after", "before") or not isinstance(pk, int):
            raise ValueError
        return direction, key, pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidCursor(token) from error


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    previous_cursor: str | None


def keyset_page(
    queryset, key_field: str, cursor: str | None, size: int = 50, descending: bool = False
) -> KeysetPage:
    """One page of `queryset` ordered by (`key_field`, id), starting at `cursor`."""
    direction, key, pk = decode_cursor(cursor) if cursor else ("after", None, None)
    forward = direction == "after"
    # Walking forward through an ascending list, or backward through a descending one, goes up.
    upward = forward != descending
    if cursor:
        comparison = "gt" if upward else "lt"
        queryset = queryset.filter(
            Q(**{f"{key_field}__{comparison}": key})
            | Q(**{key_field: key, f"pk__{comparison}": pk})
        )
    order = (key_field, "pk") if upward else (f"-{key_field}", "-pk")
    rows = list(queryset.order_by(*order)[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    has_next = has_more if forward else cursor is not None
    has_previous = cursor is not None if forward else has_more
    return KeysetPage(
        items=rows,
        next_cursor=edge_cursor("after", rows[-1], key_field) if has_next and rows else None,
        previous_cursor=edge_cursor("before", rows[0], key_field)
        if has_previous and rows
        else None,
    )


def edge_cursor(direction: str, row, key_field: str) -> str:
    key = getattr(row, key_field)
    if hasattr(key, "isoformat"):
        key = key.isoformat()
    return encode_cursor(direction, key, row.pk)


def bounded_count(queryset, limit: int = 1000) -> tuple[int, bool]:
    """(how many rows, whether there are more than `limit`): one query that stops counting at
    `limit` + 1, so a list can say how many it found without counting a whole large table."""
    found = queryset.order_by()[: limit + 1].count()
    return min(found, limit), found > limit
