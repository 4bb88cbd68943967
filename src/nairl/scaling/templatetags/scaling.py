from django import template

from nairl.scaling.domain.flags import readable_flag as readable

register = template.Library()


@register.filter
def readable_flag(flag):
    """`{{ flag|readable_flag }}`: a fit's warning in the reader's language."""
    return readable(flag)
