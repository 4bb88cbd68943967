"""API conventions shared by every module: errors, filters that refuse what they don't know, and
the model's own validation on what a client sends."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

# Query parameters that are not filters: pagination, format and schema negotiation.
RESERVED_PARAMETERS = {"cursor", "page_size", "format", "lang"}


class StrictFilterBackend(DjangoFilterBackend):
    """Rejects unknown query parameters: a typo in a filter must not silently return everything."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - RESERVED_PARAMETERS)
        if unknown:
            raise exceptions.ValidationError(
                {
                    name: [
                        _("Unknown filter. Known filters: %(known)s.")
                        % {"known": ", ".join(sorted(known)) or "-"}
                    ]
                    for name in unknown
                }
            )
        return super().filter_queryset(request, queryset, view)


def exception_handler(exc, context):
    """Model validation errors raised in the API become 400s with field messages."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return drf_exception_handler(exc, context)


class FullCleanMixin:
    """Runs the model's own validation on the values sent, so the API and the forms enforce the
    same rules.

    ``clean_exclude``: fields ``full_clean`` skips (derived or set elsewhere); ``list_fields``:
    list values that are the model's own fields (JSON), set like the others, where other lists
    are many-to-many and wait for the save; ``canonical_fields``: fields whose cleaned value
    (e.g. an identifier in canonical form) replaces the one sent.
    """

    clean_exclude: tuple[str, ...] = ()
    list_fields: tuple[str, ...] = ()
    canonical_fields: tuple[str, ...] = ()
    validate_unique = True

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance or self.Meta.model()
        for name, value in attrs.items():
            if not isinstance(value, list) or name in self.list_fields:
                setattr(instance, name, value)
        instance.full_clean(exclude=list(self.clean_exclude), validate_unique=self.validate_unique)
        for name in self.canonical_fields:
            if name in attrs:
                attrs[name] = getattr(instance, name)
        return attrs
