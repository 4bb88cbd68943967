from django import template
from django.utils.html import format_html

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
        return format_html('<span lang="{}">{}</span>', language, text)
    return text
