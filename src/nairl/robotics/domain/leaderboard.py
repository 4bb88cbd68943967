"""Leaderboards: entries ranked by score, with statistical ties marked.

Only results of the same suite hash are compared (same tasks, seeds, episode length, simulator
versions). Each policy appears once per board, with its latest finished evaluation.

Ranking: entries are ordered by mean score. An entry's *rank* is 1 + the number of entries that
are statistically better — whose whole 95% interval lies above its interval. Entries whose
intervals overlap are *tied*: they share a rank when neither is clearly better, and each entry
lists the positions it is tied with (and whether it is tied with the leader).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery

from nairl.common.bilingual import bilingual
from nairl.robotics.harness.suites import CAPABILITIES, get_suite
from nairl.robotics.models import CapabilityScore, Evaluation


@dataclass
class Entry:
    """What ranking needs: an id, a mean and its interval; `data` rides along for display."""

    key: object
    mean: float
    low: float
    high: float
    data: dict = field(default_factory=dict)


@dataclass
class RankedEntry:
    entry: Entry
    position: int  # 1-based place in the order by mean
    rank: int  # 1 + entries statistically better
    tied_with: list[int]  # positions of entries whose intervals overlap this one's
    tied_with_leader: bool

    @property
    def tied(self) -> bool:
        return bool(self.tied_with)


def overlaps(a: Entry, b: Entry) -> bool:
    return a.low <= b.high and b.low <= a.high


def rank_entries(entries: list[Entry]) -> list[RankedEntry]:
    ordered = sorted(entries, key=lambda e: (-e.mean, -e.low, str(e.key)))
    ranked = []
    for index, entry in enumerate(ordered):
        better = sum(1 for other in ordered if other.low > entry.high)
        tied_with = [
            j + 1 for j, other in enumerate(ordered) if j != index and overlaps(entry, other)
        ]
        ranked.append(
            RankedEntry(
                entry=entry,
                position=index + 1,
                rank=better + 1,
                tied_with=tied_with,
                tied_with_leader=index > 0 and overlaps(entry, ordered[0]),
            )
        )
    return ranked


@dataclass
class Board:
    suite: str
    capability: str | None
    suite_hash: str
    hashes: list[dict]  # the comparable groups: hash, entries, latest finish
    entries: list[RankedEntry]
    current_hash: str  # the registry's default definition today


def latest_per_policy(evaluations):
    """Each policy's latest finished evaluation in the queryset (per suite hash)."""
    newest = (
        evaluations.filter(policy=OuterRef("policy"), suite_hash=OuterRef("suite_hash"))
        .order_by("-finished_at", "-id")
        .values("pk")[:1]
    )
    return evaluations.filter(pk=Subquery(newest))


def finished(visible_evaluations, suite: str):
    return visible_evaluations.filter(suite=suite, status=Evaluation.Status.DONE)


def hash_groups(evaluations) -> list[dict]:
    rows = (
        evaluations.values("suite_hash")
        .annotate(policies=Count("policy", distinct=True), latest=Max("finished_at"))
        .order_by("-policies", "-latest")
    )
    return [
        {"hash": r["suite_hash"], "policies": r["policies"], "latest": r["latest"]} for r in rows
    ]


ENTRY_FIELDS = (
    "pk",
    "finished_at",
    "policy_id",
    "policy__name",
    "policy__version",
    "policy__is_public",
    "policy__team_id",
    "policy__team__name_ko",
    "policy__team__name_en",
    "episodes_total",
    "failed_episodes",
)


def board(
    visible_evaluations, suite: str, suite_hash: str | None = None, capability: str | None = None
) -> Board:
    """The leaderboard of a suite (overall score) or of one of its capabilities.

    `visible_evaluations` is already filtered by the viewer's permissions. Raises KeyError for an
    unknown suite and ValueError for an unknown capability.
    """
    definition = get_suite(suite)
    if capability is not None and capability not in CAPABILITIES:
        raise ValueError(capability)
    evaluations = finished(visible_evaluations, suite)
    hashes = hash_groups(evaluations)
    current = definition.hash
    if suite_hash is None:
        known = [h["hash"] for h in hashes]
        suite_hash = current if current in known else (known[0] if known else current)
    chosen = latest_per_policy(evaluations.filter(suite_hash=suite_hash))
    if capability is None:
        rows = chosen.values(
            *ENTRY_FIELDS, "overall_mean", "overall_low", "overall_high", "overall_n"
        )
        entries = [
            Entry(
                r["pk"],
                r["overall_mean"],
                r["overall_low"],
                r["overall_high"],
                {**r, "n": r["overall_n"]},
            )
            for r in rows
        ]
    else:
        scores = CapabilityScore.objects.filter(evaluation__in=chosen, capability=capability)
        rows = scores.values(
            *(f"evaluation__{f}" if f != "pk" else "evaluation_id" for f in ENTRY_FIELDS),
            "mean",
            "low",
            "high",
            "n",
        )
        entries = []
        for r in rows:
            data = {
                f: r[f"evaluation__{f}" if f != "pk" else "evaluation_id"] for f in ENTRY_FIELDS
            }
            entries.append(Entry(data["pk"], r["mean"], r["low"], r["high"], {**data, "n": r["n"]}))
    for entry in entries:
        entry.data["team_name"] = bilingual(
            entry.data["policy__team__name_ko"], entry.data["policy__team__name_en"]
        )
    return Board(suite, capability, suite_hash, hashes, rank_entries(entries), current)


def task_matrix(ranked: list[RankedEntry]):
    """Per-task success of the board's entries: (task names, {evaluation id: {task: result}})."""
    from nairl.robotics.models import TaskResult

    ids = [r.entry.key for r in ranked]
    results = TaskResult.objects.filter(evaluation_id__in=ids).values(
        "evaluation_id",
        "task",
        "success_mean",
        "success_low",
        "success_high",
        "episodes",
        "failed_episodes",
    )
    tasks, cells = [], {}
    for row in results:
        if row["task"] not in tasks:
            tasks.append(row["task"])
        cells.setdefault(row["evaluation_id"], {})[row["task"]] = row
    return tasks, cells
