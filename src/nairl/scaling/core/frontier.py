"""The compute-optimal frontier (C = 6ND) for many parameter draws at once: the best split of
each budget between parameters N and tokens D, and the budget that reaches each loss (the
comparison pairs every bootstrap draw with every method run).

The laws in N and D, and the power law in C, have closed forms, computed for all draws × budgets
(or losses) in one array expression:

- Chinchilla, L = E + A/N^α + B/D^β: N_opt = G (C/6)^(β/(α+β)) with G = (αA/(βB))^(1/(α+β)),
  so L(C) = E + K (C/6)^-γ with γ = αβ/(α+β) and K = A G^-α + B G^β. The data-constrained law
  is Chinchilla here: the runs on the frontier are not repeated (N' = N, D' = D).
- Kaplan, L = u^αD with u = (Nc/N)^p + Dc/D and p = αN/αD: at the optimum
  p (Nc/N)^p = 6 Dc N / C, so u = (1 + p) (Nc/N)^p.
- A law in C alone is its own frontier: L = E + A/C^α (or A/C^α).

Budgets for a loss are those of the search in ``frontier_search``: a loss needing more than
LOG_C_RANGE allows is unreachable (inf), as is a loss at or below the law's floor E; one needing
less than 1 FLOP costs 1. Other laws, and draws whose exponents are not positive (no interior
optimum, so no closed form), go through that numerical search, all such draws together.
"""

from __future__ import annotations

import numpy as np

from .frontier_search import LOG_C_RANGE, loss_rows, search_compute_for_loss, search_optimum
from .laws import ChinchillaLaw, DataConstrainedLaw, KaplanLaw, Law, PowerLaw
from .runs import FLOPS_PER_PARAM_TOKEN

LOG_6 = np.log(FLOPS_PER_PARAM_TOKEN)


def optimal_many(law: Law, draws: np.ndarray, compute: np.ndarray):
    """(n, d, loss), each (S, K): the split of each budget of ``compute`` (K,) minimising the
    loss, for each natural parameter row of ``draws`` (S, P) of a law in N and D."""
    draws, compute = np.atleast_2d(draws), np.atleast_1d(np.asarray(compute, dtype=float))
    with np.errstate(all="ignore"):  # invalid rows give NaN here and are searched below
        log_n, closed = _closed_form_log_n(law, draws, np.log(compute / FLOPS_PER_PARAM_TOKEN))
        n = np.exp(log_n)
        if not closed.all():
            n[~closed] = search_optimum(law, draws[~closed], compute)[0]
        d = compute / (FLOPS_PER_PARAM_TOKEN * n)  # NaN for an unbounded budget
    return n, d, loss_rows(law, draws, n=n, d=d)


def compute_for_loss_many(law: Law, draws: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """(S, M) smallest budgets whose frontier loss reaches each of ``loss`` (M,), for each
    natural parameter row of ``draws`` (S, P); inf where a draw never reaches the loss. With
    ``loss`` (S, M), row s of losses goes with row s of ``draws``."""
    draws, loss = np.atleast_2d(draws), np.asarray(loss, dtype=float)
    with np.errstate(all="ignore"):  # floors and invalid rows give inf/NaN, sorted out below
        log_c, closed = _closed_form_log_c(law, draws, loss)
        # NaN: log of a negative gap to the floor, i.e. a loss below it
        unreachable = np.isnan(log_c) | (log_c > LOG_C_RANGE[1])
        compute = np.where(unreachable, np.inf, np.exp(np.maximum(log_c, LOG_C_RANGE[0])))
    if not closed.all():
        own_rows = loss[~closed] if loss.ndim == 2 else loss
        compute[~closed] = search_compute_for_loss(law, draws[~closed], own_rows)
    return compute


def _closed_form_log_n(law: Law, draws: np.ndarray, log_c6: np.ndarray):
    """Compute-optimal log N (S, K) at budgets C = 6·exp(``log_c6``), and which rows (S,) the
    closed form holds for."""
    if isinstance(law, ChinchillaLaw | DataConstrainedLaw):
        alpha, beta = draws[:, 3:4], draws[:, 4:5]
        log_n = _chinchilla_log_g(draws) + beta / (alpha + beta) * log_c6
        return log_n, ((alpha > 0) & (beta > 0))[:, 0]
    if isinstance(law, KaplanLaw):
        nc, dc, alpha_n, alpha_d = (draws[:, i : i + 1] for i in range(4))
        p = alpha_n / alpha_d
        log_n = (np.log(p) + p * np.log(nc) + log_c6 - np.log(dc)) / (1 + p)
        return log_n, ((alpha_n > 0) & (alpha_d > 0))[:, 0]
    return np.full((len(draws), len(log_c6)), np.nan), np.zeros(len(draws), dtype=bool)


def _closed_form_log_c(law: Law, draws: np.ndarray, loss: np.ndarray):
    """log C (S, M) from the closed-form frontier, and which rows (S,) it holds for."""
    if isinstance(law, ChinchillaLaw | DataConstrainedLaw):
        a, b, e, alpha, beta = (draws[:, i : i + 1] for i in range(5))
        log_g = _chinchilla_log_g(draws)
        log_k = np.logaddexp(np.log(a) - alpha * log_g, np.log(b) + beta * log_g)
        gamma = alpha * beta / (alpha + beta)
        return LOG_6 + (log_k - np.log(loss - e)) / gamma, ((alpha > 0) & (beta > 0))[:, 0]
    if isinstance(law, KaplanLaw):
        nc, dc, alpha_n, alpha_d = (draws[:, i : i + 1] for i in range(4))
        p = alpha_n / alpha_d
        log_n = np.log(nc) + (np.log1p(p) - np.log(loss) / alpha_d) / p
        log_c = LOG_6 + np.log(dc) + (p + 1) * log_n - np.log(p) - p * np.log(nc)
        return log_c, ((alpha_n > 0) & (alpha_d > 0))[:, 0]
    if isinstance(law, PowerLaw) and law.variable == "c":
        a, alpha = draws[:, :1], draws[:, -1:]
        gap = loss - draws[:, 1:2] if law.offset else loss
        return (np.log(a) - np.log(gap)) / alpha, (alpha > 0)[:, 0]
    shape = np.broadcast_shapes((len(draws), 1), np.atleast_2d(loss).shape)
    return np.full(shape, np.nan), np.zeros(len(draws), dtype=bool)


def _chinchilla_log_g(draws: np.ndarray) -> np.ndarray:
    """log G (S, 1), with N_opt = G (C/6)^(β/(α+β)) for Chinchilla's parameter rows."""
    a, b, alpha, beta = draws[:, 0:1], draws[:, 1:2], draws[:, 3:4], draws[:, 4:5]
    return (np.log(alpha * a) - np.log(beta * b)) / (alpha + beta)
