from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from nairl.common.widgets import FastSelect
from nairl.research.links import offer_visible_projects

from .domain import serving
from .domain.curves import curve_problems
from .models import Comparison, Fit, Study

STUDY_FIELDS = [
    "title_ko",
    "title_en",
    "description_ko",
    "description_en",
    "program",
    "project",
    "project_label",
    "is_public",
    "members",
]
JOB_FIELDS = ["law", "variable", "huber_delta", "drop_highest", "bootstrap"]


class StudyForm(forms.ModelForm):
    members = forms.CharField(
        label=_("Members"),
        required=False,
        max_length=2000,
        help_text=_("User names, separated by commas. Members may add runs and start fits."),
    )

    class Meta:
        model = Study
        fields = STUDY_FIELDS
        widgets = {"project": FastSelect}

    def __init__(self, *args, user, can_manage_members=True, **kwargs):
        super().__init__(*args, **kwargs)
        offer_visible_projects(self, user)
        if self.instance.pk:
            self.initial["members"] = ", ".join(
                self.instance.members.order_by("username").values_list("username", flat=True)
            )
        if not can_manage_members:
            del self.fields["members"]

    def clean_members(self):
        names = sorted(
            {name.strip() for name in self.cleaned_data["members"].split(",") if name.strip()}
        )
        users = list(get_user_model().objects.filter(username__in=names))
        unknown = sorted(set(names) - {user.username for user in users})
        if unknown:
            raise forms.ValidationError(
                _("No such user: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return users


class GroupChoiceMixin:
    """Group fields offer the study's groups (fetched once)."""

    group_fields: tuple[str, ...] = ()

    def set_groups(self, groups):
        for name in self.group_fields:
            field = self.fields[name]
            choices = [(group, group) for group in groups]
            if not field.required:
                choices = [("", _("All runs"))] + choices
            self.fields[name] = forms.ChoiceField(
                label=field.label,
                required=field.required,
                choices=choices,
                help_text=field.help_text,
            )


class FitForm(GroupChoiceMixin, forms.ModelForm):
    group_fields = ("group",)

    class Meta:
        model = Fit
        fields = [*JOB_FIELDS, "group"]

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_groups(groups)


class ComparisonForm(GroupChoiceMixin, forms.ModelForm):
    group_fields = ("baseline_group", "method_group")

    class Meta:
        model = Comparison
        fields = ["baseline_group", "method_group", *JOB_FIELDS]

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_groups(groups)


class SteepnessForm(GroupChoiceMixin, forms.ModelForm):
    """A learning-curve check of two groups; refused here, before anything is queued, when a
    group cannot be a learning curve (``domain.curves``)."""

    group_fields = ("baseline_group", "method_group")

    class Meta:
        model = Comparison
        fields = ["baseline_group", "method_group", "holdout"]

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_groups(groups)

    def clean(self):
        cleaned = super().clean()
        baseline, method = cleaned.get("baseline_group"), cleaned.get("method_group")
        holdout = cleaned.get("holdout")
        if baseline and method and baseline != method and holdout:
            for field, message in curve_problems(
                self.instance.study, baseline, method, holdout
            ).items():
                self.add_error(field, message)
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "UTF-8 CSV or .xlsx; first row the column names: group, n, d, c, unique_n, "
            "unique_d, epochs, loss."
        ),
    )


class NumberField(forms.FloatField):
    """A positive, finite number typed as text: 2.1, 1e21, 1,000,000 or 6 000 000."""

    widget = forms.TextInput(
        attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
    )
    default_error_messages = {
        "invalid": _("Enter a number, such as 2.1 or 1e21."),
        "positive": _("Enter a number greater than zero."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("_", "").replace(" ", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value <= 0:
            raise forms.ValidationError(self.error_messages["positive"], code="positive")


class ServingForm(forms.Form):
    """A fit page's question: which model to train for a loss when it will also serve T tokens.
    Answered by `domain.serving.serving_plan` into ``plan`` when the form is valid; nothing is
    saved."""

    target_loss = NumberField(label=_("Target loss"), required=False)
    compute = NumberField(
        label=_("or a compute budget C (FLOP)"),
        required=False,
        help_text=_(
            "The loss this budget reaches at the compute-optimal allocation becomes the target."
        ),
    )
    inference_tokens = NumberField(
        label=_("Inference tokens T"),
        help_text=_(
            "Tokens the model will process while it is served, over its whole life (e.g. 1e13)."
        ),
    )

    def __init__(self, data=None, *, summary: dict):
        super().__init__(data)
        self.summary, self.plan = summary, None
        floor = serving.loss_floor(serving.stored_fit(summary))
        self.fields["target_loss"].help_text = _(
            "Above this fit's irreducible loss E = %(floor)s."
        ) % {"floor": f"{floor:.4g}"}

    @classmethod
    def from_query(cls, query, summary: dict) -> "ServingForm":
        """Bound to the query string when it asks the question, else unbound (no errors)."""
        asked = any(name in query for name in cls.base_fields)
        return cls(query if asked else None, summary=summary)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        loss, compute = cleaned.get("target_loss"), cleaned.get("compute")
        if loss is None and compute is None:
            raise forms.ValidationError(
                _("Enter a target loss or a compute budget."), code="required"
            )
        if loss is not None and compute is not None:
            raise forms.ValidationError(
                _("Enter a target loss or a compute budget, not both."), code="both"
            )
        try:
            self.plan = serving.serving_plan(
                self.summary,
                inference_tokens=cleaned["inference_tokens"],
                target_loss=loss,
                compute=compute,
            )
        except serving.PlanRefused as refusal:
            self.add_error(refusal.field, refusal.message)
        return cleaned
