"""What a policy's entry point may look like; whether it imports is checked when it is evaluated.

An entry point names a factory, ``package.module:make_policy``. The shape is checked when a
policy is saved. Importing it runs the team's code, so that happens only inside the harness's
isolated worker processes at evaluation time, where a failure is reported on the evaluation.
Modules of the standard library and of the hub itself (other than the harness's reference
policies) are refused: they hold no policies, and calling their functions is not an evaluation.
"""

import keyword
import re
import sys

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
ENTRY_POINT = re.compile(
    rf"^(?P<module>{IDENTIFIER}(?:\.{IDENTIFIER})*):(?P<factory>{IDENTIFIER})$"
)
HUB_POLICY_MODULES = ("nairl.robotics.harness.",)  # reference policies the hub ships
REFUSED_TOP_LEVEL = frozenset(sys.stdlib_module_names) | {"nairl", "django", "rest_framework"}


def validate_entry_point(value: str) -> None:
    text = (value or "").strip()
    match = ENTRY_POINT.match(text)
    if match is None:
        raise ValidationError(
            _(
                "“%(value)s” is not an entry point: write package.module:factory, "
                "for example my_lab.policies:make_policy."
            ),
            params={"value": value},
            code="entry_point_shape",
        )
    module, factory = match["module"], match["factory"]
    parts = [*module.split("."), factory]
    if any(keyword.iskeyword(part) for part in parts):
        raise ValidationError(
            _("“%(value)s” uses a Python keyword as a name."),
            params={"value": value},
            code="entry_point_keyword",
        )
    top = parts[0]
    hub_policy = (module + ".").startswith(HUB_POLICY_MODULES)
    if top in REFUSED_TOP_LEVEL and not hub_policy:
        raise ValidationError(
            _(
                "Modules of the Python standard library or of the hub itself cannot be policies "
                "(“%(module)s”)."
            ),
            params={"module": module},
            code="entry_point_refused",
        )
