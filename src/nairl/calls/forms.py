"""Forms of the calls pages. Rules live in domain/; these only carry values."""

import datetime
import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nairl.people.models import ExpertiseArea, Person

from .filetypes import FILE_TYPES
from .models import (
    PHASE_BOUNDARIES,
    Application,
    Call,
    CallReviewer,
    Cohort,
    Criterion,
    Question,
    Review,
)

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def local_value(moment: datetime.datetime, zone: str) -> str:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone)).strftime(LOCAL_INPUT)


def in_zone(naive: datetime.datetime, zone: str) -> datetime.datetime:
    """The moment a wall-clock time names in a zone; a time that does not exist there (skipped
    by a daylight-saving change) or exists twice is refused rather than guessed."""
    tz = zoneinfo.ZoneInfo(zone)
    early, late = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    round_trip = early.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _("This time does not exist in %(zone)s (the clocks skip it).") % {"zone": zone}
        )
    if early.utcoffset() != late.utcoffset():
        raise ValidationError(
            _("This time happens twice in %(zone)s (the clocks go back); choose another.")
            % {"zone": zone}
        )
    return early.astimezone(datetime.UTC)


class CallForm(forms.ModelForm):
    """Dates are typed as wall-clock times in the call's own time zone."""

    class Meta:
        model = Call
        fields = Call.edited_fields
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT)
            for name, _label in PHASE_BOUNDARIES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _label in PHASE_BOUNDARIES:
            self.fields[name] = forms.DateTimeField(
                label=self.fields[name].label,
                input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                help_text=_("In the call's time zone."),
            )
            moment = getattr(self.instance, name, None)
            if moment is not None and not self.is_bound:
                self.initial[name] = local_value(moment, self.instance.time_zone)

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if not zone:
            return cleaned
        for name, _label in PHASE_BOUNDARIES:
            value = cleaned.get(name)
            if value is None:
                continue
            # The field read the time in the viewer's zone; the wall-clock time is what counts.
            naive = timezone.make_naive(value) if timezone.is_aware(value) else value
            try:
                cleaned[name] = in_zone(naive, zone)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one option per line."),
    )
    file_types = forms.MultipleChoiceField(
        label=_("File types"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, (label, _ext, _mime) in FILE_TYPES.items()],
    )

    class Meta:
        model = Question
        fields = Question.edited_fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.options:
            self.initial["options"] = "\n".join(self.instance.options)

    def clean_options(self):
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "name_ko", "name_en", "description_ko", "description_en", "weight"]


class ApplicationForm(forms.Form):
    """The application's title, fields and one field per question; drafts may be incomplete
    (what a submission needs is checked when submitting)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    expertise = forms.ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=ExpertiseArea.objects.all(),
        required=False,
        help_text=_("The fields of the application: they help choose its reviewers."),
    )

    def __init__(self, *args, application: Application, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if not self.is_bound:
            self.initial["title"] = application.title
            if application.pk:
                self.initial["expertise"] = list(application.expertise.all())
        for question in questions:
            self.fields[question.field_name] = self.field_for(question)
            value = application.answers.get(str(question.pk))
            if value is not None and not self.is_bound:
                self.initial[question.field_name] = value

    @staticmethod
    def field_for(question: Question):
        common = {"label": question.label, "help_text": question.help, "required": False}
        kind = question.kind
        if kind == Question.Kind.LONG_TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), **common)
        if kind == Question.Kind.CHOICE:
            choices = [("", "---------"), *((option, option) for option in question.options)]
            return forms.ChoiceField(choices=choices, **common)
        if kind == Question.Kind.NUMBER:
            return forms.CharField(widget=forms.NumberInput(attrs={"step": "any"}), **common)
        if kind == Question.Kind.DATE:
            return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        if kind == Question.Kind.FILE:
            accept = ",".join(f".{FILE_TYPES[code][1]}" for code in question.file_types)
            return forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": accept}), **common
            )
        return forms.CharField(**common)

    def answers(self) -> dict:
        return {
            q.field_name: self.data.get(q.field_name, "")
            for q in self.questions
            if q.kind != Question.Kind.FILE
        }

    def uploads(self) -> dict:
        return {
            q.field_name: (upload.name, upload.read())
            for q in self.questions
            if q.kind == Question.Kind.FILE and (upload := self.files.get(q.field_name))
        }


class ReviewForm(forms.Form):
    confidence = forms.TypedChoiceField(
        label=_("Confidence"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        initial=3,
        help_text=Review._meta.get_field("confidence").help_text,
    )
    comment_to_applicant = forms.CharField(
        label=_("Comments for the applicant"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    comment_to_committee = forms.CharField(
        label=_("Comments for the committee only"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, call: Call, review: Review, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion_fields = []
        scale = [("", "—"), *((n, str(n)) for n in range(call.score_min, call.score_max + 1))]
        for criterion in call.criteria.all():
            name = f"c{criterion.pk}"
            # Any text passes here: the domain checks the scale and words the error.
            self.fields[name] = forms.CharField(
                label=f"{criterion.name} (×{criterion.weight:g})",
                help_text=criterion.description,
                required=False,
                widget=forms.Select(choices=scale),
            )
            self.criterion_fields.append(name)
            if not self.is_bound and str(criterion.pk) in review.scores:
                self.initial[name] = review.scores[str(criterion.pk)]
        if not self.is_bound and review.pk:
            for name in ("confidence", "comment_to_applicant", "comment_to_committee"):
                self.initial[name] = getattr(review, name)
        self.order_fields([*self.criterion_fields, "confidence"])

    def scores(self) -> dict:
        return {name: self.data.get(name, "") for name in self.criterion_fields}


class ReviewerForm(forms.ModelForm):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.filter(groups__name="reviewer").order_by("username"),
    )

    class Meta:
        model = CallReviewer
        fields = ["reviewer", "max_load"]


class ManualAssignmentForm(forms.Form):
    application = forms.IntegerField(label=_("Application number"), min_value=1)
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["reviewer"].queryset = get_user_model().objects.filter(call_pools__call=call)

    def clean_application(self):
        number = self.cleaned_data["application"]
        application = self.call.applications.filter(number=number).first()
        if application is None:
            raise ValidationError(_("This call has no application with that number."))
        return application


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Status.ACCEPTED, _("Accept")),
            (Application.Status.WAITLISTED, _("Waitlist")),
            (Application.Status.REJECTED, _("Reject")),
        ],
    )
    note = forms.CharField(
        label=_("Message to the applicants"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        error_messages={"required": _("Tick the applications to decide.")},
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = call.applications.exclude(
            status=Application.Status.DRAFT
        )


class ConflictDeclarationForm(forms.Form):
    detail = forms.CharField(label=_("Why (only the call's managers read it)"), max_length=300)


class CandidateForm(forms.Form):
    candidate = forms.ModelChoiceField(
        label=_("Check a possible reviewer"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = get_user_model().objects.filter(groups__name="reviewer")


class CohortForm(forms.ModelForm):
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentors"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Directory profiles of the mentors."),
    )

    class Meta:
        model = Cohort
        fields = ["program", "call", "name_ko", "name_en", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = Person.objects.filter(user__isnull=False)
        self.fields["call"].queryset = Call.objects.filter(kind__in=("fellowship", "school"))
