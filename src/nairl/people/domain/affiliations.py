"""A person's affiliations: added, corrected and ended by the person themself or hub staff (the
pages check who; these verbs keep the rules, for pages, API and commands alike)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Affiliation


def save_affiliation(*, affiliation: Affiliation, by) -> Affiliation:
    """A new affiliation, or a correction of any field of one (a wrong institution, role or
    date; the audit trail keeps the old values)."""
    affiliation.full_clean()
    affiliation.save()
    return affiliation


def end_affiliation(*, affiliation: Affiliation, by) -> Affiliation:
    """Sets the last day (`affiliation.end`, as given); the affiliation stays in the history."""
    if affiliation.end is None:
        raise ValidationError({"end": _("Give the last day of the affiliation.")})
    affiliation.full_clean()
    affiliation.save(update_fields=["end"])
    return affiliation
