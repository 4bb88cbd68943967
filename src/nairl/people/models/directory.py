import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.fields import IdListField
from nairl.common.identifiers import normalize_orcid, normalize_ror, validate_orcid, validate_ror


def canonical(normalize, value):
    """A pasted identifier (URL, lower case) in its canonical form, so that the column's length
    check sees what will be stored; a value that is no identifier is left for the validator."""
    if not value:
        return value
    try:
        return normalize(value)
    except ValidationError:
        return value


def sort_key(name_en: str, name_ko: str) -> str:
    """Directory order: by the English name where there is one (case-folded), else the Korean."""
    return (name_en or name_ko).strip().casefold()[:200]


class ExpertiseArea(BilingualModel):
    """A field of expertise; seeded with the arXiv computer-science categories."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = BilingualField(_("name"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of expertise")
        verbose_name_plural = _("fields of expertise")

    def __str__(self):
        return f"{self.code} {self.name}"


class Institution(Audited, BilingualModel):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        INSTITUTE = "institute", _("Research institute")
        COMPANY = "company", _("Company")
        GOVERNMENT = "government", _("Government")
        OTHER = "other", _("Other")

    name = BilingualField(_("name"), max_length=200)
    ror_id = models.CharField(
        _("ROR id"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ror],
        help_text=_("Research Organization Registry id, e.g. 05apxxy63."),
    )
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent institution"),
    )
    website = models.URLField(_("website"), blank=True)
    aliases = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Acronyms and other names people search for, separated by commas (KAIST, 카이스트)."
        ),
    )
    sort_name = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:institution", args=[self.pk])

    def clean_fields(self, exclude=None):
        self.ror_id = canonical(normalize_ror, self.ror_id)
        super().clean_fields(exclude)

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An institution cannot be its own ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        self.ror_id = self.ror_id or None  # blank ids must not collide on the unique index
        self.sort_name = sort_key(self.name_en, self.name_ko)
        super().save(*args, **kwargs)


class Person(Audited, BilingualModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members")
        PRIVATE = "private", _("Only me and hub staff")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )
    name = BilingualField(_("name"), max_length=150)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_orcid],
        help_text=_("For example 0000-0002-1825-0097."),
    )
    email = models.EmailField(_("email"), blank=True)
    email_visibility = models.CharField(
        _("who sees the email"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    country = CountryField(_("country"), blank=True)
    bio = BilingualField(_("biography"), text=True, required=False, max_length=5000)
    expertise = models.ManyToManyField(
        ExpertiseArea, blank=True, related_name="people", verbose_name=_("expertise")
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=True,
        help_text=_(
            "Public profiles are shown to everyone; private ones only to you and hub staff."
        ),
    )
    sort_name = models.CharField(max_length=200, editable=False, db_index=True)
    # Names, ORCID, country, expertise and current institutions in one column, so that directory
    # search is a single indexed-table scan rather than a join across four tables.
    search_text = models.TextField(editable=False, blank=True)
    # The ids of the person's fields, sorted, kept with search_text: on PostgreSQL a GIN index on
    # it lets a search combine a field with the text and the country by index alone.
    expertise_ids = IdListField()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_exclude = ("search_text", "expertise_ids", "sort_name", "updated_at")

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:person", args=[self.pk])

    def clean_fields(self, exclude=None):
        self.orcid = canonical(normalize_orcid, self.orcid)
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        self.orcid = self.orcid or None
        self.sort_name = sort_key(self.name_en, self.name_ko)
        super().save(*args, **kwargs)


class AffiliationQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(Q(start__lte=on) | Q(start__isnull=True)).filter(
            Q(end__isnull=True) | Q(end__gte=on)
        )

    def ended(self, on: datetime.date | None = None):
        return self.filter(end__lt=on or datetime.date.today())


class Affiliation(Audited):
    class Role(models.TextChoices):
        PROFESSOR = "professor", _("Professor")
        RESEARCHER = "researcher", _("Researcher")
        POSTDOC = "postdoc", _("Postdoctoral researcher")
        STUDENT = "student", _("Graduate student")
        ENGINEER = "engineer", _("Engineer")
        VISITING = "visiting", _("Visiting researcher")
        STAFF = "staff", _("Staff")
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("institution"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.RESEARCHER)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "id"]
        # Covering: the people currently at an institution, and whether one person is, are read
        # from the index alone.
        indexes = [models.Index(fields=["institution", "person", "end", "start"])]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.person} — {self.institution} ({self.get_role_display()})"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    @property
    def is_current(self) -> bool:
        today = datetime.date.today()
        return (self.start is None or self.start <= today) and (
            self.end is None or self.end >= today
        )
