"""The ranking of a call's applications: weighted mean, median and strictness-normalised score
of their reviews, with the spread that flags disagreement and the number of conflicts.

Reads every submitted review of the call in one query (a few thousand rows at national scale)
and fits the strictness model over all of them at once.
"""

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


def rank_call(call, order: str = "normalised") -> list[Row]:
    applications = [
        Ranked(pk, f"{call.pk}-{number:04d}", title, status)
        for pk, number, title, status in call.applications.filter(status__in=RANKED)
        .order_by("number")
        .values_list("pk", "number", "title", "status")
    ]
    index = {a.pk: i for i, a in enumerate(applications)}
    rows = Review.objects.filter(
        assignment__call=call, status=Review.Status.SUBMITTED, total__isnull=False
    ).values_list("assignment__application_id", "assignment__reviewer_id", "total", "confidence")
    reviewers, observations, by_application = {}, [], defaultdict(list)
    for app_id, reviewer, total, confidence in rows:
        if app_id not in index:
            continue
        r = reviewers.setdefault(reviewer, len(reviewers))
        observations.append(Observation(index[app_id], r, total, confidence))
        by_application[index[app_id]].append((total, confidence))
    fit = fit_strictness(observations, len(applications), len(reviewers))
    conflicts = dict(
        Conflict.objects.filter(call=call).values_list("application_id").annotate(n=Count("id"))
    )
    ranked = []
    for i, application in enumerate(applications):
        scores = by_application.get(i, [])
        totals = [total for total, _c in scores]
        spread = max(totals) - min(totals) if len(totals) > 1 else None
        ranked.append(
            Row(
                application=application,
                reviews=len(scores),
                mean=none_if_nan(weighted_mean(totals, [c for _t, c in scores]))
                if scores
                else None,
                median=none_if_nan(statistics.median(totals)) if scores else None,
                normalised=none_if_nan(fit.merit[i]) if scores else None,
                spread=none_if_nan(spread),
                disputed=spread is not None and spread >= call.disagreement,
                conflicts=conflicts.get(application.pk, 0),
            )
        )
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
