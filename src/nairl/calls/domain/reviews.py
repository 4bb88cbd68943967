"""Reviews: a score per criterion within the call's scale, a confidence, comments; kept as a
draft until submitted, and locked once the application is decided."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..matching.strictness import weighted_total
from ..models import Review


def clean_scores(call, raw: dict, *, complete: bool) -> dict:
    """Scores by criterion id (as text), whole numbers within the scale; errors by criterion
    field name (`c<id>`)."""
    scores, errors = {}, {}
    for criterion in call.criteria.all():
        field = f"c{criterion.pk}"
        value = raw.get(str(criterion.pk), raw.get(field))
        if value in (None, ""):
            if complete:
                errors[field] = [_("Score this criterion before you submit.")]
            continue
        try:
            number = int(str(value))
        except ValueError:
            errors[field] = [_("Enter a whole number.")]
            continue
        if not call.score_min <= number <= call.score_max:
            errors[field] = [
                _("Scores go from %(low)d to %(high)d.")
                % {"low": call.score_min, "high": call.score_max}
            ]
            continue
        scores[str(criterion.pk)] = number
    if errors:
        raise ValidationError(errors)
    return scores


def save_review(*, review: Review, scores: dict, submit: bool = False, by, at=None) -> Review:
    assignment = review.assignment
    if assignment.reviewer_id != by.pk:
        raise ValidationError(_("Only the assigned reviewer writes this review."))
    if assignment.application.is_decided:
        raise ValidationError(_("The application has been decided; its reviews are closed."))
    call = assignment.call
    review.scores = clean_scores(call, scores, complete=submit)
    review.full_clean(exclude=["assignment"])
    if submit:
        weights = {str(pk): weight for pk, weight in call.weights.items()}
        review.total = weighted_total(review.scores, weights)
        review.status = Review.Status.SUBMITTED
        review.submitted_at = at or timezone.now()
    review.save()
    return review
