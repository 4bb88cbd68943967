"""Reviewers, conflicts of interest, assignments and reviews."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.jobs import BackgroundJob

from .applications import Application
from .calls import Call


class CallReviewer(Audited):
    """A reviewer invited to a call's pool, with their own load limit if it differs."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewer_pool")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_pools",
        verbose_name=_("reviewer"),
    )
    max_load = models.PositiveSmallIntegerField(
        _("most applications"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
        help_text=_("Empty: the call's limit."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="calls_reviewer_once")
        ]
        verbose_name = _("call reviewer")
        verbose_name_plural = _("call reviewers")

    def __str__(self):
        return f"{self.reviewer} ({self.call_id})"

    @property
    def load_limit(self) -> int:
        return self.call.reviewer_load if self.max_load is None else self.max_load


class Conflict(Audited):
    """A reviewer who must not review an application, and why."""

    class Source(models.TextChoices):
        SELF = "self", _("The applicant themself")
        INSTITUTION = "institution", _("Same current institution")
        PROJECT = "project", _("Shared project in the last three years")
        COAUTHOR = "coauthor", _("Co-authored output in the last three years")
        ADVISOR = "advisor", _("Advisor and advisee")
        DECLARED = "declared", _("Declared by the reviewer")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_conflicts"
    )
    source = models.CharField(_("reason"), max_length=12, choices=Source.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "reviewer", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "source"], name="calls_conflict_once"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "application"])]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self):
        return f"{self.reviewer_id} × {self.application_id}: {self.source}"


class AdvisorRelation(Audited):
    """One person advised another (a doctorate, a postdoc): a conflict for life."""

    advisor = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="advisees_recorded"
    )
    advisee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="advisors_recorded"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["advisor", "advisee"], name="calls_advisor_once")
        ]
        verbose_name = _("advisor relation")
        verbose_name_plural = _("advisor relations")

    def __str__(self):
        return f"{self.advisor} → {self.advisee}"


class Assignment(Audited):
    class Method(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic")
        MANUAL = "manual", _("By hand")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    affinity = models.FloatField(_("affinity"), default=0.0)
    # Why this reviewer: shared fields, similarity of texts, the terms they share.
    reasons = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="calls_assignment_once"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "call"])]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self):
        return _("Review of %(application)s") % {"application": self.application}

    def get_absolute_url(self):
        return reverse("calls:review", args=[self.pk])


class Review(Audited):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    scores = models.JSONField(_("scores"), default=dict)
    confidence = models.PositiveSmallIntegerField(
        _("confidence"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1: an outsider's view; 5: you know this field closely."),
    )
    comment_to_applicant = models.TextField(
        _("comments for the applicant"), blank=True, max_length=10000
    )
    comment_to_committee = models.TextField(
        _("comments for the committee only"), blank=True, max_length=10000
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    total = models.FloatField(_("weighted total"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = ("updated_at",)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return _("review %(id)s") % {"id": self.pk}


class AssignmentRun(BackgroundJob):
    """One run of the automatic assignment for a call."""

    task = "nairl.calls.tasks.run_assignment"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="assignment_runs")
    result = models.JSONField(default=dict, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("automatic assignment")
        verbose_name_plural = _("automatic assignments")

    def __str__(self):
        return _("automatic assignment %(id)s") % {"id": self.pk}


class AccessRefusal(models.Model):
    """Someone tried to reach what is not theirs (another review, a conflicted application)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    path = models.CharField(max_length=300)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("refused access")
        verbose_name_plural = _("refused accesses")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.what} {self.object_id}"
