"""Forms of the research pages (no business rules: those are in the models and domain/)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nairl.common.identifiers import normalize_orcid, normalize_ror
from nairl.people.models import ExpertiseArea, Institution, Person

from .credit import CreditRole
from .models import OUTPUT_FIELDS, Membership, Output, OutputAuthor, Project
from .policies import linkable_projects


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


class InstitutionField(forms.CharField):
    """One institution of the directory, by ROR id or directory number (optional)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        institution = looked_up(Institution, text, normalize_ror, "ror_id")
        if institution is None:
            raise ValidationError(
                _("No institution in the directory has the ROR id or number “%(value)s”."),
                params={"value": text},
            )
        return institution


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
    institution = InstitutionField(
        label=_("Institution"),
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


class AuthorForm(forms.Form):
    """One author row: the name as written, and the directory's records when known."""

    name = forms.CharField(label=_("Name as written"), max_length=300, required=False)
    person = PersonField(label=_("Person"), required=False, help_text="")
    affiliation = forms.CharField(label=_("Affiliation as written"), max_length=500, required=False)
    institution = InstitutionField(label=_("Institution"), help_text="")

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("person") or data.get("affiliation")):
            self.add_error("name", _("Give the author's name as written on the output."))
        return data


AuthorFormSet = forms.formset_factory(AuthorForm, extra=3, max_num=500, validate_max=True)


class OutputForm(forms.ModelForm):
    """An output and its authors in order (one row each; empty rows are ignored)."""

    url = forms.URLField(
        label=_("web address"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Output
        fields = [*OUTPUT_FIELDS, "projects"]
        widgets = {"published": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        linked = self.instance.projects.all() if self.instance.pk else Project.objects.none()
        self.fields["projects"].queryset = (linked | linkable_projects(user)).distinct()
        self.fields["projects"].help_text = _("The projects this output comes from.")
        self.authors = AuthorFormSet(
            self.data or None, prefix="authors", initial=self.initial_authors()
        )

    def initial_authors(self) -> list[dict]:
        if not self.instance.pk:
            return []
        return [
            {
                "name": author.name,
                "person": author.person,
                "affiliation": author.affiliation,
                "institution": author.institution.ror_id or author.institution.pk
                if author.institution
                else "",
            }
            for author in self.instance.authors.select_related("person", "institution")
        ]

    def is_valid(self):
        return all([super().is_valid(), self.authors.is_valid()])

    @property
    def errors(self):
        errors = super().errors
        if self.is_bound and not self.authors.is_valid() and "authors" not in errors:
            errors["authors"] = self.error_class([_("Check the authors' rows.")])
        return errors

    def author_rows(self) -> list[OutputAuthor]:
        return [
            OutputAuthor(
                name=row["name"],
                person=row.get("person"),
                affiliation=row.get("affiliation", ""),
                institution=row.get("institution"),
            )
            for row in self.authors.cleaned_data
            if row.get("name")
        ]


class OutputImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A BibTeX (.bib), CSL-JSON or ORCID record (.json) file in UTF-8; the format is "
            "recognised from the content."
        ),
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("The imported outputs are added to these projects."),
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid entries"),
        required=False,
        help_text=_(
            "Without this, nothing is imported from a file with problems; with it, the entries "
            "that cannot be imported are listed and the others imported."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = linkable_projects(user)


class AuthorReviewForm(forms.Form):
    """The review of an import's author links: for each name not linked by ORCID, one of the
    directory persons of that name, or none (kept as written). The file and the import's options
    travel signed in `token`, so what is confirmed is what was reviewed."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, candidates: dict[str, list], **kwargs):
        super().__init__(*args, **kwargs)
        self.names = sorted(candidates)
        for number, name in enumerate(self.names):
            people = candidates[name]
            self.fields[f"author-{number}"] = forms.ChoiceField(
                label=name,
                choices=[(str(person.pk), person_hint(person)) for person in people]
                + [("", _("None of them: keep the name as written"))],
                required=False,
                initial=str(people[0].pk) if len(people) == 1 else "",
                widget=forms.RadioSelect,
            )

    def author_choices(self) -> dict[str, int | None]:
        return {
            name: int(self.cleaned_data[f"author-{number}"] or 0) or None
            for number, name in enumerate(self.names)
        }


def person_hint(person) -> str:
    """A candidate as a librarian tells namesakes apart: where they work now, in which country
    (the person's own country when no affiliation is current)."""
    places = [
        f"{affiliation.institution} ({affiliation.institution.country.name})"
        for affiliation in person.current_affiliations
    ] or ([person.country.name] if person.country else [])
    return f"{person} — {'; '.join(places)}" if places else str(person)


class MergeForm(forms.Form):
    """Which output stays and which is merged into it."""

    kept = forms.ModelChoiceField(
        queryset=Output.objects.filter(merged_into__isnull=True), widget=forms.HiddenInput
    )
    duplicate = forms.ModelChoiceField(
        queryset=Output.objects.filter(merged_into__isnull=True), widget=forms.HiddenInput
    )
