"""Words for stored results, in the reader's language (gettext at display time, not at fit time)."""

from django.utils.translation import gettext as _


def number(value, digits=2) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if value >= 100 else f"{value:.{digits - 1}f}"


def failure_text(job) -> str:
    kind = (job.result or {}).get("failure")
    if kind == "not_converged":
        return _("The fit did not converge, so it has no result.")
    if kind == "input":
        return _("The runs or settings cannot be fitted.")
    return _("The fit failed unexpectedly.")


def _less(resource, **values):
    return {
        "c": _("%(method)s reaches the baseline's loss with %(m)s× less compute, "
               "95%% interval %(low)s–%(high)s×."),
        "d": _("%(method)s reaches the baseline's loss with %(m)s× less data, "
               "95%% interval %(low)s–%(high)s×."),
        "n": _("%(method)s reaches the baseline's loss with %(m)s× fewer parameters, "
               "95%% interval %(low)s–%(high)s×."),
    }[resource] % values


def _more(resource, **values):
    return {
        "c": _("%(method)s needs %(m)s× more compute than the baseline to reach the same loss, "
               "95%% interval %(low)s–%(high)s×."),
        "d": _("%(method)s needs %(m)s× more data than the baseline to reach the same loss, "
               "95%% interval %(low)s–%(high)s×."),
        "n": _("%(method)s needs %(m)s× more parameters than the baseline to reach the same loss, "
               "95%% interval %(low)s–%(high)s×."),
    }[resource] % values


def comparison_verdict(result: dict) -> dict:
    """The plain-language verdict: a sentence and whether the method is better, worse or unclear."""
    method, resource = result.get("method_group", ""), result.get("axis", "c")
    m, low, high = result.get("multiplier"), result.get("low"), result.get("high")
    if m is None:
        return {"text": _("%(method)s reaches a loss the baseline's law does not reach within a "
                          "million times the resources; the comparison is beyond the data.")
                % {"method": method}, "kind": "beyond"}
    if m >= 1:
        text = _less(resource, method=method, m=number(m), low=number(low),
                     high=number(high) if high is not None else "∞")
    else:
        text = _more(resource, method=method, m=number(1 / m),
                     low=number(1 / high) if high else "—",
                     high=number(1 / low) if low else "∞")
    unclear = low is None or (low <= 1 <= (high if high is not None else float("inf")))
    if unclear:
        text += " " + _("The interval includes 1×: these runs cannot tell the method from the "
                        "baseline.")
    return {"text": text, "kind": "unclear" if unclear else ("better" if m >= 1 else "worse")}
