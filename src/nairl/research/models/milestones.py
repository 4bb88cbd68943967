"""A project's milestones: what is due when, who answers for it, and when it was done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.people.models import Person

from .projects import Project


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_on__isnull=True)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(due__lt=today or datetime.date.today())


class Milestone(Audited, BilingualModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = BilingualField(_("title"), max_length=300)
    # Members only, like the project's notes (see policies.py).
    description = BilingualField(_("description"), text=True, required=False, max_length=10000)
    due = models.DateField(_("due date"))
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="research_milestones",
        verbose_name=_("owner"),
        help_text=_("A member of the project who answers for the milestone."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["project", "due"]), models.Index(fields=["owner", "due"])]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:project", args=[self.project_id]) + "#section-research-milestones"

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due < datetime.date.today()

    def owner_was_member(self) -> bool:
        """Whether the owner works on the project on the due date — or today, so that an open
        milestone whose owner left can be handed to someone who joined since."""
        periods = self.project.memberships.filter(person_id=self.owner_id)
        dates = [self.due] if self.due else []
        if self.completed_on is None:
            dates.append(datetime.date.today())
        return any(periods.current(on).exists() for on in dates)

    def clean(self):
        super().clean()
        if not self.project_id:
            return
        project = self.project
        errors = {}
        if self.due and (self.due < project.start or (project.end and self.due > project.end)):
            errors["due"] = _("The due date is outside the project's dates (%(period)s).") % {
                "period": f"{project.start} – {project.end or '…'}"
            }
        if self.completed_on and self.completed_on < project.start:
            errors["completed_on"] = _("The project had not started on that date.")
        if self.owner_id and not self.owner_was_member():
            errors["owner"] = _(
                "The owner must be a member of the project on the due date "
                "(or today, for a milestone still open)."
            )
        if errors:
            raise ValidationError(errors)
