"""The rows of a table of talks, built in Python: the upcoming-talks page, a series page and a
project's talks show fifty of them, and the template engine's per-variable lookups, date
filters and URL reversing cost most of those pages' time."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from nairl.common.markup import text, url_for_pk
from nairl.common.templatetags.hub import lang_text

from ..models import Talk

register = template.Library()


@register.simple_tag
def talk_rows(talks, show_series=None):
    """One <tr> per talk (with its series and speaker loaded), or the empty note; the series
    column is left empty when `show_series` is False (a series' own page)."""
    talks = list(talks)
    if not talks:
        return format_html('<tr><td colspan="4">{}</td></tr>', _("No talk matches this search."))
    talk_url, series_url = url_for_pk("seminars:talk"), url_for_pk("seminars:series")
    tags = {
        name: format_html(' <span class="tag">{}</span>', label)
        for name, label in (
            ("cancelled", _("cancelled")),
            ("moved", _("moved")),
            ("unpublished", _("unpublished")),
        )
    }
    rows = []
    for talk in talks:
        start = template_localtime(talk.start)
        status = (
            tags["cancelled"]
            if talk.is_cancelled
            else tags["moved"]
            if talk.status == Talk.Status.MOVED
            else ""
        )
        speaker = lang_text(talk.speaker.name) if talk.speaker else talk.guest_name
        series = (
            f'<a href="{series_url(talk.series_id)}">{text(lang_text(talk.series.title))}</a>'
            if show_series is not False
            else ""
        )
        rows.append(
            f'<tr><td><time datetime="{text(date_format(start, "c"))}">'
            f"{text(date_format(start, 'Y-m-d (D) H:i'))}</time></td>"
            f'<td><a href="{talk_url(talk.pk)}">{text(lang_text(talk.title))}</a>{status}'
            f"{'' if talk.is_published else tags['unpublished']}</td>"
            f"<td>{text(speaker)}</td><td>{series}</td></tr>"
        )
    return mark_safe("".join(rows))
