"""The harness's capabilities and suites as the interface names them: codes stay in URLs and the
API, pages show labels and descriptions in the reader's language."""

from django.utils.translation import gettext_lazy as _

from nairl.robotics.harness.suites import CAPABILITIES

# The harness's capability names, as the interface says them.
CAPABILITY_LABELS = {
    "perception": _("Perception"),
    "decision": _("Decision-making"),
    "control": _("Control"),
}


# The registry's suite descriptions (plain English in the harness, which knows no Django), marked
# for translation; a test keeps the English here equal to the harness's.
SUITE_DESCRIPTIONS = {
    "control-mt10": _(
        "Meta-World MT10 with full state (object and goal positions) and the task as a one-hot; "
        "held-out object/goal variations; success at any step."
    ),
    "perception-mt10": _(
        "MT10 with object and goal hidden from the state: the policy sees a 64x64 camera image, "
        "proprioception and the task one-hot. Pose probes score the object-position estimate "
        "(success within 5 cm, error in metres); colour, lighting and camera perturbations are "
        "reported as the drop from the unperturbed score."
    ),
    "decision-mt10": _(
        "MT10 tasks given only as natural-language instructions in held-out paraphrases (no task "
        "id), scored on completing the instructed task; chains of three instructions scored as "
        "the number completed in a row."
    ),
}


def suite_description(name: str, description: str):
    """The suite's description in the reader's language; a suite added elsewhere as it is."""
    return SUITE_DESCRIPTIONS.get(name, description)


def capability_label(code: str):
    """The capability's label (lazy, translated when shown); an unknown code as it is."""
    return CAPABILITY_LABELS.get(code, code)


def capability_choices() -> list[tuple[str, str]]:
    """(code, label) for every capability the harness knows, in the harness's order."""
    return [(code, capability_label(code)) for code in CAPABILITIES]
