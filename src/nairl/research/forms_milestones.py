"""Forms of the milestone pages (the rules are in the model and domain/milestones.py)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nairl.people.models import Person

from .models import Membership, Milestone

DATE = forms.DateInput(attrs={"type": "date"})


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title_ko", "title_en", "description_ko", "description_en", "due", "owner"]
        widgets = {"due": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice among the project's current members and the present owner; the model checks
        # the rule on the due date.
        current = Membership.objects.filter(project=self.instance.project_id).current()
        self.fields["owner"].queryset = Person.objects.filter(
            Q(id__in=current.values("person_id")) | Q(id=self.instance.owner_id)
        )


class CompleteMilestoneForm(forms.ModelForm):
    on = forms.DateField(
        label=_("Completed on"), required=False, widget=DATE, help_text=_("Left empty, today.")
    )

    class Meta:
        model = Milestone
        fields = []


class ReopenMilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = []
