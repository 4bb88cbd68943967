"""Forms of the research pages (no business rules: those are in the models and domain/)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nairl.common.identifiers import normalize_orcid, normalize_ror
from nairl.people.models import ExpertiseArea, Institution, Person

from .credit import CreditRole
from .models import Membership, Project


def looked_up(model, text: str, normalize, identifier_field: str):
    """A directory record named by its identifier (ORCID iD, ROR id) or its number; None when
    there is none. A text that is neither raises the identifier's own error."""
    text = text.strip()
    try:
        return model.objects.filter(**{identifier_field: normalize(text)}).first()
    except ValidationError:
        if not (text.isdigit() and len(text) < 19):
            raise
    return model.objects.filter(pk=int(text)).first()


class PersonField(forms.CharField):
    """A person of the directory, by ORCID iD or directory number (a list of 20,000 names would
    be no choice at all)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", _("ORCID iD or directory number of the person."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Person):
            return value.orcid or value.pk
        if isinstance(value, int):
            person = Person.objects.filter(pk=value).only("orcid").first()
            return (person.orcid or value) if person else value
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        person = looked_up(Person, text, normalize_orcid, "orcid")
        if person is None:
            raise ValidationError(
                _("No one in the directory has the ORCID iD or number “%(value)s”."),
                params={"value": text},
            )
        return person


class InstitutionsField(forms.CharField):
    """Institutions of the directory, by ROR id or directory number, separated by commas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("ROR ids or directory numbers of the institutions, separated by commas.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(
                (item.ror_id or str(item.pk)) if isinstance(item, Institution) else str(item)
                for item in value
            )
        return value

    def clean(self, value):
        text = super().clean(value)
        found, unknown = [], []
        for part in [part for part in text.replace(";", ",").split(",") if part.strip()]:
            try:
                institution = looked_up(Institution, part, normalize_ror, "ror_id")
            except ValidationError:
                institution = None
            (found if institution else unknown).append(institution or part.strip())
        if unknown:
            raise ValidationError(
                _("No institution in the directory has the ROR id or number: %(values)s."),
                params={"values": ", ".join(unknown)},
            )
        return list(dict.fromkeys(found))


class ProjectForm(forms.ModelForm):
    principal_investigator = PersonField(label=_("Principal investigator"))
    partners = InstitutionsField(label=_("Partner institutions"))

    class Meta:
        model = Project
        fields = [
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
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "keywords": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keywords"].queryset = ExpertiseArea.objects.all()
        if self.instance.pk:
            self.initial["partners"] = list(self.instance.partners.all())


class MembershipForm(forms.ModelForm):
    person = PersonField(label=_("Person"))
    roles = forms.MultipleChoiceField(
        label=_("Contributor roles"),
        choices=CreditRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("CRediT roles: what the person contributes."),
    )
    institution = forms.CharField(
        label=_("Institution"),
        required=False,
        max_length=100,
        help_text=_(
            "ROR id or directory number of the institution the person works on the project for; "
            "left empty, their current one."
        ),
    )

    class Meta:
        model = Membership
        fields = ["person", "institution", "roles", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.institution_id:
            institution = self.instance.institution
            self.initial["institution"] = institution.ror_id or institution.pk

    def clean_institution(self):
        text = self.cleaned_data["institution"].strip()
        if not text:
            return None
        institution = looked_up(Institution, text, normalize_ror, "ror_id")
        if institution is None:
            raise ValidationError(
                _("No institution in the directory has the ROR id or number “%(value)s”."),
                params={"value": text},
            )
        return institution
