from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nairl.common.api import (
    FullCleanMixin,
    HubModelSerializer,
    IdRelatedField,
    VisibleRelatedField,
)
from nairl.people.models import Person
from nairl.people.policies import person_policy
from nairl.research.models import Project
from nairl.research.policies import project_policy

from ..models import (
    ChecklistItem,
    ClosedDay,
    Desk,
    DeskBooking,
    DeskFeature,
    Floor,
    Room,
    RoomBooking,
    Stay,
    StayStatus,
)
from ..policies import stay_policy


class FloorSerializer(FullCleanMixin, HubModelSerializer):
    class Meta:
        model = Floor
        fields = ["id", "level", "name_ko", "name_en", "area_m2"]


class RoomSerializer(FullCleanMixin, HubModelSerializer):
    class Meta:
        model = Room
        fields = [
            "id",
            "floor",
            "code",
            "name_ko",
            "name_en",
            "kind",
            "capacity",
            "is_bookable",
            "is_accessible",
        ]


class DeskSerializer(FullCleanMixin, HubModelSerializer):
    features = serializers.ListField(
        child=serializers.ChoiceField(choices=DeskFeature.choices), required=False
    )
    list_fields = ("features",)

    class Meta:
        model = Desk
        fields = ["id", "room", "code", "features", "is_accessible", "is_bookable", "assigned_to"]


class ClosedDaySerializer(FullCleanMixin, HubModelSerializer):
    class Meta:
        model = ClosedDay
        fields = ["id", "day", "reason_ko", "reason_en"]


class StaySerializer(FullCleanMixin, HubModelSerializer):
    visitor = VisibleRelatedField(policy=person_policy, queryset=Person.objects.all())
    host = VisibleRelatedField(policy=person_policy, queryset=Person.objects.all())
    project = VisibleRelatedField(
        policy=project_policy, queryset=Project.objects.all(), required=False, allow_null=True
    )
    clean_exclude = ("status",)

    class Meta:
        model = Stay
        fields = [
            "id",
            "visitor",
            "home_institution",
            "host",
            "program",
            "project",
            "start",
            "end",
            "status",
            "purpose_ko",
            "purpose_en",
            "application_id",
            "created_at",
            "status_changed_at",
        ]
        read_only_fields = ["status", "application_id", "created_at", "status_changed_at"]

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("visitor", "home_institution"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: _("A stay keeps its visitor; create a new stay instead.")}
                    )
        return super().validate(attrs)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=StayStatus.choices)


class ChecklistItemSerializer(FullCleanMixin, HubModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "stay", "kind", "owner", "due", "state", "note", "completed_at"]
        read_only_fields = ["stay", "kind", "owner", "completed_at"]


class DeskBookingSerializer(HubModelSerializer):
    stay = VisibleRelatedField(policy=stay_policy, queryset=Stay.objects.all())

    class Meta:
        model = DeskBooking
        fields = ["id", "stay", "desk", "day", "status", "series", "checked_in_at", "created_at"]
        read_only_fields = ["status", "series", "checked_in_at", "created_at"]


class RoomBookingSerializer(HubModelSerializer):
    class Meta:
        model = RoomBooking
        fields = [
            "id",
            "room",
            "title",
            "starts_at",
            "ends_at",
            "is_tentative",
            "status",
            "event_url",
            "booked_by",
            "created_at",
        ]
        read_only_fields = ["status", "booked_by", "created_at"]


class RoomTimeSerializer(serializers.Serializer):
    """A room and a time, to ask what holds it then."""

    room = IdRelatedField(queryset=Room.objects.all())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": _("The booking ends before it starts.")})
        return attrs
