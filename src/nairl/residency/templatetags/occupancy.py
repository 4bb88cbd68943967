"""The heat map's cells, written in plain Python: 600 desks over 90 days are 720 cells a page,
which a template tag or `format_html` per cell would make the slowest part of the page."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def heat_cells(row) -> SafeString:
    cells = []
    for cell in row.cells:
        if cell.closed:
            cells.append(f'<td class="closed" title="{escape(str(cell.closed))}">–</td>')
        else:
            cells.append(
                f'<td class="heat-{cell.level:d}" title="{cell.booked:d} / {cell.desks:d}">'
                f"{cell.percent:d}</td>"
            )
    return mark_safe("".join(cells))  # numbers, and the closed reason escaped above
