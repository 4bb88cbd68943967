"""The ranking remembers each call's fitted scores, and never shows them once the reviews or
applications they came from have changed (the cache key is the data they are computed from)."""

import pytest

from nairl.calls.domain.applications import withdraw_application
from nairl.calls.domain.ranking import rank_call, review_scores
from nairl.calls.domain.reviews import save_review

from ..helpers import add_reviewer, assign, make_applicant, make_call, review, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_call():
    """Two applications, each reviewed by the same two reviewers (criteria weights 2 and 1)."""
    call = make_call()
    reviewers = [add_reviewer(call).reviewer for _ in range(2)]
    applications = [submit(call, make_applicant()[0], title=f"Plan {n}") for n in range(2)]
    reviews = {}
    for application, scores in zip(applications, ([4, 4], [2, 2]), strict=True):
        for reviewer in reviewers:
            reviews[application.pk, reviewer.pk] = review(assign(application, reviewer), scores)
    return call, applications, reviews


def scores_of(call) -> dict:
    return {row.application.pk: (row.reviews, row.mean, row.normalised) for row in rank_call(call)}


def test_an_unchanged_call_is_not_refitted(reviewed_call):
    call, _applications, _reviews = reviewed_call
    first = scores_of(call)
    hits = review_scores.cache_info().hits
    assert scores_of(call) == first
    assert review_scores.cache_info().hits == hits + 1


def test_a_revised_review_changes_the_ranking_at_once(reviewed_call):
    call, (strong, weak), reviews = reviewed_call
    assert [row.application.pk for row in rank_call(call)] == [strong.pk, weak.pk]
    for (application_pk, _reviewer_pk), written in reviews.items():
        if application_pk == weak.pk:
            save_review(
                review=written,
                scores={str(c.pk): 5 for c in call.criteria.all()},
                submit=True,
                by=written.assignment.reviewer,
            )
    ranked = rank_call(call)
    assert [row.application.pk for row in ranked] == [weak.pk, strong.pk]
    assert ranked[0].mean == 5.0


def test_a_new_review_and_a_withdrawal_change_the_ranking_at_once(reviewed_call):
    call, (strong, weak), _reviews = reviewed_call
    assert scores_of(call)[strong.pk][0] == 2
    third = add_reviewer(call).reviewer
    review(assign(strong, third), [1, 1], confidence=5)
    assert scores_of(call)[strong.pk][0] == 3
    withdraw_application(application=weak, by=weak.applicant)
    assert list(scores_of(call)) == [strong.pk]
