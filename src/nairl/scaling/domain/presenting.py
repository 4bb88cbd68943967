"""Words for stored results, in the reader's language (chosen at display time, not fit time)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nairl.scaling.core.prediction import Extrapolation

from .flags import readable_flag


def reader_language() -> str:
    return "ko" if (get_language() or "ko").startswith("ko") else "en"


def plots_for_reader(plots: dict | None) -> dict[str, str]:
    """Each stored plot (``{"name": {"en": svg, "ko": svg}}``) in the reader's language, else in
    English."""
    language = reader_language()
    return {
        name: versions.get(language) or versions.get("en", "")
        for name, versions in (plots or {}).items()
    }


def extrapolation_text(quantity: str, value: float, limit: float, above: bool) -> str:
    """The core's extrapolation (``prediction.Extrapolation.to_dict()``) in the reader's words."""
    words = {
        "n": _("Model size N"),
        "d": _("Training tokens D"),
        "c": _("Compute budget C"),
        "unique_n": _("Unique parameters U_N"),
        "unique_d": _("Unique data U_D"),
    }
    factor = Extrapolation(quantity, value, limit, above).factor
    values = {
        "quantity": words.get(quantity, quantity),
        "value": f"{value:.3g}",
        "factor": f"{factor:.3g}",
        "limit": f"{limit:.3g}",
    }
    if above:
        return (
            _(
                "%(quantity)s %(value)s is %(factor)s× the largest run's (%(limit)s): "
                "an extrapolation."
            )
            % values
        )
    return (
        _(
            "%(quantity)s %(value)s is %(factor)s× below the smallest run's (%(limit)s): "
            "an extrapolation."
        )
        % values
    )


def prediction_rows(result: dict) -> list[dict]:
    """A fit's stored predictions, each with its extrapolation notes in the reader's words
    (results stored before the notes were kept as numbers have the core's English lines)."""
    return [
        {
            **row,
            "notes": [extrapolation_text(**e) for e in row["extrapolations"]]
            if "extrapolations" in row
            else row.get("warnings", []),
        }
        for row in (result or {}).get("predictions", [])
    ]


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


def _times(value: float) -> str:
    return "∞" if value == float("inf") else f"{value:.3g}×"


def multiplier_report(result: dict) -> dict | None:
    """A law comparison's effective-compute multiplier k(C) by budget, how the method's frontier
    was found, and the per-run diagnostic, as text for the page (None for results stored before
    the frontier estimate)."""
    frontier = result.get("frontier")
    if not frontier:
        return None
    models = {
        "own_law": _("The method's runs fitted with the baseline's law."),
        "compute_shift": _(
            "The baseline's law with one more parameter, a compute multiplier k: the method's "
            "loss at (N, D) is the baseline's at (√k·N, √k·D), so k(C) is the same at every "
            "budget."
        ),
    }
    reason = frontier.get("reason")
    diagnostic = result.get("per_run_diagnostic", {})
    low, high = diagnostic.get("interval", (None, None))
    return {
        "model": models.get(frontier["model"], frontier["model"]),
        "reason": readable_flag(reason) if reason else None,
        "summary": _times(frontier["summary"]),
        "interval": " – ".join(_times(v) for v in frontier["interval"]),
        "rows": [
            {
                "c": f"{row['c']:.3g}",
                "multiplier": _times(row["multiplier"]),
                "interval": f"{_times(row['low'])} – {_times(row['high'])}",
            }
            for row in frontier["budgets"]
        ],
        "diagnostic": _times(diagnostic["multiplier"]) if diagnostic else None,
        "diagnostic_interval": f"{_times(low)} – {_times(high)}" if diagnostic else None,
    }


def steepness_verdict(result: dict) -> dict:
    """A steepness check's verdict: a headline in the reader's language, the core's sentences
    with the numbers behind it, and what kind it is (better: the method's curve beats a power
    law)."""
    names = {"method": result.get("method_group", ""), "baseline": result.get("baseline_group", "")}
    method, baseline = result.get("method_steeper"), result.get("baseline_steeper")
    if method and baseline:
        headline = _(
            "Both learning curves, of “%(method)s” and of “%(baseline)s”, fall faster "
            "than a power law."
        )
    elif method:
        headline = _(
            "The learning curve of “%(method)s” falls faster than a power law; that "
            "of “%(baseline)s” does not."
        )
    elif baseline:
        headline = _(
            "No evidence that the learning curve of “%(method)s” beats a power law, "
            "though that of “%(baseline)s” does."
        )
    else:
        headline = _("No evidence that the learning curve of “%(method)s” beats a power law.")
    text = result.get(f"details_{reader_language()}") or result.get("details_en", "")
    kind = "better" if method else "worse" if baseline else "unclear"
    return {"headline": headline % names, "text": text, "kind": kind}


def steepness_tables(result: dict) -> dict:
    """Per curve (baseline first) its held-out errors by form, as text ("—" for a form that
    could not be fitted), and whether it is steeper; the fits' warnings."""
    curves, flags = [], []
    for key in ("baseline", "method"):
        curve = result.get(key) or {}
        test = curve.get("test") or {}
        errors = test.get("errors") or {}
        curves.append(
            {
                "name": curve.get("name", key),
                "steeper": test.get("steeper"),
                "errors": {
                    form: "—" if errors.get(form) is None else f"{errors[form]:.3g}"
                    for form in ("power", "exponential", "broken")
                },
            }
        )
        flags += [
            f"{curve.get('name', key)}: {flag}"
            for flag in [*test.get("flags", []), *curve.get("flags", [])]
        ]
    return {"curves": curves, "flags": flags}
