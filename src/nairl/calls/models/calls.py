"""Calls for applications: their phases, the questions applicants answer and the criteria
reviewers score."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.models import user_or_none, validate_time_zone

from ..filetypes import FILE_TYPES

# (field, label) of the phase boundaries, in the order they must come.
PHASE_BOUNDARIES = (
    ("opens_at", _("submissions open")),
    ("closes_at", _("submission deadline")),
    ("review_starts_at", _("review starts")),
    ("review_ends_at", _("review deadline")),
    ("decisions_at", _("decisions announced")),
)


class Call(Audited, BilingualModel):
    class Kind(models.TextChoices):
        RESIDENCY = "residency", _("Residency")
        FELLOWSHIP = "fellowship", _("Fellowship")
        SCHOOL = "school", _("School")
        JOINT_PROJECT = "joint_project", _("Joint research project")
        TALK = "talk", _("Seminar talk")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone may apply")
        INVITED = "invited", _("Invited applicants only")

    program = models.ForeignKey(
        "research.Program",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("program"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), text=True, max_length=20000)
    eligibility = BilingualField(_("eligibility"), text=True, required=False, max_length=5000)
    time_zone = models.CharField(
        _("time zone of the dates"),
        max_length=64,
        default="Asia/Seoul",
        validators=[validate_time_zone],
        help_text=_("The dates below are read and shown in this time zone."),
    )
    opens_at = models.DateTimeField(_("submissions open"))
    closes_at = models.DateTimeField(_("submission deadline"))
    review_starts_at = models.DateTimeField(_("review starts"))
    review_ends_at = models.DateTimeField(_("review deadline"))
    decisions_at = models.DateTimeField(_("decisions announced"))
    visibility = models.CharField(
        _("who may apply"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="call_invitations",
        verbose_name=_("invited applicants"),
    )
    blind = models.BooleanField(
        _("blind review"),
        default=True,
        help_text=_("Reviewers never learn who the applicants are."),
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews per application"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    reviewer_load = models.PositiveSmallIntegerField(
        _("most applications per reviewer"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    min_expertise = models.FloatField(
        _("minimum total expertise per application"),
        default=0.3,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
        help_text=_(
            "The automatic assignment gives each application reviewers whose expertise "
            "affinities (0 to 1 each) add up to at least this."
        ),
    )
    score_min = models.SmallIntegerField(_("lowest score"), default=1)
    score_max = models.SmallIntegerField(_("highest score"), default=5)
    disagreement = models.FloatField(
        _("disagreement threshold"),
        default=1.5,
        validators=[MinValueValidator(0.0)],
        help_text=_("Applications whose reviewers' totals differ by this much are discussed."),
    )
    max_applications_per_person = models.PositiveSmallIntegerField(
        _("most applications per person"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    release_reviews = models.BooleanField(
        _("show reviews to applicants after the decision"),
        default=False,
        help_text=_("Only the comments reviewers address to the applicant, never their names."),
    )
    run_by = user_or_none(_("run by"), related_name="calls_run")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # What managers set, on the page and through the API alike (the form and the serializer).
    edited_fields = (
        "program",
        "kind",
        "title_ko",
        "title_en",
        "description_ko",
        "description_en",
        "eligibility_ko",
        "eligibility_en",
        "time_zone",
        *[name for name, _label in PHASE_BOUNDARIES],
        "visibility",
        "blind",
        "reviews_per_application",
        "reviewer_load",
        "min_expertise",
        "score_min",
        "score_max",
        "disagreement",
        "max_applications_per_person",
        "release_reviews",
    )

    class Meta:
        ordering = ["-closes_at", "-id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:call", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        for (earlier, earlier_label), (later, _later_label) in zip(
            PHASE_BOUNDARIES, PHASE_BOUNDARIES[1:], strict=False
        ):
            first, then = getattr(self, earlier), getattr(self, later)
            if first and then and then <= first:
                errors[later] = _("This must come after %(earlier)s: phases never overlap.") % {
                    "earlier": earlier_label
                }
        if self.score_min is not None and self.score_max is not None:
            if self.score_max <= self.score_min:
                errors["score_max"] = _("The highest score must be above the lowest.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at <= self.closes_at

    def phase(self, at=None) -> str:
        at = at or timezone.now()
        if at < self.opens_at:
            return "upcoming"
        if at <= self.closes_at:
            return "submission"
        if at <= self.review_ends_at:
            return "review"
        if at < self.decisions_at:
            return "decision"
        return "closed"

    @property
    def weights(self) -> dict[int, float]:
        return {criterion.pk: criterion.weight for criterion in self.criteria.all()}


class Question(Audited, BilingualModel):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short", _("Short text")
        LONG_TEXT = "long", _("Long text")
        CHOICE = "choice", _("Choice")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        FILE = "file", _("File upload")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="questions", verbose_name=_("call")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    label = BilingualField(_("question"), max_length=300)
    help = BilingualField(_("explanation"), text=True, required=False, max_length=2000)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("For a choice: one option per line."),
    )
    max_length = models.PositiveIntegerField(
        _("longest answer (characters)"),
        default=5000,
        validators=[MinValueValidator(1), MaxValueValidator(50000)],
    )
    min_value = models.FloatField(_("smallest number"), null=True, blank=True)
    max_value = models.FloatField(_("largest number"), null=True, blank=True)
    file_types = models.JSONField(
        _("file types"), default=list, blank=True, help_text=_("For a file: the types accepted.")
    )
    max_file_bytes = models.PositiveIntegerField(
        _("largest file (bytes)"),
        default=10_000_000,
        validators=[MinValueValidator(1_000), MaxValueValidator(50_000_000)],
    )

    # What people set, on the page and through the API alike (the form and the serializer).
    edited_fields = (
        "order",
        "kind",
        "label_ko",
        "label_en",
        "help_ko",
        "help_en",
        "required",
        "options",
        "max_length",
        "min_value",
        "max_value",
        "file_types",
        "max_file_bytes",
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and not self.options:
            raise ValidationError({"options": _("A choice needs at least one option.")})
        unknown = set(self.file_types) - set(FILE_TYPES)
        if unknown:
            raise ValidationError({"file_types": _("Unknown file type: %s.") % ", ".join(unknown)})
        if self.kind == self.Kind.FILE and not self.file_types:
            raise ValidationError({"file_types": _("Choose the file types accepted.")})
        if self.min_value is not None and self.max_value is not None:
            if self.max_value < self.min_value:
                raise ValidationError({"max_value": _("The largest number is below the smallest.")})

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Criterion(Audited, BilingualModel):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = BilingualField(_("criterion"), max_length=200)
    description = BilingualField(_("what reviewers judge"), text=True, required=False)
    weight = models.FloatField(
        _("weight"), default=1.0, validators=[MinValueValidator(0.01), MaxValueValidator(100.0)]
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self):
        return self.name
