"""Exceptions raised by the scaling-law core.

Every problem with user input is a ``ScalingInputError`` (a ``ValueError``) whose message names
the row and column at fault, so that a command line or a web form can show it as is.
"""

from __future__ import annotations


class ScalingInputError(ValueError):
    """Bad input: the message says what is wrong and where."""


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
