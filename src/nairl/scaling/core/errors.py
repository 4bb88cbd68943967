"""Exceptions raised by the scaling-law core.

Every problem with user input is a ``ScalingInputError`` (a ``ValueError``) whose message names
the row and column at fault, so that a command line can show it as is. The same facts travel as
data (``rows``, ``column``, ``reason``) for callers that word the problem themselves, such as a
web form in the reader's language.
"""

from __future__ import annotations


class ScalingInputError(ValueError):
    """Bad input: the message says what is wrong and where.

    ``rows``: the table rows at fault (from 1); ``column``: the table column; ``reason``: a
    short code of what is wrong ("missing", "infinite", "not_positive", "exceeds", "duplicate").
    """

    def __init__(
        self,
        message: str,
        *,
        rows: tuple[int, ...] = (),
        column: str | None = None,
        reason: str | None = None,
    ):
        super().__init__(message)
        self.rows, self.column, self.reason = tuple(rows), column, reason


class MissingColumnError(ScalingInputError):
    """A column named in the mapping (or required by the law) is not in the table."""


class InvalidValueError(ScalingInputError):
    """A value is missing, not a number, infinite or not positive."""


class DuplicateRunError(ScalingInputError):
    """Two rows describe the same run."""


class TooFewPointsError(ScalingInputError):
    """The law has more free parameters than the data can determine."""


class UnknownLawError(ScalingInputError):
    """No law of that name."""


class CurveFitError(ScalingInputError):
    """A form cannot be fitted to a curve; ``reason``: "too_few_points", "no_start" (the form
    cannot be evaluated from any starting point) or "not_finite" (the fit ended without finite
    parameters)."""
