"""Applications to calls, their answers and their attached files."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.models import optional_key

from .calls import Call, Question


class Application(Audited):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="call_applications",
        verbose_name=_("applicant"),
    )
    person = optional_key("people.Person", _("directory profile"), related_name="call_applications")
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("title"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    expertise = models.ManyToManyField(
        "people.ExpertiseArea",
        blank=True,
        related_name="call_applications",
        verbose_name=_("fields"),
        help_text=_("The fields of the application: they help choose its reviewers."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    decision_note = models.TextField(_("message with the decision"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    audit_exclude = ("updated_at",)

    class Meta:
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="calls_application_number")
        ]
        indexes = [models.Index(fields=["applicant", "call"])]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        # The code, never the applicant's name: this is what audit entries and reviewers see.
        return _("Application %(code)s") % {"code": self.code}

    @property
    def code(self) -> str:
        return f"{self.call_id}-{self.number:04d}"

    def get_absolute_url(self):
        return reverse("calls:application", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED


DECIDED = (
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
)


class Attachment(Audited):
    """A file answering a question; kept under NAIRL_VAR_DIR/private (never a public URL)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    names_in_metadata = models.JSONField(default=list, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["question__order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return _("attachment %(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        return reverse("calls:attachment", args=[self.pk])
