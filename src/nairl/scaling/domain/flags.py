"""The fitting core's warnings in the reader's language.

The core (plain Python) writes its warnings as English sentences, stored with each result;
pages show them through `readable_flag`, which knows each sentence's pattern. A warning this
module does not know is shown as the core wrote it.
"""

import re

from django.utils.translation import gettext_lazy as _

# Prefixes the core and the learning-curve check put before a warning: which form was fitted.
FORM_NAMES = {
    "power": _("Power law (M2)"),
    "exponential": _("Exponential"),
    "broken": _("Broken power law"),
}
WARNINGS = [
    (
        re.compile(r"parameter (?P<name>\S+) is at its bound"),
        _("parameter %(name)s is at the edge of its allowed range"),
    ),
    (
        re.compile(r"optimiser did not converge: (?P<reason>.+)"),
        _("the optimiser did not converge (%(reason)s)"),
    ),
    (
        re.compile(
            r"(?P<failed>\d+) of (?P<total>\d+) bootstrap refits did not converge; "
            r"intervals use the others"
        ),
        _(
            "%(failed)s of %(total)s bootstrap refits did not converge; the intervals use the "
            "others"
        ),
    ),
    (
        re.compile(
            r"some method runs are below the baseline law's floor: "
            r"the baseline never reaches their loss"
        ),
        _(
            "some method runs are below the baseline law's floor: the baseline never reaches "
            "their loss"
        ),
    ),
    (
        re.compile(
            r"(?P<count>\d+) of (?P<total>\d+) resamples include a method run below that "
            r"baseline draw's floor: their (?:per-run )?multiplier is infinite"
        ),
        _(
            "%(count)s of %(total)s resamples include a method run below that baseline draw's "
            "floor: their per-run multiplier is infinite"
        ),
    ),
    (
        re.compile(
            r"at some budgets the method's frontier is below the baseline law's floor: the "
            r"baseline never reaches that loss, so the multiplier is infinite"
        ),
        _(
            "at some budgets the method's frontier is below the baseline law's floor: the "
            "baseline never reaches that loss, so the multiplier is infinite"
        ),
    ),
    (
        re.compile(
            r"the compute multiplier reached the edge of its search range \(10\^±6\): no shift "
            r"of the baseline's compute explains the method's runs, so the figure is a bound, "
            r"not an estimate"
        ),
        _(
            "the compute multiplier reached the edge of its search range (10^±6): no shift of "
            "the baseline's compute explains the method's runs, so the figure is a bound, not "
            "an estimate"
        ),
    ),
    # why the method's own law was not fitted (``effective_compute.own_law_problem``)
    (
        re.compile(
            r"(?P<count>\d+) method runs, fewer than (?P<needed>\d+) "
            r"\((?P<per>\d+) per parameter\)"
        ),
        _("%(count)s method runs, fewer than %(needed)s (%(per)s per parameter)"),
    ),
    (
        re.compile(
            r"the method runs' (?P<name>\S+) takes fewer than (?P<values>\d+) values or spans "
            r"less than a factor of (?P<factor>\S+)"
        ),
        _(
            "the method runs' %(name)s takes fewer than %(values)s values or spans less than "
            "a factor of %(factor)s"
        ),
    ),
    (
        re.compile(
            r"the method runs' model sizes at equal compute span less than a factor of "
            r"(?P<factor>\S+)"
        ),
        _("the method runs' model sizes at equal compute span less than a factor of %(factor)s"),
    ),
    (re.compile(r"its fit did not converge"), _("its fit did not converge")),
    (
        re.compile(r"most of its bootstrap refits did not converge"),
        _("most of its bootstrap refits did not converge"),
    ),
]


def readable_flag(flag: str) -> str:
    """`"pruned-subset: power: parameter e_inf is at its bound"` in the reader's language."""
    for pattern, message in WARNINGS:
        found = pattern.fullmatch(flag)
        if found:
            return message % found.groupdict()
    prefix, separator, rest = flag.partition(": ")
    if separator:
        return f"{FORM_NAMES.get(prefix, prefix)}: {readable_flag(rest)}"
    return flag
