from django import template

from nairl.robotics import capabilities

register = template.Library()


@register.filter
def capability_label(code):
    """`{{ suite.capability|capability_label }}`: the capability's name in the reader's language."""
    return capabilities.capability_label(code)


@register.filter
def suite_description(name, description):
    """`{{ suite.name|suite_description:suite.description }}`: in the reader's language."""
    return capabilities.suite_description(name, description)
