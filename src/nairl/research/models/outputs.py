"""Research outputs (papers, preprints, code, data sets, models, patents) and their authors."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from nairl.common.audit import Audited
from nairl.people.models import Institution, Person

from ..identifiers import normalize_arxiv_id, normalize_doi, normalize_patent, normalize_url
from ..titles import title_key
from .projects import Project

CANONICAL_FORMS = {
    "doi": normalize_doi,
    "arxiv_id": normalize_arxiv_id,
    "url": normalize_url,
    "patent_number": normalize_patent,
}

# What a person enters about an output (form, API and export columns alike).
OUTPUT_FIELDS = (
    "kind",
    "title",
    "venue",
    "year",
    "published",
    "doi",
    "arxiv_id",
    "url",
    "patent_number",
    "access",
)


class Output(Audited):
    class Kind(models.TextChoices):
        PAPER = "paper", _("Paper")
        PREPRINT = "preprint", _("Preprint")
        CODE = "code", _("Code")
        DATASET = "dataset", _("Data set")
        MODEL = "model", _("Model")
        PATENT = "patent", _("Patent")

    class Access(models.TextChoices):
        UNKNOWN = "unknown", _("Unknown")
        OPEN = "open", _("Open access")
        GREEN = "green", _("Open copy in a repository")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PAPER)
    title = models.CharField(_("title"), max_length=1000, help_text=_("As written."))
    title_key = models.CharField(max_length=300, editable=False, db_index=True)
    venue = models.CharField(_("venue"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    published = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("The exact day, when known (the year alone otherwise)."),
    )
    # Null rather than blank when missing, so that the unique constraints ignore them.
    doi = models.CharField(_("DOI"), max_length=200, null=True, blank=True)  # noqa: DJ001
    arxiv_id = models.CharField(_("arXiv id"), max_length=40, null=True, blank=True)  # noqa: DJ001
    url = models.URLField(_("web address"), max_length=500, blank=True)
    patent_number = models.CharField(_("patent number"), max_length=40, blank=True)
    access = models.CharField(
        _("open access"), max_length=8, choices=Access.choices, default=Access.UNKNOWN
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="outputs", verbose_name=_("projects")
    )
    # Whether the authors worked in more than one country when it was published: computed by
    # domain/coauthorship.py from the authors' affiliations on that date.
    is_international = models.BooleanField(_("international co-authorship"), default=False)
    # The authors' countries (each author's `country`), each once, space-separated: the country
    # filter tests this column instead of searching the author rows (domain/coauthorship.py).
    countries = models.TextField(editable=False, blank=True)
    # Title, venue and authors' names in one column: search is one scan, not a join.
    search_text = models.TextField(editable=False, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged",
        verbose_name=_("merged into"),
        db_index=False,  # indexed below, for the few merged records only
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    audit_exclude = ("search_text", "title_key", "countries")

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            # A merged record keeps its identifiers (the history), so uniqueness is among the
            # records still in use.
            models.UniqueConstraint(
                fields=["doi"],
                condition=Q(merged_into__isnull=True, doi__isnull=False),
                name="research_output_unique_doi",
                violation_error_message=_("Another output has this DOI."),
            ),
            models.UniqueConstraint(
                fields=["arxiv_id"],
                condition=Q(merged_into__isnull=True, arxiv_id__isnull=False),
                name="research_output_unique_arxiv",
                violation_error_message=_("Another output has this arXiv id."),
            ),
        ]
        # The list's order among the records in use (merged ones are kept but not listed):
        # partial, because PostgreSQL does not read an IS NULL prefix as giving an order.
        indexes = [
            models.Index(
                fields=["-year", "-id"],
                condition=Q(merged_into__isnull=True),
                name="research_output_in_use",
            ),
            # Partial: an index of every row would offer SQLite (without statistics) a lookup of
            # `merged_into IS NULL`, taken over the list's order and then sorting every output.
            models.Index(
                fields=["merged_into"],
                condition=Q(merged_into__isnull=False),
                name="research_output_merged",
            ),
        ]
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:output", args=[self.pk])

    @property
    def reference_date(self) -> datetime.date:
        """The day whose affiliations count: the publication date, else the middle of the year."""
        return self.published or datetime.date(self.year, 7, 1)

    def clean_fields(self, exclude=None):
        for name, normalize in CANONICAL_FORMS.items():
            value = getattr(self, name)
            if value:
                try:
                    setattr(self, name, normalize(value))
                except ValidationError as error:
                    raise ValidationError({name: error.messages}) from None
        super().clean_fields(exclude)

    def clean(self):
        super().clean()
        if self.published and self.year and self.published.year != self.year:
            raise ValidationError(
                {"published": _("The publication date is not in the output's year.")}
            )
        if self.kind == self.Kind.PATENT and not self.patent_number:
            raise ValidationError({"patent_number": _("A patent needs its number.")})

    def save(self, *args, **kwargs):
        self.doi = self.doi or None  # blank ids must not collide on the unique index
        self.arxiv_id = self.arxiv_id or None
        self.title_key = title_key(self.title)
        super().save(*args, **kwargs)


class OutputAuthor(models.Model):
    """One author, in order, as written on the output; linked to the directory when known."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="authors", verbose_name=_("output")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name as written"), max_length=300)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_outputs",
        verbose_name=_("person"),
    )
    affiliation = models.CharField(_("affiliation as written"), max_length=500, blank=True)
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_output_authors",
        verbose_name=_("institution"),
    )
    # The country the author worked in on the publication date (domain/coauthorship.py).
    country = CountryField(_("country"), blank=True, editable=False)

    class Meta:
        ordering = ["output", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "position"], name="research_output_author_position"
            )
        ]
        indexes = [
            models.Index(fields=["person", "output"]),
            models.Index(fields=["country", "output"]),
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name
