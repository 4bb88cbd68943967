"""What can be done to a study, whoever asks (page, API, command or demo)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Study
from ..policies import study_policy


def create_study(*, study: Study, members=(), by) -> Study:
    """Saves a new study; whoever creates it owns it."""
    study.owner = by
    study.save()
    study.members.set(members)
    return study


def update_study(*, study: Study, members=None, by) -> Study:
    """Saves the study's changes; `members` (when given) replaces its members, which only the
    owner, program directors and administrators may do."""
    if members is not None and not study_policy.can_manage_members(by, study):
        raise ValidationError(
            {
                "members": _(
                    "Only the owner, program directors and administrators change a study's members."
                )
            }
        )
    study.save()
    if members is not None:
        study.members.set(members)
    return study
