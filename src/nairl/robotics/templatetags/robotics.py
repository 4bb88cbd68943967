from django import template

from nairl.robotics.domain.capabilities import capability_label as label_of

register = template.Library()


@register.filter
def capability_label(code):
    """`{{ suite.capability|capability_label }}`: the capability's name in the reader's language."""
    return label_of(code)
