"""The harness's capabilities as the interface names them: codes stay in URLs and the API,
pages show the label in the reader's language."""

from django.utils.translation import gettext_lazy as _

from nairl.robotics.harness.suites import CAPABILITIES

# The harness's capability names, as the interface says them.
CAPABILITY_LABELS = {
    "perception": _("Perception"),
    "decision": _("Decision-making"),
    "control": _("Control"),
}


def capability_label(code: str):
    """The capability's label (lazy, translated when shown); an unknown code as it is."""
    return CAPABILITY_LABELS.get(code, code)


def capability_choices() -> list[tuple[str, str]]:
    """(code, label) for every capability the harness knows, in the harness's order."""
    return [(code, capability_label(code)) for code in CAPABILITIES]
