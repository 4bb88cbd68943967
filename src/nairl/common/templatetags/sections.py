"""Renders the sections of the registries (`nairl.common.registries`) inside a page."""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def show_section(context, shown):
    """One shown section: its template, with the page's context plus the section's own."""
    section_template = get_template(shown.section.template).template
    with context.push(**shown.context):
        return section_template.render(context)
