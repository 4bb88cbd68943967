"""The directory's result cards, built in Python: the page every visitor searches renders fifty
of them, and the template engine's per-variable lookups cost most of its time."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nairl.common.choices import country_names
from nairl.common.templatetags.hub import lang_text
from nairl.people.models import Affiliation

register = template.Library()


@register.simple_tag
def person_cards(people):
    """One <li> per person (`people` carries `with_directory_details`), or the empty note."""
    # Labels read once per page, not once per card.
    roles = {value: str(label) for value, label in Affiliation.Role.choices}
    countries = country_names(get_language())
    cards = [person_card(person, roles, countries) for person in people]
    if not cards:
        return format_html("<li>{}</li>", _("No one matches this search."))
    return mark_safe("".join(cards))


def person_card(person, roles: dict, countries: dict) -> str:
    private = (
        format_html(' <span class="tag">{}</span>', _("private")) if not person.is_public else ""
    )
    affiliations = format_html_join(
        "",
        '<div>{} <span class="muted">· {}</span></div>',
        (
            (lang_text(affiliation.institution.name), roles.get(affiliation.role, ""))
            for affiliation in person.current_affiliations
        ),
    )
    code = person.country.code
    country = format_html('<div class="muted">{}</div>', countries.get(code, code)) if code else ""
    areas = format_html_join(
        "",
        '<span class="tag" title="{}">{}</span>',
        ((area.name, area.code) for area in person.expertise.all()),
    )
    return format_html(
        '<li><a href="{}"><strong>{}</strong></a>{}{}{}<div>{}</div></li>',
        person.get_absolute_url(),
        lang_text(person.name),
        private,
        affiliations,
        country,
        areas,
    )
