"""The ranking of a call's applications: weighted mean, median and strictness-normalised score
of their reviews, with the spread that flags disagreement and the number of conflicts.

Reads every submitted review of the call in one query (a few thousand rows at national scale)
and fits the strictness model over all of them at once. The fit and the per-application scores
are remembered per process, keyed by exactly what they are computed from (the ranked
applications and every submitted review's application, reviewer, total and confidence): a
changed, added or removed review or application is a different key, so a stale ranking can
never be shown, and an unchanged call is not refitted on every page view.
"""

import functools
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from ..matching.strictness import Observation, fit_strictness, weighted_mean
from ..models import Application, Conflict, Review

RANKED = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
)
ORDERS = ("normalised", "mean", "median", "spread")


@dataclass
class Ranked:
    """What the ranking shows of an application (read as plain values: thousands of rows)."""

    pk: int
    code: str
    title: str
    status: str

    def get_status_display(self) -> str:
        return Application.Status(self.status).label

    def get_absolute_url(self) -> str:
        return reverse("calls:application", args=[self.pk])


@dataclass
class Row:
    application: Ranked
    reviews: int
    mean: float | None
    median: float | None
    normalised: float | None
    spread: float | None
    disputed: bool
    conflicts: int
    rank: int = 0


def none_if_nan(value):
    return None if value is None or value != value else round(float(value), 3)


# One entry per (call, state of its reviews); each holds about a megabyte at national scale.
SCORED_CALLS = 16


@functools.lru_cache(maxsize=SCORED_CALLS)
def review_scores(applications: tuple[int, ...], reviews: tuple[tuple, ...]) -> tuple:
    """Per application (in the order given): (reviews, mean, median, normalised, spread, exact
    spread), from the reviews as (application id, reviewer id, total, confidence); the exact
    spread (unrounded, None below two reviews) is what the disagreement threshold is checked
    against. A cached answer is shared: never change it."""
    index = {pk: i for i, pk in enumerate(applications)}
    reviewers, observations, by_application = {}, [], defaultdict(list)
    for app_id, reviewer, total, confidence in reviews:
        if app_id not in index:
            continue
        r = reviewers.setdefault(reviewer, len(reviewers))
        observations.append(Observation(index[app_id], r, total, confidence))
        by_application[index[app_id]].append((total, confidence))
    fit = fit_strictness(observations, len(applications), len(reviewers))
    scored = []
    for i in range(len(applications)):
        scores = by_application.get(i)
        if not scores:
            scored.append((0, None, None, None, None, None))
            continue
        totals = [total for total, _c in scores]
        spread = max(totals) - min(totals) if len(totals) > 1 else None
        scored.append(
            (
                len(scores),
                none_if_nan(weighted_mean(totals, [c for _t, c in scores])),
                none_if_nan(statistics.median(totals)),
                none_if_nan(fit.merit[i]),
                none_if_nan(spread),
                spread,
            )
        )
    return tuple(scored)


def rank_call(call, order: str = "normalised") -> list[Row]:
    applications = [
        Ranked(pk, f"{call.pk}-{number:04d}", title, status)
        for pk, number, title, status in call.applications.filter(status__in=RANKED)
        .order_by("number")
        .values_list("pk", "number", "title", "status")
    ]
    reviews = Review.objects.filter(
        assignment__call=call, status=Review.Status.SUBMITTED, total__isnull=False
    ).values_list("assignment__application_id", "assignment__reviewer_id", "total", "confidence")
    scored = review_scores(tuple(a.pk for a in applications), tuple(reviews))
    conflicts = dict(
        Conflict.objects.filter(call=call).values_list("application_id").annotate(n=Count("id"))
    )
    ranked = [
        Row(
            application=application,
            reviews=count,
            mean=mean,
            median=median,
            normalised=normalised,
            spread=spread,
            disputed=exact_spread is not None and exact_spread >= call.disagreement,
            conflicts=conflicts.get(application.pk, 0),
        )
        for application, (count, mean, median, normalised, spread, exact_spread) in zip(
            applications, scored, strict=True
        )
    ]
    key = order if order in ORDERS else "normalised"
    ranked.sort(
        key=lambda row: (
            getattr(row, key) is None,
            -(getattr(row, key) or 0),
            row.application.code,
        )
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked
