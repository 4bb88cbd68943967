"""Charts drawn on the server as inline SVG: scores with their 95% intervals, no JavaScript.

Each row is a bar from 0 to the mean with a whisker from the interval's low to its high end; the
SVG has a title and a description for screen readers, and the table next to it holds the numbers.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 30
LABEL = 190
PLOT = WIDTH - LABEL - 70
TOP = 24


@dataclass(frozen=True)
class Bar:
    label: str
    mean: float
    low: float
    high: float
    emphasis: bool = False


def clamp(value: float | None) -> float:
    if value is None or value != value:
        return 0.0
    return min(1.0, max(0.0, value))


def interval_chart(bars: list[Bar], title: str, description: str = "") -> SafeString:
    """Horizontal bars on a 0–100 % axis with interval whiskers."""
    height = TOP + ROW * max(1, len(bars)) + 24
    x = lambda value: LABEL + PLOT * clamp(value)  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{TOP - 6}" x2="{x(tick):.1f}" y2="{height - 20}" '
            f'stroke="#d0d7de" stroke-width="1"/>'
            f'<text x="{x(tick):.1f}" y="{height - 6}" font-size="11" text-anchor="middle" '
            f'fill="#57606a">{tick:.0%}</text>'
        )
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        colour = "#0b5cad" if not bar.emphasis else "#146c2e"
        low, high = x(bar.low), x(bar.high)
        parts.append(
            f'<g><text x="{LABEL - 8}" y="{y + 15}" font-size="13" text-anchor="end" '
            f'fill="#1b1f24">{escape(bar.label)}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{x(bar.mean) - LABEL:.1f}" height="16" '
            f'fill="{colour}" fill-opacity="0.75"/>'
            f'<line x1="{low:.1f}" y1="{y + 12}" x2="{high:.1f}" y2="{y + 12}" stroke="#1b1f24" '
            f'stroke-width="2"/>'
            f'<line x1="{low:.1f}" y1="{y + 6}" x2="{low:.1f}" y2="{y + 18}" stroke="#1b1f24" '
            f'stroke-width="2"/>'
            f'<line x1="{high:.1f}" y1="{y + 6}" x2="{high:.1f}" y2="{y + 18}" stroke="#1b1f24" '
            f'stroke-width="2"/>'
            f'<text x="{LABEL + PLOT + 8}" y="{y + 16}" font-size="12" fill="#1b1f24">'
            f"{clamp(bar.mean):.0%}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
