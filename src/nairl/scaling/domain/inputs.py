"""Whether a study's runs have what a law reads (N, D or C), said in the reader's language
before a fit or comparison is saved or queued.

The job would fail later with the core's English message ("map one with n=<column>", advice
for the command line); this check refuses the request up front, at the form field it concerns,
so that a page or the API changes nothing and says what is missing in words a person reads.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.registry import get_law

from .runs import runs_for_core

# What a law may read, as a person names it.
QUANTITIES = {
    "n": gettext_lazy("the model size N"),
    "d": gettext_lazy("the data size D"),
    "c": gettext_lazy("the compute C"),
}
# Read when present, never required (a data-constrained law without them sees no repetition).
OPTIONAL_INPUTS = ("unique_n", "unique_d")


def quantities(names: list[str]) -> str:
    """ "the model size N" or "the model size N and the data size D"."""
    words = [str(QUANTITIES.get(name, name)) for name in names]
    if len(words) == 1:
        return words[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def missing_inputs(study, *, law: str, variable: str, groups: dict[str, str]) -> dict[str, str]:
    """{field: message} for each group (form field → group name, "" for all runs) whose runs
    lack a quantity the law reads; empty when all have them. One query per group."""
    try:
        needed = [k for k in get_law(law, variable or None).inputs if k not in OPTIONAL_INPUTS]
    except ScalingInputError:  # an unknown law or variable: the form's own fields refuse it
        return {}
    problems = {}
    for field, group in groups.items():
        try:
            runs = runs_for_core(study.runs.all(), group or None)
        except ScalingInputError:  # no runs, or runs the core refuses: the job says so
            continue
        missing = [name for name in needed if not runs.has(name)]
        if not missing:
            continue
        what = quantities(missing)
        if group:
            problems[field] = _(
                "This law needs %(what)s, which the runs of group “%(group)s” do not have."
            ) % {"what": what, "group": group}
        else:
            problems[field] = _(
                "This law needs %(what)s, which not every run of this study has."
            ) % {"what": what}
    return problems
