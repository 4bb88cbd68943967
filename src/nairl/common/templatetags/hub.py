from django import template
from django.utils.safestring import mark_safe

from nairl.common.markup import text as html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (e.g. the page cursor)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


@register.filter
def lang_text(text):
    """A bilingual text in a span that tells screen readers its language when it is a fallback."""
    language = getattr(text, "language", None)
    if language:
        # What format_html gives, without its checks: a directory page calls this 150 times.
        return mark_safe(f'<span lang="{html(language)}">{html(text)}</span>')
    return text
