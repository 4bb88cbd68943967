"""Forms of the residency pages (the rules are in domain/)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nairl.common.widgets import FastSelect

from .domain.calendar import hub_zone
from .models import ChecklistItem, ClosedDay, DeskFeature, DeskSeries, RoomBooking, Stay

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StayForm(forms.ModelForm):
    class Meta:
        model = Stay
        fields = [
            "visitor",
            "home_institution",
            "host",
            "program",
            "project",
            "start",
            "end",
            "purpose_ko",
            "purpose_en",
        ]
        widgets = {
            "visitor": FastSelect,
            "home_institution": FastSelect,
            "host": FastSelect,
            "start": DateInput,
            "end": DateInput,
            "purpose_ko": forms.Textarea(attrs={"rows": 3}),
            "purpose_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Who stays is fixed once the stay exists (a different person is a new stay).
            for name in ("visitor", "home_institution"):
                self.fields[name].disabled = True


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["state", "due", "note"]
        widgets = {"due": DateInput}


class StatusForm(forms.Form):
    status = forms.CharField(max_length=12)


class DeskDayForm(forms.Form):
    """One day at one desk."""

    desk = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    day = forms.DateField(label=_("Day"), widget=DateInput)


class DeskSeriesForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )
    skip_taken = forms.BooleanField(
        label=_("Skip the dates when the desk is taken"), required=False
    )

    class Meta:
        model = DeskSeries
        fields = ["desk", "start", "end", "weekdays"]
        widgets = {"desk": forms.HiddenInput, "start": DateInput, "end": DateInput}


class DeskSearchForm(forms.Form):
    """What the visitor wants of a desk: the days, the features, step-free access."""

    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("Until"), widget=DateInput)
    features = forms.MultipleChoiceField(
        label=_("Wanted features"),
        choices=DeskFeature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessible = forms.BooleanField(label=_("Step-free access"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day is before the first."))
            elif (end - start).days > 120:
                self.add_error("end", _("Search at most 120 days at a time."))
        return cleaned


class RoomBookingForm(forms.ModelForm):
    """A room for a time on one day, in the hub's time (Seoul)."""

    day = forms.DateField(label=_("Day"), widget=DateInput)
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = RoomBooking
        fields = ["title", "is_tentative", "event_url"]

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(name) for name in ("day", "start_time", "end_time"))
        if day and start and end:
            zone = hub_zone()
            self.instance.starts_at = datetime.datetime.combine(day, start, tzinfo=zone)
            self.instance.ends_at = datetime.datetime.combine(day, end, tzinfo=zone)
            if end <= start:
                self.add_error("end_time", _("The booking ends before it starts."))
        return cleaned

    @staticmethod
    def initial_for(starts_at):
        local = timezone.localtime(starts_at, hub_zone())
        return {"day": local.date(), "start_time": local.time()}


class ClosedDayForm(forms.ModelForm):
    class Meta:
        model = ClosedDay
        fields = ["day", "reason_ko", "reason_en"]
        widgets = {"day": DateInput}


class LetterCheckForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=30)


class OccupancyForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput, required=False)
    days = forms.IntegerField(
        label=_("Days"), min_value=1, max_value=120, required=False, initial=28
    )
