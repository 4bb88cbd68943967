"""HTML built in Python for the rows of long lists (directory cards, ranking rows), where the
template engine's per-variable lookups — and even `format_html`'s checks for lazy arguments —
cost more than the data behind them."""

from html import escape

from django.urls import reverse


def text(value) -> str:
    """`value` as HTML: escaped, unless it is already safe HTML (what `conditional_escape` does,
    without its lazy-argument wrapper: a page of cards calls it thousands of times)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def url_for_pk(name: str):
    """A function pk -> the URL `reverse(name, args=[pk])` gives, reversing once: resolving the
    pattern again for each of a hundred rows costs more than the rest of the row."""
    marker = 9_876_543_210
    pattern = reverse(name, args=[marker])
    before, after = pattern.split(str(marker))
    return lambda pk: f"{before}{int(pk)}{after}"
