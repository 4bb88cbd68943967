"""The ranking table's rows, built in Python: the page shows a hundred rows of ten cells, and
the template engine's per-variable lookups and number formatting cost more than the ranking."""

from django import template
from django.utils.formats import get_format, localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nairl.common.markup import text, url_for_pk

register = template.Library()


def number(value, separator: str) -> str:
    """What `{{ value }}` shows for an int or a float (no thousands grouping is configured),
    without the template engine's per-value format lookups."""
    if value is None:
        return "—"
    text = str(value)
    return localize(value) if "e" in text else text.replace(".", separator)


@register.simple_tag
def ranking_rows(rows):
    """One <tr> per `calls.domain.ranking.Row`, or the empty note. Only the application's code,
    title and status are text; every other cell is a number or a URL we made."""
    if not rows:
        return format_html('<tr><td colspan="10">{}</td></tr>', _("No submitted application yet."))
    separator = get_format("DECIMAL_SEPARATOR")
    url = url_for_pk("calls:application")
    discuss = format_html(' <span class="tag">{}</span>', _("discuss"))
    html = []
    for row in rows:
        application = row.application
        code = text(application.code)
        cells = [
            f'<input type="checkbox" name="applications" value="{application.pk}" '
            f'aria-label="{code}">',
            number(row.rank, separator),
            f'<a href="{url(application.pk)}">{code} {text(application.title)}</a>',
            text(application.get_status_display()),
            number(row.reviews, separator),
            number(row.mean, separator),
            number(row.median, separator),
            number(row.normalised, separator),
            number(row.spread, separator) + (discuss if row.disputed else ""),
            number(row.conflicts, separator),
        ]
        flagged = ' class="flagged"' if row.disputed else ""
        html.append(f"<tr{flagged}><td>" + "</td><td>".join(cells) + "</td></tr>")
    return mark_safe("".join(html))
