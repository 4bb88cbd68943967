from django.utils.translation import gettext_lazy as _

# The harness's capability names, as the interface says them.
CAPABILITY_LABELS = {
    "perception": _("Perception"),
    "decision": _("Decision-making"),
    "control": _("Control"),
}
