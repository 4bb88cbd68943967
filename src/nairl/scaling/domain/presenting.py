"""Words for stored results, in the reader's language (chosen at display time, not fit time)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def reader_language() -> str:
    return "ko" if (get_language() or "ko").startswith("ko") else "en"


def plots_for_reader(plots: dict | None) -> dict[str, str]:
    """Each stored plot (``{"name": {"en": svg, "ko": svg}}``) in the reader's language, else in
    English."""
    language = reader_language()
    return {name: versions.get(language) or versions.get("en", "")
            for name, versions in (plots or {}).items()}


def failure_text(job) -> str:
    kind = (job.result or {}).get("failure")
    if kind == "not_converged":
        return _("The fit did not converge, so it has no result.")
    if kind == "input":
        return _("The runs or settings cannot be fitted.")
    return _("The fit failed unexpectedly.")


def comparison_verdict(result: dict) -> dict:
    """The core's plain-language verdict in the reader's language, and what kind it is."""
    text = result.get(f"verdict_{reader_language()}") or result.get("verdict_en", "")
    if result.get("beats_baseline"):
        kind = "better"
    elif result.get("worse_than_baseline"):
        kind = "worse"
    else:
        kind = "unclear"
    return {"text": text, "kind": kind}
