from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Comparison, Fit, Study

STUDY_FIELDS = ["title_ko", "title_en", "description_ko", "description_en", "program",
                "project_label", "is_public", "members"]
JOB_FIELDS = ["law", "variable", "huber_delta", "drop_highest", "bootstrap"]


class StudyForm(forms.ModelForm):
    members = forms.CharField(
        label=_("Members"), required=False, max_length=2000,
        help_text=_("User names, separated by commas. Members may add runs and start fits."),
    )

    class Meta:
        model = Study
        fields = STUDY_FIELDS

    def __init__(self, *args, can_manage_members=True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["members"] = ", ".join(
                self.instance.members.order_by("username").values_list("username", flat=True)
            )
        if not can_manage_members:
            del self.fields["members"]

    def clean_members(self):
        names = sorted({name.strip() for name in self.cleaned_data["members"].split(",")
                        if name.strip()})
        users = list(get_user_model().objects.filter(username__in=names))
        unknown = sorted(set(names) - {user.username for user in users})
        if unknown:
            raise forms.ValidationError(_("No such user: %(names)s.")
                                        % {"names": ", ".join(unknown)})
        return users

    def save(self, commit=True):
        study = super().save(commit=False)
        if commit:
            study.save()
            if "members" in self.fields:
                study.members.set(self.cleaned_data["members"])
        return study

    def _save_m2m(self):  # members are set in save()
        pass


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
                label=field.label, required=field.required, choices=choices,
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


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("UTF-8 CSV or .xlsx; first row the column names: group, n, d, c, unique_n, "
                    "unique_d, epochs, loss."),
    )
