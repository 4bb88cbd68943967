"""Loading an object's related rows with it, named once by a page or an endpoint."""

from django.db.models import QuerySet


def with_related(queryset: QuerySet, select=(), prefetch=()) -> QuerySet:
    """`select` joined into the same query, `prefetch` read in one more query each."""
    if select:  # with no names, select_related would follow every foreign key
        queryset = queryset.select_related(*select)
    return queryset.prefetch_related(*prefetch)
