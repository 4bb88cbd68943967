"""What can be done to a project's milestones, whoever asks (page, API, command or demo).
Who may is the policy's business (`milestone_policy`): the project's managers."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Milestone, Project


def add_milestone(*, project: Project, milestone: Milestone, by) -> Milestone:
    milestone.project = project
    milestone.full_clean()
    milestone.save()
    return milestone


def edit_milestone(*, milestone: Milestone, by) -> Milestone:
    milestone.full_clean()
    milestone.save()
    return milestone


def complete_milestone(*, milestone: Milestone, by, on: datetime.date | None = None) -> Milestone:
    """Marks the milestone done (today unless told when); a done one is refused."""
    if milestone.completed_on is not None:
        raise ValidationError(
            {
                "completed_on": _("This milestone was already completed on %(date)s.")
                % {"date": milestone.completed_on}
            }
        )
    milestone.completed_on = on or datetime.date.today()
    return edit_milestone(milestone=milestone, by=by)


def reopen_milestone(*, milestone: Milestone, by) -> Milestone:
    if milestone.completed_on is None:
        raise ValidationError({"completed_on": _("This milestone is still open.")})
    milestone.completed_on = None
    return edit_milestone(milestone=milestone, by=by)
