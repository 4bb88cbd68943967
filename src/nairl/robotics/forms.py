from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from nairl.common.widgets import FastSelect
from nairl.people.models import Institution
from nairl.research.links import offer_visible_projects

from .domain.evaluations import configured_suite, suite_choices
from .installed import installed_choices
from .models import Evaluation, RobotPolicy, Team
from .policies import team_policy

TEAM_FIELDS = ["name_ko", "name_en", "institution", "project"]
EVALUATION_FIELDS = ["suite", "episodes_per_task", "seed", "episode_length", "workers"]


def split_list(text: str) -> list[str]:
    return [item.strip() for item in (text or "").replace("\n", ",").split(",") if item.strip()]


class TeamForm(forms.ModelForm):
    member_usernames = forms.CharField(
        label=_("Members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("User names, separated by commas. You stay a member of a team you create."),
    )

    class Meta:
        model = Team
        fields = TEAM_FIELDS
        widgets = {"project": FastSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.only("id", "name_ko", "name_en")
        offer_visible_projects(self, user)
        if self.instance.pk and not self.is_bound:
            self.initial["member_usernames"] = ", ".join(
                self.instance.members.order_by("username").values_list("username", flat=True)
            )

    def clean_member_usernames(self):
        names = split_list(self.cleaned_data["member_usernames"])
        users = list(get_user_model().objects.filter(username__in=names))
        unknown = sorted(set(names) - {u.username for u in users})
        if unknown:
            raise forms.ValidationError(
                _("No user with the name(s): %(names)s."), params={"names": ", ".join(unknown)}
            )
        return users

    def save_members(self, team, keep=None):
        members = list(self.cleaned_data["member_usernames"])
        if keep is not None and keep not in members:
            members.append(keep)
        team.members.set(members)


class RobotPolicyForm(forms.ModelForm):
    # A choice among the administrator's allow-list, never free text.
    installed = forms.ChoiceField(label=_("Installed policy"), required=False)

    class Meta:
        model = RobotPolicy
        fields = RobotPolicy.edited_fields
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = team_policy.manageable(
            user, Team.objects.only("id", "name_ko", "name_en")
        )
        installed = self.fields["installed"]
        installed.choices = [("", "—"), *installed_choices()]
        installed.help_text = RobotPolicy._meta.get_field("installed").help_text


class EvaluationForm(forms.ModelForm):
    suite = forms.ChoiceField(label=_("Suite"))
    task_names = forms.CharField(
        label=_("Tasks"),
        required=False,
        help_text=_("Optional: a comma-separated subset of the suite's tasks (empty for all)."),
    )

    class Meta:
        model = Evaluation
        fields = EVALUATION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suite"].choices = suite_choices()

    def clean(self):
        data = super().clean()
        self.instance.tasks = split_list(data.get("task_names", ""))
        if data.get("suite") and not self.errors:
            for name, value in data.items():
                if name in EVALUATION_FIELDS:
                    setattr(self.instance, name, value)
            try:
                configured_suite(self.instance)
            except KeyError as error:
                self.add_error("task_names", str(error.args[0]))
        return data
