"""Calls, their questions and criteria: saved whole, validated by their models."""

from ..models import Call, Criterion, Question


def save_call(*, call: Call, invited=None, by) -> Call:
    """Creates or changes a call; a new call is run by whoever creates it."""
    if call.pk is None and call.run_by_id is None and by is not None and by.is_authenticated:
        call.run_by = by
    call.full_clean()
    call.save()
    if invited is not None:
        call.invited.set(invited)
    return call


def save_question(*, question: Question, by) -> Question:
    question.full_clean()
    question.save()
    return question


def save_criterion(*, criterion: Criterion, by) -> Criterion:
    criterion.full_clean()
    criterion.save()
    return criterion
