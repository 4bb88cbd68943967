"""Cohorts of the AI-leader programs: accepted fellows and school participants, their mentors,
sessions and completion."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel


class Cohort(Audited, BilingualModel):
    program = models.ForeignKey(
        "research.Program", on_delete=models.PROTECT, related_name="cohorts"
    )
    call = models.ForeignKey(
        "calls.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts"
    )
    name = BilingualField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("calls:cohort", args=[self.pk])


class CohortMember(Audited):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        MENTOR = "mentor", _("Mentor")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cohort_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    application = models.ForeignKey(
        "calls.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["role", "person__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="calls_cohort_member_once")
        ]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")

    def __str__(self):
        return f"{self.person} — {self.cohort}"


class CohortSession(BilingualModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = BilingualField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("cohort session")
        verbose_name_plural = _("cohort sessions")

    def __str__(self):
        return self.title
