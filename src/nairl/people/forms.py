import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nairl.common.choices import CountryChoiceField
from nairl.common.filters import DateInput
from nairl.common.widgets import GroupedCheckboxes

from .expertise import grouped_choices
from .models import Affiliation, ExpertiseArea, Institution, Person

PERSON_FIELDS = [
    "name_ko",
    "name_en",
    "orcid",
    "email",
    "email_visibility",
    "country",
    "bio_ko",
    "bio_en",
    "expertise",
    "is_public",
]
INSTITUTION_FIELDS = [
    "name_ko",
    "name_en",
    "aliases",
    "ror_id",
    "country",
    "kind",
    "parent",
    "website",
]


def identifier_field(model, name):
    """A form field for an identifier that also takes the URL people paste (the model stores the
    canonical form), so the column's short length does not refuse https://orcid.org/..."""
    column = model._meta.get_field(name)
    return forms.CharField(
        label=column.verbose_name, help_text=column.help_text, required=False, max_length=100
    )


def https_website(field, **kwargs):
    """The model's form field; a website typed without a scheme ("kaist.ac.kr") means https, as
    Django 6 will assume (5.2 still assumes http and warns)."""
    if field.name == "website":
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PersonForm(forms.ModelForm):
    orcid = identifier_field(Person, "orcid")
    country = CountryChoiceField(blank_label="---------", required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"expertise": GroupedCheckboxes}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].widget.choices = grouped_choices(ExpertiseArea.objects.all())


class InstitutionForm(forms.ModelForm):
    ror_id = identifier_field(Institution, "ror_id")
    country = CountryChoiceField(blank_label="---------")

    class Meta:
        model = Institution
        fields = INSTITUTION_FIELDS
        formfield_callback = https_website

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Institution.objects.only("id", "name_ko", "name_en")


class ImportForm(forms.Form):
    KINDS = [("institutions", _("Institutions")), ("people", _("People"))]

    kind = forms.ChoiceField(label=_("What the file holds"), choices=KINDS)
    file = forms.FileField(
        label=_("CSV or Excel file"), help_text=_("UTF-8 CSV or .xlsx, first row the column names.")
    )


class AffiliationForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["institution", "role", "start", "end"]
        widgets = {"start": DateInput, "end": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.only("id", "name_ko", "name_en")


class EndAffiliationForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["end"]
        widgets = {"end": DateInput}
        labels = {"end": _("Last day")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].required = True
        self.fields["end"].initial = self.instance.end or datetime.date.today()
