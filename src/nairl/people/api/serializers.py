from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nairl.common.api import FullCleanMixin, HubModelSerializer, VisibleRelatedField
from nairl.people.forms import INSTITUTION_FIELDS
from nairl.people.models import Affiliation, ExpertiseArea, Institution, Person
from nairl.people.policies import person_policy


class ExpertiseSerializer(HubModelSerializer):
    class Meta:
        model = ExpertiseArea
        fields = ["code", "name_ko", "name_en"]


def identifier_field():
    # Longer than the column: a pasted URL is normalised by the model's validation, which also
    # checks uniqueness.
    return serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=100)


class InstitutionSerializer(FullCleanMixin, HubModelSerializer):
    country = CountryField()
    ror_id = identifier_field()
    clean_exclude = ("sort_name",)
    canonical_fields = ("ror_id",)

    class Meta:
        model = Institution
        fields = ["id", *INSTITUTION_FIELDS]  # what the page's form edits


class AffiliationSerializer(HubModelSerializer):
    institution_name_en = serializers.CharField(source="institution.name_en", read_only=True)
    institution_name_ko = serializers.CharField(source="institution.name_ko", read_only=True)

    class Meta:
        model = Affiliation
        fields = [
            "institution",
            "institution_name_ko",
            "institution_name_en",
            "role",
            "start",
            "end",
        ]


class AffiliationRecordSerializer(FullCleanMixin, AffiliationSerializer):
    """One affiliation on its own (`/api/v1/affiliations/`): added to a person, corrected,
    ended by setting `end`. It never moves to another person."""

    person = VisibleRelatedField(policy=person_policy, queryset=Person.objects.all())

    class Meta(AffiliationSerializer.Meta):
        fields = ["id", "person", *AffiliationSerializer.Meta.fields]

    def validate_person(self, person):
        if self.instance is not None and person.pk != self.instance.person_id:
            raise serializers.ValidationError(_("An affiliation cannot move to another person."))
        return person


class PersonSerializer(FullCleanMixin, HubModelSerializer):
    country = CountryField(required=False, allow_blank=True)
    orcid = identifier_field()
    expertise = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=ExpertiseArea.objects.all()
    )
    current_affiliations = serializers.SerializerMethodField()
    # Null when the requester may not see it (the person chose who does).
    email = serializers.EmailField(
        required=False, allow_blank=True, allow_null=True, max_length=254
    )
    clean_exclude = ("sort_name", "search_text", "expertise_ids", "user", "expertise")
    canonical_fields = ("orcid",)

    class Meta:
        model = Person
        fields = [
            "id",
            "name_ko",
            "name_en",
            "orcid",
            "email",
            "email_visibility",
            "country",
            "bio_ko",
            "bio_en",
            "expertise",
            "is_public",
            "current_affiliations",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(AffiliationSerializer(many=True))
    def get_current_affiliations(self, person) -> list:
        """Where the person works today (prefetched on lists; read for a person just saved)."""
        affiliations = getattr(person, "current_affiliations", None)
        if affiliations is None:
            affiliations = person.affiliations.current().select_related("institution")
        return AffiliationSerializer(affiliations, many=True).data

    def to_representation(self, person):
        data = super().to_representation(person)
        can_see_email = self.context.get("can_see_email")
        if can_see_email is not None and not can_see_email(person):
            data["email"] = None
        return data
