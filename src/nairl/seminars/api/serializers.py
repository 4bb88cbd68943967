from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nairl.common.api import FullCleanMixin, HubModelSerializer, VisibleRelatedField
from nairl.people.models import ExpertiseArea, Institution, Person
from nairl.people.policies import person_policy
from nairl.research.models import Project
from nairl.research.policies import project_policy

from ..models import Registration, Series, Talk
from ..policies import talk_policy


class SeriesSerializer(FullCleanMixin, HubModelSerializer):
    organisers = VisibleRelatedField(
        policy=person_policy, queryset=Person.objects.all(), many=True, required=False
    )
    partners = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Institution.objects.all()
    )
    clean_exclude = ("organisers", "partners")

    class Meta:
        model = Series
        fields = ["id", *Series.edited_fields]


class TalkSerializer(FullCleanMixin, HubModelSerializer):
    speaker = VisibleRelatedField(
        policy=person_policy, queryset=Person.objects.all(), required=False, allow_null=True
    )
    project = VisibleRelatedField(
        policy=project_policy, queryset=Project.objects.all(), required=False, allow_null=True
    )
    keywords = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=ExpertiseArea.objects.all()
    )
    seats_taken = serializers.IntegerField(read_only=True, default=0)
    url = serializers.SerializerMethodField()
    clean_exclude = ("keywords",)

    class Meta:
        model = Talk
        fields = [
            "id",
            "series",
            "speaker",
            "guest_name",
            "guest_affiliation",
            "title_ko",
            "title_en",
            "abstract_ko",
            "abstract_en",
            "start",
            "end",
            "time_zone",
            "room",
            "online_link",
            "capacity",
            "seats_taken",
            "status",
            "is_published",
            "slides_url",
            "recording_url",
            "keywords",
            "project",
            "uid",
            "sequence",
            "url",
            "updated_at",
        ]
        read_only_fields = ["uid", "sequence", "updated_at"]

    def get_url(self, talk) -> str:
        return talk.get_absolute_url()

    def validate(self, attrs):
        if (
            self.instance is not None
            and "series" in attrs
            and attrs["series"] != self.instance.series
        ):
            raise serializers.ValidationError({"series": _("A talk stays in its series.")})
        return super().validate(attrs)


class RegistrationSerializer(FullCleanMixin, HubModelSerializer):
    talk = VisibleRelatedField(policy=talk_policy, queryset=Talk.objects.all())
    validate_unique = False
    clean_exclude = ("token_salt", "status")

    class Meta:
        model = Registration
        fields = [
            "id",
            "talk",
            "name",
            "email",
            "language",
            "status",
            "created_at",
            "queued_at",
            "promoted_at",
            "cancelled_at",
            "checked_in_at",
        ]
        read_only_fields = [
            "status",
            "created_at",
            "queued_at",
            "promoted_at",
            "cancelled_at",
            "checked_in_at",
        ]
