"""The API's shared pieces: one policy-aware viewset base, strict filters, model validation on
what a client sends, and errors that always say which field is wrong.

A module's endpoint names what it serves:

    class InstitutionViewSet(WritablePolicyViewSet):
        policy = institution_policy
        serializer_class = InstitutionSerializer
        filterset_class = InstitutionFilter      # the same FilterSet the page uses
        ordering = ("sort_name", "id")

It serves every object of the serializer's model, with the rows named in `select_related` and
`prefetch_related`; `base_queryset()` is overridden only when that is not enough. Lists are
filtered by the policy in SQL; objects the viewer may not see are 404s; writes run in one
transaction through the module's domain operation (`create_operation`, `update_operation`), so
a rule written once holds for the page and the API alike.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .querysets import with_related

# Query parameters that are not filters: pagination, format and schema negotiation.
RESERVED_PARAMETERS = {"cursor", "page_size", "format", "lang"}
# Ids are 64-bit: a larger number names nothing, and must not reach the database.
MAX_ID = 2**63 - 1


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


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A link to another object by id. An id too large for the database is refused like any
    other id that names nothing (it would otherwise overflow the query)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("The object with id {pk_value} does not exist."),
        "incorrect_type": gettext_lazy("Give an id (a whole number), not {data_type}."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class VisibleRelatedField(IdRelatedField):
    """A link limited to what the requester may see: an object that exists but is hidden reads
    exactly like one that does not exist."""

    def __init__(self, *, policy, **kwargs):
        self.policy = policy
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.policy.visible(user, queryset) if user is not None else queryset.none()


class HubModelSerializer(serializers.ModelSerializer):
    """The API's model serializer: links by id are `IdRelatedField`s."""

    serializer_related_field = IdRelatedField


class ProblemSerializer(serializers.Serializer):
    """One problem of a refused import: where (item index, field) and why."""

    index = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


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


class PolicyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read-only endpoint of one kind of object, as its policy allows.

    Subclasses give `policy`, `serializer_class` (and optionally `list_serializer_class` for
    lighter list rows), `filterset_class`, `ordering` and the related rows to load with each
    object (`select_related`, `prefetch_related`). Every
    list endpoint must be in the query-count registry (tests/<app>/list_views.py).
    """

    policy = None
    filter_backends = [StrictFilterBackend]
    list_serializer_class = None
    ordering = ("-id",)
    # Related rows the answer shows with each object, loaded in the same query (or one more).
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def base_queryset(self):
        queryset = self.serializer_class.Meta.model._default_manager.all()
        return with_related(queryset, self.select_related, self.prefetch_related)

    def get_queryset(self):
        return self.policy.visible(self.request.user, self.base_queryset())

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class


class WritablePolicyViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, PolicyViewSet):
    """Adds create and update: checked by the policy, validated by the serializer and the model,
    saved in one transaction through the module's domain operation.

    `create_operation` and `update_operation` are domain verbs called with keyword arguments
    only: the object the serializer built (under `object_argument`, default the model's name),
    the many-to-many values sent (by field name) and `by` (the requester). Without one, the
    serializer saves itself. Actions such as "cancel" or "submit" answer `self.act(verb)`. Two
    clients racing to create the same unique record both get an
    answer: one 201, the other the same 400 a later duplicate gets.
    """

    create_operation = None
    update_operation = None
    object_argument = ""

    def object_name(self, model) -> str:
        return self.object_argument or model._meta.model_name

    def operation_arguments(self, serializer) -> dict:
        model = serializer.Meta.model
        instance = serializer.instance or model()
        many_to_many = {field.name for field in model._meta.many_to_many}
        many = {}
        for field_name, value in serializer.validated_data.items():
            if field_name in many_to_many:
                many[field_name] = value
            else:
                setattr(instance, field_name, value)
        return {self.object_name(model): instance, **many, "by": self.request.user}

    def act(self, verb, instance=None) -> Response:
        """Runs the domain verb on the URL's object (or `instance`) and `by` in one transaction;
        answers the object as it is now."""
        instance = self.get_object() if instance is None else instance
        with transaction.atomic():
            verb(**{self.object_name(type(instance)): instance}, by=self.request.user)
        return Response(self.get_serializer(instance).data)

    def perform_create(self, serializer):
        self.save(serializer, type(self).create_operation)

    def perform_update(self, serializer):
        self.save(serializer, type(self).update_operation)

    def save(self, serializer, operation):
        try:
            with transaction.atomic():
                if operation is None:
                    serializer.save()
                else:
                    serializer.instance = operation(**self.operation_arguments(serializer))
        except IntegrityError as error:
            raise self.conflict(serializer) from error

    def conflict(self, serializer) -> exceptions.ValidationError:
        """What a unique value taken by a concurrent request reads as: the message validation
        gives now that the other row is committed."""
        fresh = type(serializer)(
            instance=serializer.instance,
            data=serializer.initial_data,
            context=serializer.context,
            partial=serializer.partial,
        )
        if not fresh.is_valid():
            return exceptions.ValidationError(fresh.errors)
        return exceptions.ValidationError(
            {"non_field_errors": [_("Another request changed this record; try again.")]}
        )
