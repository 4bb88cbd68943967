"""Whether two groups of a study's runs can be checked as learning curves (loss against data
size D), said in the reader's language before anything is saved or queued.

The job itself runs the research core (`analysis.run_steepness`), which refuses the same input
with its own English messages; this check says it first, per form field, so that a page or the
API can refuse the request and change nothing.
"""

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.learning_curves import min_points

from .runs import runs_for_core


def curve_problems(study, baseline: str, method: str, holdout: int) -> dict[str, str]:
    """{field: message} for each group that cannot be a learning curve with ``holdout`` sizes
    held out; empty when both can. One query per group."""
    problems = {}
    for field, group in (("baseline_group", baseline), ("method_group", method)):
        try:
            runs = runs_for_core(study.runs.all(), group)
        except ScalingInputError as error:  # no runs in the group (already in the reader's words)
            problems[field] = str(error)
            continue
        if not runs.has("d"):
            problems[field] = _(
                "Some runs of group “%(group)s” have no data size D (give d, or n and c)."
            ) % {"group": group}
            continue
        sizes, counts = np.unique(runs.d, return_counts=True)
        if (counts > 1).any():
            problems[field] = _(
                "%(count)d runs of group “%(group)s” have the same data size D = %(size)s; a "
                "learning curve needs one loss per size."
            ) % {
                "count": int(counts.max()),
                "group": group,
                "size": f"{sizes[np.argmax(counts)]:.6g}",
            }
        elif len(sizes) < min_points(holdout):
            problems[field] = ngettext(
                "Group “%(group)s” has %(count)d data size; holding out %(holdout)d needs at "
                "least %(needed)d.",
                "Group “%(group)s” has %(count)d data sizes; holding out %(holdout)d needs at "
                "least %(needed)d.",
                len(sizes),
            ) % {
                "group": group,
                "count": len(sizes),
                "holdout": holdout,
                "needed": min_points(holdout),
            }
    return problems
