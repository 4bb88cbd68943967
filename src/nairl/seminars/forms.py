"""Forms of the seminar pages (no business rules: those are in the models and domain/)."""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from nairl.common.identifiers import normalize_orcid
from nairl.common.models import validate_time_zone
from nairl.people.models import ExpertiseArea, Person
from nairl.research.forms import InstitutionsField, PersonField, looked_up
from nairl.research.models import Project

from .models import Series, Talk

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PeopleField(forms.CharField):
    """People of the directory, by ORCID iD or directory number, separated by commas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("ORCID iDs or directory numbers of the people, separated by commas.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(
                str(p.orcid or p.pk) if isinstance(p, Person) else str(p) for p in value
            )
        return value

    def clean(self, value):
        text = super().clean(value)
        found, unknown = [], []
        for part in [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]:
            try:
                person = looked_up(Person, part, normalize_orcid, "orcid")
            except ValidationError:
                person = None
            (found if person else unknown).append(person or part)
        if unknown:
            raise ValidationError(
                _("No one in the directory has the ORCID iD or number: %(values)s."),
                params={"values": ", ".join(unknown)},
            )
        return list(dict.fromkeys(found))


class LocalDateTimeField(forms.DateTimeField):
    """A date and time on a wall clock, without a zone (the form says which zone it is in)."""

    widget = DATETIME_INPUT

    def to_python(self, value):
        with timezone.override(datetime.UTC):  # read as given: no conversion, no DST gap
            parsed = super().to_python(value)
        return parsed.replace(tzinfo=None) if parsed else parsed


def aware(naive: datetime.datetime, zone: str, field: str) -> datetime.datetime:
    """The wall-clock time in the zone; refused when that zone's clocks skip or repeat it."""
    tz = zoneinfo.ZoneInfo(zone)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    back = first.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None)
    facts = {"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone}
    if back != naive:
        raise ValidationError(
            {field: _("%(time)s does not exist in %(zone)s (the clocks skip it that day).") % facts}
        )
    if first.utcoffset() != second.utcoffset():
        raise ValidationError(
            {
                field: _(
                    "%(time)s happens twice in %(zone)s (the clocks go back that day); "
                    "choose another time."
                )
                % facts
            }
        )
    return first


def https_links(field, **kwargs):
    """The model's form field; a link typed without a scheme means https (as Django 6 will
    assume; 5.2 assumes http and warns)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SeriesForm(forms.ModelForm):
    organisers = PeopleField(label=_("Organisers"))
    partners = InstitutionsField(label=_("Partner institutions"))

    class Meta:
        model = Series
        fields = Series.edited_fields
        formfield_callback = https_links
        widgets = {"usual_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["organisers"] = list(self.instance.organisers.all())
            self.initial["partners"] = list(self.instance.partners.all())


class TalkForm(forms.ModelForm):
    speaker = PersonField(label=_("Speaker from the directory"), required=False)
    local_start = LocalDateTimeField(label=_("Starts"), help_text=_("In the talk's time zone."))
    local_end = LocalDateTimeField(label=_("Ends"), help_text=_("In the talk's time zone."))
    project = forms.IntegerField(
        label=_("Research project number"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The number of the research project this talk belongs to, if any."),
    )

    class Meta:
        model = Talk
        fields = [
            "speaker",
            "guest_name",
            "guest_affiliation",
            "title_ko",
            "title_en",
            "abstract_ko",
            "abstract_en",
            "time_zone",
            "local_start",
            "local_end",
            "room",
            "online_link",
            "capacity",
            "is_published",
            "slides_url",
            "recording_url",
            "keywords",
            "project",
        ]
        formfield_callback = https_links
        widgets = {"keywords": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keywords"].queryset = ExpertiseArea.objects.all()
        talk = self.instance
        if talk.start:
            self.initial["local_start"] = talk.local_start.replace(tzinfo=None)
            self.initial["local_end"] = talk.local_end.replace(tzinfo=None)
        if talk.project_id:
            self.initial["project"] = talk.project_id

    def clean_project(self):
        number = self.cleaned_data.get("project")
        if number is None:
            return None
        project = Project.objects.filter(pk=number).first()
        if project is None:
            raise ValidationError(
                _("There is no research project number %(number)d."), params={"number": number}
            )
        return project

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        start, end = cleaned.get("local_start"), cleaned.get("local_end")
        if zone in zoneinfo.available_timezones() and start and end:
            try:
                start, end = aware(start, zone, "local_start"), aware(end, zone, "local_end")
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    self.add_error(field, problems)
                return cleaned
            if end <= start:
                self.add_error("local_end", _("The talk ends before it starts."))
            else:
                self.instance.start, self.instance.end = start, end
        return cleaned


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput,
        help_text=_("We send the confirmation and the link to cancel here."),
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, initial="ko"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()[:2]
        if user is not None and user.is_authenticated:
            person = getattr(user, "person", None)
            self.fields["name"].initial = (person.name if person else "") or user.get_full_name()
            self.fields["email"].initial = user.email
            self.fields["language"].initial = user.language


class SlotFinderForm(forms.Form):
    """Who takes part (time zones or people of the directory) and when the meetings may be."""

    MODES = [("slots", _("Rank weekly slots")), ("rotation", _("Propose a rotation"))]

    participants = forms.CharField(
        label=_("Participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_(
            "One per line: a name, a time zone and acceptable local hours, e.g. "
            "“Toronto, America/Toronto, 8-19”. Hours default to 9-18."
        ),
    )
    people = PeopleField(
        label=_("People of the directory"),
        help_text=_(
            "ORCID iDs or directory numbers; their zone is the one on their account or their "
            "country's."
        ),
    )
    reference_zone = forms.CharField(
        label=_("Series time zone"),
        initial="Asia/Seoul",
        max_length=64,
        validators=[validate_time_zone],
    )
    first_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last_date = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=Series.Weekday.choices,
        coerce=int,
        initial=[0, 1, 2, 3, 4],
        widget=forms.CheckboxSelectMultiple,
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), initial=60, min_value=15, max_value=480
    )
    mode = forms.ChoiceField(label=_("What to find"), choices=MODES, initial="slots")
    max_times = forms.IntegerField(
        label=_("Different times in the rotation (at most)"), initial=3, min_value=1, max_value=4
    )

    def clean_participants(self):
        """Lines of "name, zone, hours" as (name, zone, earliest, latest)."""
        rows = []
        for number, line in enumerate(self.cleaned_data["participants"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) not in (2, 3) or not all(parts):
                raise ValidationError(
                    _("Line %(line)d: write a name, a time zone and, if you like, hours (9-18)."),
                    params={"line": number},
                )
            earliest, latest = datetime.time(9), datetime.time(18)
            if len(parts) == 3:
                earliest, latest = hour_window(parts[2], number)
            try:
                validate_time_zone(parts[1])
            except ValidationError as error:
                raise ValidationError(
                    _("Line %(line)d: %(reason)s"),
                    params={"line": number, "reason": " ".join(error.messages)},
                ) from error
            rows.append((parts[0][:60], parts[1], earliest, latest))
        return rows

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("participants") and not cleaned.get("people") and not self.errors:
            raise ValidationError(_("Add at least one participant."))
        return cleaned


def hour_window(text: str, line: int) -> tuple[datetime.time, datetime.time]:
    """ "8-19" or "8:30-19:00" as two times."""
    try:
        start, end = (parse_hour(part) for part in text.split("-"))
    except ValueError as error:
        raise ValidationError(
            _("Line %(line)d: write hours as 9-18 or 8:30-17:30."), params={"line": line}
        ) from error
    if start >= end:
        raise ValidationError(
            _("Line %(line)d: the earliest hour must come before the latest."),
            params={"line": line},
        )
    return start, end


def parse_hour(text: str) -> datetime.time:
    hour, _colon, minute = text.strip().partition(":")
    value = int(hour) * 60 + int(minute or 0)
    if not 0 <= value <= 24 * 60 or not 0 <= int(minute or 0) < 60:
        raise ValueError(text)
    return datetime.time(23, 59) if value == 24 * 60 else datetime.time(value // 60, value % 60)
