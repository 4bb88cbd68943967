"""What the calls API reads and writes. A reviewer's view of an application is built by
`ReviewerApplicationSerializer` only: a code, the title and answers with the applicant's
identity withheld when the call is blind, the fields, and links to the files."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nairl.common.api import FullCleanMixin, HubModelSerializer
from nairl.people.models import ExpertiseArea

from ..blind import identity_terms, redact
from ..filetypes import FILE_TYPES
from ..models import Application, Assignment, Call, Criterion, Question, Review


class QuestionSerializer(HubModelSerializer):
    field = serializers.CharField(source="field_name", read_only=True)

    class Meta:
        model = Question
        fields = ["id", "field", *Question.edited_fields]
        read_only_fields = fields


class CriterionSerializer(HubModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "order", "name_ko", "name_en", "description_ko", "description_en", "weight"]
        read_only_fields = fields


class CallSerializer(FullCleanMixin, HubModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    invited = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=get_user_model().objects.all(), write_only=True
    )
    clean_exclude = ("invited", "run_by")

    class Meta:
        model = Call
        fields = ["id", *Call.edited_fields, "invited", "questions", "criteria"]


class ApplicationSerializer(HubModelSerializer):
    """The applicant's own application. Answers are keyed by question field (`q<id>`)."""

    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    code = serializers.CharField(read_only=True)
    answers = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text=_("Question field → answer.")
    )
    expertise = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=ExpertiseArea.objects.all()
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "code",
            "title",
            "answers",
            "expertise",
            "status",
            "decision_note",
            "created_at",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = ["status", "decision_note", "created_at", "submitted_at", "decided_at"]

    def to_representation(self, application):
        data = super().to_representation(application)
        data["answers"] = {f"q{key}": value for key, value in application.answers.items()}
        return data

    def validate(self, attrs):
        if self.instance is not None and "call" in attrs and attrs["call"] != self.instance.call:
            raise serializers.ValidationError({"call": _("An application stays with its call.")})
        return attrs


class AttachmentLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    type = serializers.CharField()
    size = serializers.IntegerField()
    question = serializers.IntegerField()


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    answer = serializers.CharField()


class ReviewerApplicationSerializer(serializers.Serializer):
    """An application as its reviewers see it."""

    code = serializers.CharField()
    title = serializers.CharField()
    fields = serializers.ListField(child=serializers.CharField())
    answers = AnswerSerializer(many=True)
    attachments = AttachmentLinkSerializer(many=True)

    def to_representation(self, application):
        terms = identity_terms(application) if application.call.blind else []
        return {
            "code": application.code,
            "title": redact(application.title, terms),
            "fields": [area.code for area in application.expertise.all()],
            "answers": [
                {"question": int(key), "answer": redact(str(value), terms)}
                for key, value in application.answers.items()
            ],
            "attachments": [
                {
                    "id": item.pk,
                    "url": item.get_absolute_url(),
                    "type": FILE_TYPES[item.kind][2],
                    "size": item.size,
                    "question": item.question_id,
                }
                for item in application.attachments.all()
            ],
        }


class ReasonsSerializer(serializers.Serializer):
    fields = serializers.ListField(child=serializers.CharField(), required=False)
    field_overlap = serializers.FloatField(required=False)
    text_similarity = serializers.FloatField(required=False)
    terms = serializers.ListField(child=serializers.CharField(), required=False)


class AssignmentListSerializer(HubModelSerializer):
    application_code = serializers.CharField(source="application.code")
    reviewed = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "call", "application_code", "reviewer", "method", "created_at", "reviewed"]

    def get_reviewed(self, assignment) -> bool:
        review = getattr(assignment, "review", None)
        return review is not None and review.status == Review.Status.SUBMITTED


class AssignmentSerializer(AssignmentListSerializer):
    application = ReviewerApplicationSerializer()
    reasons = ReasonsSerializer()

    class Meta(AssignmentListSerializer.Meta):
        fields = [*AssignmentListSerializer.Meta.fields, "application", "affinity", "reasons"]


class ReviewSerializer(HubModelSerializer):
    """A review; `submit: true` submits it (all criteria scored, within the scale)."""

    assignment = serializers.PrimaryKeyRelatedField(queryset=Assignment.objects.all())
    scores = serializers.DictField(
        child=serializers.JSONField(), help_text=_("Criterion id → score.")
    )
    submit = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Review
        fields = [
            "id",
            "assignment",
            "scores",
            "confidence",
            "comment_to_applicant",
            "comment_to_committee",
            "status",
            "total",
            "submitted_at",
            "submit",
        ]
        read_only_fields = ["status", "total", "submitted_at"]
