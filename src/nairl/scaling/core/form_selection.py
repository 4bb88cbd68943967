"""Choosing a learning-curve form per curve from its own training rows (the Revisiting
benchmark's ``auto``), by rolling-origin validation: each form is fitted on the first part of
the training rows by size and scored on the later ones, at several origins. The one-break law
(``PREFERRED``) extrapolates unless another form's mean error is under ``BLEND_RATIO`` times
its own. Under ``SWITCH_RATIO`` times, the form with the lowest error extrapolates alone; in
between, the two extrapolations are averaged in log space, the other form's weight growing
from 0 to 1 as its error falls from the one ratio to the other.

Forms are compared on the same origins: those at which every form in the running could be
fitted. A form with many parameters cannot be fitted on the shortest prefixes; it stays in
the running if it can be at ``MIN_ORIGINS`` of them (scored on only the longer, easier
prefixes, it would be favoured), and the others are then scored on those origins too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .learning_curves import prediction_log_rmse

if TYPE_CHECKING:
    from .revisiting import Curve, FormFit

MIN_ORIGINS = (
    2  # origins a form must be fitted at to be chosen (3 shut bnsl1 into 7-8 point prefixes)
)
# The one-break law holds the plain power law (no break) and a change of slope: a narrower form
# that validates a little better on short prefixes has most often been lucky there, and missed
# the bend later. A hard switch at one ratio turned on which side of it a few curves' errors
# fell (machine to machine, the fits differ in the last digits); a short ramp between two
# ratios softens that. Form and ratios were chosen on the Revisiting benchmark (README): ramps
# from 0.4-0.5 to 0.6-0.7 came within 8.4 % of the best single form in every domain, this one
# within 2.7 %.
PREFERRED = "bnsl1"
SWITCH_RATIO = 0.5
BLEND_RATIO = 0.65


@dataclass
class Selection:
    label: str
    test: np.ndarray  # the chosen extrapolation at the curve's extrapolation rows
    errors: dict[str, float]  # validation error of each form in the running


def origin_errors(predictions: Sequence[np.ndarray], tails: Sequence[np.ndarray]) -> np.ndarray:
    """Log-RMSE at each rolling origin's held-out rows (NaN where the form was not fitted)."""
    return np.array([prediction_log_rmse(p, y)[0] for p, y in zip(predictions, tails, strict=True)])


def validation_error(predictions: Sequence[np.ndarray], tails: Sequence[np.ndarray]) -> float:
    """Mean log-RMSE over the origins; NaN unless the form was fitted at every one."""
    errors = origin_errors(predictions, tails)
    return float(errors.mean()) if errors.size and np.isfinite(errors).all() else math.nan


def select_form(fits: Mapping[str, FormFit], curve: Curve) -> Selection:
    """Among the forms fitted at ``MIN_ORIGINS`` origins or more, scored by their mean
    validation error over the origins they share: ``PREFERRED``, or the form with the lowest
    error, or both blended (see the module; with no form in the running, the one fitted at most
    origins)."""
    tails = curve.origin_tails()
    per_origin = {f: origin_errors(fit.origins, tails) for f, fit in fits.items()}
    fitted = {f: np.isfinite(e) for f, e in per_origin.items()}
    running = [f for f in fits if fitted[f].sum() >= min(MIN_ORIGINS, len(tails))]
    if not running:
        best = max(fits, key=lambda f: fitted[f].sum())
        return Selection(best, fits[best].test, {})
    shared = np.logical_and.reduce([fitted[f] for f in running])
    if not shared.any():  # failures at scattered origins: each form on its own ones
        shared = np.ones_like(shared)
    errors = {f: float(np.nanmean(per_origin[f][shared])) for f in running}
    best = min(errors, key=lambda f: (errors[f], f != PREFERRED))  # a tie keeps PREFERRED
    if PREFERRED not in errors or best == PREFERRED:
        return Selection(best, fits[best].test, errors)
    share = other_share(errors[best] / errors[PREFERRED])
    if share in (0.0, 1.0):
        label = best if share else PREFERRED
        return Selection(label, fits[label].test, errors)
    blend = log_blend(fits[PREFERRED].test, fits[best].test, share)
    return Selection(f"{PREFERRED}+{best}", blend, errors)


def other_share(ratio: float) -> float:
    """The weight of another form's extrapolation against ``PREFERRED``'s, by the ratio of
    their validation errors."""
    return float(np.clip((BLEND_RATIO - ratio) / (BLEND_RATIO - SWITCH_RATIO), 0.0, 1.0))


def log_blend(preferred: np.ndarray, other: np.ndarray, share: float) -> np.ndarray:
    with np.errstate(all="ignore"):  # a NaN extrapolation stays NaN in the blend
        return np.exp((1 - share) * np.log(preferred) + share * np.log(other))
