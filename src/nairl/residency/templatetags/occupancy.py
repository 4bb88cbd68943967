"""The heat map's cells, written in Python: 600 desks over 90 days are 720 cells a page, which
one template include per cell would make the slowest part of the page."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def heat_cells(row) -> SafeString:
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<td class="closed" title="{}">–</td>', cell.closed)
                if cell.closed
                else format_html(
                    '<td class="heat-{}" title="{} / {}">{}</td>',
                    cell.level,
                    cell.booked,
                    cell.desks,
                    cell.percent,
                ),
            )
            for cell in row.cells
        ),
    )
