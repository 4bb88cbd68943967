"""Laws by name, for the command line and stored fits."""

from __future__ import annotations

from collections.abc import Callable

from .curve_laws import M1, M2, M3, M4, BrokenLaw, Exponential
from .errors import UnknownLawError
from .laws import ChinchillaLaw, DataConstrainedLaw, KaplanLaw, Law, OvertrainingLaw, PowerLaw

# name -> (factory taking the variable of one-variable laws, that variable's default)
_LAWS: dict[str, tuple[Callable[[str], Law], str | None]] = {
    "chinchilla": (lambda _: ChinchillaLaw(), None),
    "overtraining": (lambda _: OvertrainingLaw(), None),
    "kaplan": (lambda _: KaplanLaw(), None),
    "data_constrained": (lambda _: DataConstrainedLaw(), None),
    "power": (lambda v: PowerLaw(v, offset=True), "c"),
    "pure_power": (lambda v: PowerLaw(v, offset=False), "c"),
    "m1": (M1, "d"),
    "m2": (M2, "d"),
    "m3": (M3, "d"),
    "m4": (M4, "d"),
    "bnsl1": (lambda v: BrokenLaw(v, breaks=1), "d"),
    "bnsl2": (lambda v: BrokenLaw(v, breaks=2), "d"),
    "exponential": (Exponential, "d"),
}
LAW_NAMES = tuple(_LAWS)
# What a fit or comparison uses unless told otherwise, on the command line and in the hub alike.
DEFAULT_LAW = "chinchilla"
DEFAULT_BOOTSTRAP = 200
CURVE_FORMS = ("m1", "m2", "m3", "m4", "bnsl1", "bnsl2")  # the Revisiting benchmark's forms


def get_law(name: str, variable: str | None = None) -> Law:
    """The law called ``name``; a one-variable law reads ``variable`` (c, d or n)."""
    try:
        factory, default = _LAWS[name.lower()]
    except KeyError:
        raise UnknownLawError(f"unknown law '{name}' (known: {', '.join(LAW_NAMES)})") from None
    if variable is not None and default is None:
        raise UnknownLawError(f"law '{name}' reads N and D; it takes no variable")
    if variable is not None and variable not in ("n", "d", "c"):
        raise UnknownLawError(f"variable must be n, d or c, not '{variable}'")
    return factory(variable or default)
