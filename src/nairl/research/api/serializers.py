from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from nairl.common.api import FullCleanMixin, HubModelSerializer, VisibleRelatedField
from nairl.people.models import ExpertiseArea, Institution, Person
from nairl.people.policies import person_policy

from ..credit import CreditRole
from ..models import (
    OUTPUT_FIELDS,
    Membership,
    Milestone,
    Output,
    OutputAuthor,
    Program,
    Project,
)
from ..policies import linkable_projects, project_policy


class ProgramSerializer(FullCleanMixin, HubModelSerializer):
    director = VisibleRelatedField(
        policy=person_policy, queryset=Person.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Program
        fields = [
            "id",
            "code",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "director",
            "budget_line",
            "is_flagship",
        ]


class ProjectSerializer(FullCleanMixin, HubModelSerializer):
    principal_investigator = VisibleRelatedField(
        policy=person_policy, queryset=Person.objects.all()
    )
    partners = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Institution.objects.all()
    )
    keywords = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=ExpertiseArea.objects.all()
    )
    clean_exclude = ("partners", "keywords")

    class Meta:
        model = Project
        fields = [
            "id",
            "program",
            "title_ko",
            "title_en",
            "summary_ko",
            "summary_en",
            "principal_investigator",
            "status",
            "start",
            "end",
            "is_public",
            "partners",
            "keywords",
            "notes_ko",
            "notes_en",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # Null for those who are not members (see to_representation), and said so in the schema.
        extra_kwargs = {"notes_ko": {"allow_null": True}, "notes_en": {"allow_null": True}}

    def to_representation(self, project):
        data = super().to_representation(project)
        can_see = self.context.get("can_see_members_only")
        if can_see is None or not can_see(project):
            data["notes_ko"] = data["notes_en"] = None  # members only
        return data


class MembershipSerializer(FullCleanMixin, HubModelSerializer):
    project = VisibleRelatedField(policy=project_policy, queryset=Project.objects.all())
    person = VisibleRelatedField(policy=person_policy, queryset=Person.objects.all())
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=CreditRole.choices), required=False
    )
    list_fields = ("roles",)

    class Meta:
        model = Membership
        fields = ["id", "project", "person", "institution", "roles", "start", "end"]

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("project", "person"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: _("A membership keeps its project and person; add a new one.")}
                    )
        return super().validate(attrs)


class OutputAuthorSerializer(HubModelSerializer):
    country = CountryField(read_only=True)
    person = VisibleRelatedField(
        policy=person_policy, queryset=Person.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = OutputAuthor
        fields = ["position", "name", "person", "affiliation", "institution", "country"]
        read_only_fields = ["position", "country"]


class OutputSerializer(FullCleanMixin, HubModelSerializer):
    """An output with its authors in order; sending `authors` replaces the list."""

    authors = OutputAuthorSerializer(many=True, required=False)
    projects = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Project.objects.all()
    )
    canonical_fields = ("doi", "arxiv_id", "url", "patent_number")

    class Meta:
        model = Output
        fields = [
            "id",
            *OUTPUT_FIELDS,
            "projects",
            "authors",
            "is_international",
            "merged_into",
            "created_at",
        ]
        read_only_fields = ["is_international", "merged_into", "created_at"]

    def validate_projects(self, projects):
        """Only projects the requester works on (or manages) may be added."""
        request = self.context["request"]
        allowed = set(linkable_projects(request.user).values_list("pk", flat=True))
        if self.instance is not None:
            allowed |= set(self.instance.projects.values_list("pk", flat=True))
        refused = [project.pk for project in projects if project.pk not in allowed]
        if refused:
            raise serializers.ValidationError(
                _("You do not work on the project(s) %(ids)s.")
                % {"ids": ", ".join(map(str, refused))}
            )
        return projects


class MilestoneSerializer(FullCleanMixin, HubModelSerializer):
    """A milestone; its description reads as null to those who see no members-only part.
    Completing and reopening go through their own actions, not `completed_on`."""

    project = VisibleRelatedField(policy=project_policy, queryset=Project.objects.all())
    owner = VisibleRelatedField(policy=person_policy, queryset=Person.objects.all())

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "due",
            "owner",
            "completed_on",
        ]
        read_only_fields = ["completed_on"]
        extra_kwargs = {
            "description_ko": {"allow_null": True},
            "description_en": {"allow_null": True},
        }

    def validate(self, attrs):
        project = attrs.get("project")
        if self.instance is not None and project and project != self.instance.project:
            raise serializers.ValidationError(
                {"project": _("A milestone keeps its project; add a new one.")}
            )
        return super().validate(attrs)

    def to_representation(self, milestone):
        data = super().to_representation(milestone)
        can_see = self.context.get("can_see_members_only")
        if can_see is None or not can_see(milestone.project):
            data["description_ko"] = data["description_en"] = None  # members only
        return data


class CompleteMilestoneSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True)
