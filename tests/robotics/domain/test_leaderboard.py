"""Ranking with statistical ties, and boards that compare only equal suite hashes."""

import pytest

from nairl.robotics.domain.leaderboard import Entry, board, rank_entries
from nairl.robotics.models import Evaluation

from ..helpers import HASH, make_policy, make_result, make_team


def ranked(*intervals):
    entries = [Entry(name, mean, low, high) for name, mean, low, high in intervals]
    return {r.entry.key: r for r in rank_entries(entries)}


def test_clearly_separated_entries_get_distinct_ranks():
    result = ranked(("a", 0.9, 0.85, 0.95), ("b", 0.5, 0.45, 0.55), ("c", 0.1, 0.05, 0.15))
    assert [(result[k].position, result[k].rank, result[k].tied) for k in "abc"] == [
        (1, 1, False),
        (2, 2, False),
        (3, 3, False),
    ]


def test_overlapping_intervals_are_tied_and_share_the_rank():
    result = ranked(("a", 0.80, 0.60, 0.95), ("b", 0.75, 0.55, 0.90), ("c", 0.20, 0.05, 0.40))
    assert result["a"].rank == result["b"].rank == 1
    assert result["a"].tied_with == [2] and result["b"].tied_with == [1]
    assert result["b"].tied_with_leader and not result["a"].tied_with_leader
    assert result["c"].rank == 3 and not result["c"].tied


def test_ties_are_not_transitive():
    # a overlaps b, b overlaps c, but a is clearly better than c.
    result = ranked(("a", 0.8, 0.7, 0.9), ("b", 0.6, 0.5, 0.72), ("c", 0.4, 0.3, 0.52))
    assert result["a"].rank == 1 and result["b"].rank == 1
    assert result["c"].rank == 2  # only a lies wholly above c
    assert result["b"].tied_with == [1, 3]
    assert result["c"].tied_with == [2] and not result["c"].tied_with_leader


def test_equal_means_order_by_tighter_lower_bound_and_touching_intervals_tie():
    result = ranked(("wide", 0.5, 0.1, 0.9), ("narrow", 0.5, 0.4, 0.6), ("touch", 0.3, 0.2, 0.4))
    assert result["narrow"].position == 1 and result["wide"].position == 2
    assert 1 in result["touch"].tied_with  # 0.4 == 0.4 counts as overlapping


def test_empty_and_single_boards():
    assert rank_entries([]) == []
    [only] = rank_entries([Entry("x", 0.5, 0.2, 0.8)])
    assert (only.rank, only.tied, only.tied_with_leader) == (1, False, False)


@pytest.mark.django_db
def test_board_compares_one_suite_hash_and_keeps_each_policy_latest():
    team = make_team()
    strong, weak, other = make_policy(team, "strong"), make_policy(team, "weak"), make_policy(team)
    make_result(strong, 0.2, 0.1, 0.3)  # superseded by the next one
    latest = make_result(strong, 0.9, 0.8, 0.95)
    make_result(weak, 0.4, 0.3, 0.5)
    make_result(other, 1.0, 0.9, 1.0, suite_hash="b" * 16)  # another definition: not compared
    make_result(other, 1.0, 0.9, 1.0, status=Evaluation.Status.FAILED)
    result = board(Evaluation.objects.all(), "control-mt10", HASH)
    assert [(r.entry.key, r.rank) for r in result.entries] == [
        (latest.pk, 1),
        (Evaluation.objects.get(policy=weak).pk, 2),
    ]
    assert {h["hash"]: h["policies"] for h in result.hashes} == {HASH: 2, "b" * 16: 1}
    by_capability = board(Evaluation.objects.all(), "control-mt10", HASH, capability="control")
    assert [r.entry.mean for r in by_capability.entries] == [0.9, 0.4]
    assert board(Evaluation.objects.all(), "control-mt10", HASH, "perception").entries == []


@pytest.mark.django_db
def test_board_defaults_to_the_most_populated_hash_and_rejects_unknowns():
    team = make_team()
    make_result(make_policy(team), suite_hash="c" * 16)
    make_result(make_policy(team), suite_hash="c" * 16)
    make_result(make_policy(team), suite_hash="d" * 16)
    assert board(Evaluation.objects.all(), "control-mt10").suite_hash == "c" * 16
    with pytest.raises(KeyError):
        board(Evaluation.objects.all(), "no-such-suite")
    with pytest.raises(ValueError):
        board(Evaluation.objects.all(), "control-mt10", capability="flying")
